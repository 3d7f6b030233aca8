// A hub loads only the drivers its configuration uses: each of pg, PGlite, ioredis costs start-up time (35–85 ms
// on these machines), as do jose's and class-validator's entry points (docs/benchmarks.md, "Session 11").
// The built hub is started in a child process, which reports the files of node_modules it loaded.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { testDatabase, type TestDatabase } from "../support/database";

const APP = path.join(__dirname, "..", "..", "dist", "src", "app.js");
const CONFIG = path.join(__dirname, "..", "..", "dist", "src", "config.js");

// Starts the hub as main.ts does, stops it, and prints the packages whose files it required.
const SCRIPT = `
const { startHub } = require(${JSON.stringify(APP)});
const { loadConfig } = require(${JSON.stringify(CONFIG)});
startHub({ config: loadConfig(process.env) }).then(async (hub) => {
  await hub.stop();
  const files = Object.keys(require.cache).filter((f) => f.includes("/node_modules/")).map((f) => f.split("/node_modules/").pop());
  process.stdout.write(JSON.stringify(files), () => process.exit(0));
});
`;

async function loadedFiles(env: Record<string, string>): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", SCRIPT], {
    env: { PATH: process.env.PATH, HOST: "127.0.0.1", PORT: "0", HUB_DEMO: "off", LOG_LEVEL: "warn", HUB_JWT_SECRET: "modules-secret-modules-secret-0123456789", ...env },
  });
  return JSON.parse(stdout) as string[];
}

const loads = (files: string[], prefix: string) => files.some((f) => f.startsWith(prefix));

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.drop());

test("a hub loads its own database's driver and not the other's, ioredis only with REDIS_URL, and no heavy entry points", async () => {
  const env: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { HUB_DATA_DIR: "memory://modules" };
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  const files = await loadedFiles(env);
  const onPostgres = Boolean(database.databaseUrl);
  expect({
    pg: loads(files, "pg/"),
    prismaPgAdapter: loads(files, "@prisma/adapter-pg/"),
    pglite: loads(files, "@electric-sql/pglite/"),
    ioredis: loads(files, "ioredis/"),
  }).toEqual({ pg: onPostgres, prismaPgAdapter: onPostgres, pglite: !onPostgres, ioredis: Boolean(process.env.REDIS_URL) });
  // The entry points that load all of JOSE, all of class-validator's decorators with validator.js and libphonenumber-js.
  expect(files.filter((f) => ["jose/dist/node/cjs/index.js", "class-validator/cjs/index.js"].includes(f) || f.startsWith("libphonenumber-js/"))).toEqual([]);
  // What the hub does use from them is loaded.
  expect(files).toEqual(expect.arrayContaining(["jose/dist/node/cjs/jwt/verify.js", "class-validator/cjs/decorator/string/MaxLength.js"]));
});
