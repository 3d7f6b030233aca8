#!/usr/bin/env node
// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
// that takes the existing migrations to prisma/schema.prisma. Offline: Prisma's WebAssembly schema engine
// replays the migrations on an in-memory PGlite (the shadow database) and diffs.
const fs = require("node:fs");
const path = require("node:path");
const { diffMigrationsToSchema } = require("./schema-engine");

const root = path.join(__dirname, "..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");

async function main() {
  const name = (process.argv[2] || "").trim();
  if (!/^[a-z0-9_]+$/i.test(name)) {
    console.error("usage: npm run db:migration -- <name>   (letters, digits, underscores)");
    process.exit(64);
  }
  const { exitCode, stdout } = await diffMigrationsToSchema(schemaPath, migrationsDir);
  if (exitCode === 0 || !stdout.trim() || /^-- This is an empty migration/.test(stdout.trim())) {
    console.log("schema.prisma and the migrations agree: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), stdout);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql (${stdout.split("\n").length} lines)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
