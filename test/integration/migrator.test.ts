import { PGlite } from "@electric-sql/pglite";
import { migrate, readMigrations } from "../../src/infra/db/migrator";
import { pgSession, pgliteSession } from "../../src/infra/db/sql-session";
import { createLogger } from "../../src/infra/logger";
import { Client } from "pg";
import { testDatabase } from "../support/database";

const log = createLogger("silent");

test("applies every migration once, records it as Prisma does, and refuses an edited one", async () => {
  const db = new PGlite();
  const session = pgliteSession(db);
  const migrations = readMigrations();
  expect(await migrate(session, log, migrations)).toEqual(migrations.map((m) => m.name));
  expect(await migrate(session, log, migrations)).toEqual([]);
  const rows = await session.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
  expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
  expect(rows.map((r) => r.checksum)).toEqual(migrations.map((m) => m.checksum));
  expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
  await expect(migrate(session, log, edited)).rejects.toThrow(/changed after it was applied/);
  await db.close();
});

test("a failing migration leaves neither its changes nor its record", async () => {
  const db = new PGlite();
  const session = pgliteSession(db);
  const broken = [{ name: "20990101000000_broken", checksum: "f".repeat(64), sql: `CREATE TABLE "Half" (id int); SELECT no_such_function();` }];
  await expect(migrate(session, log, broken)).rejects.toThrow();
  const tables = await session.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Half'`);
  expect(tables[0].n).toBe(0);
  expect((await session.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`))[0].n).toBe(0);
  await db.close();
});

const onPostgres = process.env.DATABASE_URL ? test : test.skip;
onPostgres("instances starting at once on PostgreSQL: one applies, the others wait and apply nothing", async () => {
  const database = await testDatabase({ empty: true });
  const clients = await Promise.all(
    [1, 2, 3].map(async () => {
      const client = new Client({ connectionString: database.databaseUrl! });
      await client.connect();
      return client;
    }),
  );
  try {
    const applied = await Promise.all(clients.map((c) => migrate(pgSession(c), log)));
    expect(applied.flat().sort()).toEqual(readMigrations().map((m) => m.name).sort());
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await database.drop();
  }
});
