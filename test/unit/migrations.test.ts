import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "../../src/infra/db/migrator";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { diffMigrationsToSchema } = require("../../scripts/schema-engine");

test("prisma/schema.prisma and the migrations agree (else: npm run db:migration -- <name>)", async () => {
  const schema = path.join(MIGRATIONS_DIR, "..", "schema.prisma");
  const { exitCode, stdout } = await diffMigrationsToSchema(schema, MIGRATIONS_DIR);
  expect({ exitCode, stdout: exitCode === 0 ? "" : stdout }).toEqual({ exitCode: 0, stdout: "" });
}, 60_000);

test("migrations are read in name order with checksums", () => {
  const migrations = readMigrations();
  expect(migrations.length).toBeGreaterThan(0);
  expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
  for (const m of migrations) expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
});
