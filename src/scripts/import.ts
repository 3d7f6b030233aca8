import fs from "node:fs";
import path from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { openHubServices } from "../app";
import { ConfigError, loadConfig } from "../config";
import { DataDirInUse } from "../infra/db/data-dir-lock";
import type { Context } from "../context/context";
import { createLoaders } from "../context/loaders";
import { createLogger } from "../infra/logger";
import { IMPORT_KINDS, type ImportKind } from "../modules/import/import.columns";
import type { ImportProgress } from "../modules/import/import.service";

/**
 * `npm run import -- --kind enterprises|societies|experts|platforms|needs FILE.(xlsx|csv) [--dry-run]`: the same
 * import as POST /import/<kind>, on the database the configuration names, as the configured ADMIN (HUB_ADMIN_EMAIL,
 * else the first ADMIN). Prints { created, updated, unchanged, errors }; exit code 1 when a row is bad.
 */
async function main() {
  const args = process.argv.slice(2);
  const kindAt = args.indexOf("--kind");
  const kind = (kindAt >= 0 ? args[kindAt + 1] : undefined) as ImportKind | undefined;
  const file = args.find((a, i) => !a.startsWith("--") && i !== kindAt + 1);
  if (!kind || !IMPORT_KINDS.includes(kind) || !file) {
    throw new ConfigError(`usage: npm run import -- --kind ${IMPORT_KINDS.join("|")} FILE.(xlsx|csv) [--dry-run]`);
  }
  const format = path.extname(file).toLowerCase() === ".csv" ? "csv" : "xlsx";
  // `npm run` runs in the project's folder: a relative path is the caller's, from where npm was called (INIT_CWD).
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!fs.existsSync(resolved)) throw new ConfigError(`No such file: ${resolved}`);
  const body = fs.readFileSync(resolved);
  const config = loadConfig();
  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const { services, database, close } = await openHubServices(config, log);
  const progress = progressBar();
  try {
    const admin = await services.prisma.user.findFirst({
      where: { role: "ADMIN", active: true, ...(config.adminEmail ? { email: config.adminEmail.toLowerCase() } : {}) },
      orderBy: { id: "asc" },
    });
    if (!admin) throw new ConfigError("No active ADMIN user: set HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD");
    const viewer = { kind: "user" as const, userId: admin.id, role: admin.role, enterpriseId: null, societyId: null, expertId: null, platformId: null, expiresAt: Number.MAX_SAFE_INTEGER, tokenVersion: admin.tokenVersion };
    const ctx: Context = { viewer, loaders: createLoaders(database.prisma, viewer), services, requestId: `import-${Date.now()}`, log };
    const started = performance.now();
    const result = await services.imports.run(ctx, kind, body, format, { dryRun: args.includes("--dry-run"), onProgress: progress.update });
    progress.stop();
    // How long the import itself took (the database's opening apart); `npm run bench -- import` reads this line.
    const seconds = (performance.now() - started) / 1000;
    const rows = result.created + result.updated + result.unchanged;
    if (!result.errors.length) process.stderr.write(`导入用时 ${seconds.toFixed(1)} s：${rows} 行，每秒 ${(rows / seconds).toFixed(0)} 行\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.exitCode = result.errors.length ? 1 : 0;
  } finally {
    progress.stop();
    await close();
  }
}

function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: ImportProgress; stop: () => void } {
  if (!stream.isTTY) {
    // Piped (a log, the benchmark): a line per phase's end, and one every 2 s meanwhile.
    let last = 0;
    const update: ImportProgress = (phase, done, total) => {
      if (done !== total && Date.now() - last < 2000) return;
      last = Date.now();
      stream.write(`${phase}: ${done}/${total}\n`);
    };
    return { update, stop: () => undefined };
  }
  const bar = new SingleBar({ format: "{phase} {bar} {percentage}% | {value}/{total}", stream, hideCursor: true }, Presets.shades_classic);
  let phase = "";
  let running = false;
  return {
    update: (next, done, total) => {
      if (next !== phase) {
        if (running) bar.stop();
        bar.start(total, done, { phase: next });
        phase = next;
        running = true;
      } else bar.update(done);
    },
    stop: () => {
      if (running) bar.stop();
      running = false;
    },
  };
}

main().catch((err) => {
  // A running hub holds the embedded database's folder: say so in one line (import over HTTP meanwhile).
  if (err instanceof DataDirInUse) console.error(`${err.message}, or import over HTTP (POST /import/<kind>) while it runs`);
  else console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
