// `npm run build` and `npm start`'s prestart: compiles (tsc) and bundles the pages (build-web.js), then records a
// fingerprint of every input (path, size, mtime) in dist/.build-inputs. With `--if-stale` (prestart) nothing is
// built when the fingerprint still matches: a restart on an unchanged checkout starts at once instead of after
// about 20 s of building. The fingerprint is taken before building, so an edit made during a build is not missed.
const { execFileSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const STAMP = path.join(root, "dist", ".build-inputs");
const INPUTS = ["src", "bench", "schema/operations", "scripts", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];

function* files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  if (!fs.statSync(full).isDirectory()) return yield entry;
  for (const name of fs.readdirSync(full).sort()) yield* files(path.join(entry, name));
}

function fingerprint() {
  const hash = crypto.createHash("sha256");
  for (const entry of INPUTS) {
    for (const file of files(entry)) {
      const stat = fs.statSync(path.join(root, file));
      hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash.digest("hex");
}

function built() {
  return fs.existsSync(path.join(root, "dist", "src", "main.js")) && fs.existsSync(path.join(root, "dist", "web", "dashboard.js"));
}

const inputs = fingerprint();
if (process.argv.includes("--if-stale") && built() && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8").trim() === inputs) {
  console.log("build is current (dist/.build-inputs): not rebuilding");
  process.exit(0);
}
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
run(process.execPath, [path.join(__dirname, "build-web.js")]);
fs.writeFileSync(STAMP, `${inputs}\n`);
