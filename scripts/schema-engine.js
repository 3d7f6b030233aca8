// Loads Prisma's schema engine compiled to WebAssembly, bound to an in-memory PGlite (used as the shadow
// database). The CLI's native engine cannot be downloaded on a closed network (PLATFORM-NOTES.md).
// Node 20 cannot import the .wasm as an ES module, so it is instantiated by hand.
const fs = require("node:fs");
const path = require("node:path");

async function loadSchemaEngine() {
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(bgPath);
  const bg = await import(bgPath);
  const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

async function openEngine(schemaPath) {
  const bg = await loadSchemaEngine();
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = require("pglite-prisma-adapter");
  const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");
  const pglite = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const adapter = await factory.connect();
  const datamodel = fs.readFileSync(schemaPath, "utf8");
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, () => {}, factory);
  return { engine, datamodel, close: async () => { await adapter.dispose?.(); await pglite.close(); } };
}

function readMigrations(baseDir) {
  const dirs = fs.existsSync(baseDir)
    ? fs.readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: readIfExists(path.join(baseDir, "migration_lock.toml")) },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: fs.readFileSync(path.join(baseDir, name, "migration.sql"), "utf8") } },
    })),
  };
}

function readIfExists(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
}

/** The SQL that takes a database from the migrations' end state to the schema; "" when they agree. */
async function diffMigrationsToSchema(schemaPath, migrationsDir) {
  const { engine, datamodel, close } = await openEngine(schemaPath);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrations(migrationsDir) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result;
  } finally {
    await close();
  }
}

module.exports = { diffMigrationsToSchema, readMigrations };
