import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../../src/infra/db/database";
import { fixedRead } from "../../src/infra/db/sql";
import { migrate } from "../../src/infra/db/migrator";
import { pgliteSession } from "../../src/infra/db/sql-session";
import { createLogger } from "../../src/infra/logger";

const log = createLogger("silent");

test("an in-memory database starts from a template's data folder, migrated, with what the template held", async () => {
  const source = new PGlite("memory://");
  await migrate(pgliteSession(source), log);
  await source.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('from-template', 'yes', now())`);
  const template = await source.dumpDataDir("none");
  await source.close();

  const database = await openDatabase({ databaseUrl: null, dataDir: "memory://", embeddedTemplate: template, log });
  try {
    expect(await fixedRead(database.prisma, `SELECT value FROM "Setting" WHERE key = $1`, ["from-template"])).toEqual([{ value: "yes" }]);
    // Writable, and separate from any other database started from the same template.
    await database.prisma.setting.create({ data: { key: "only-here", value: "1" } });
    const other = await openDatabase({ databaseUrl: null, dataDir: "memory://", embeddedTemplate: template, log });
    try {
      expect(await other.prisma.setting.findUnique({ where: { key: "only-here" } })).toBeNull();
      expect(await other.prisma.setting.findUnique({ where: { key: "from-template" } })).not.toBeNull();
    } finally {
      await other.close();
    }
  } finally {
    await database.close();
  }
}, 120_000);
