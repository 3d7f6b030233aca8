import { openDatabase, type Database } from "../../src/infra/db/database";
import { fixedRead } from "../../src/infra/db/sql";
import { StatementNames } from "../../src/infra/db/prepared-statements";
import { createLogger } from "../../src/infra/logger";
import { testDatabase, type TestDatabase } from "../support/database";

describe("statement names", () => {
  test("a text is named when it comes the second time, and keeps its name", () => {
    const names = new StatementNames(8);
    expect(names.nameFor("SELECT 1")).toBeUndefined();
    const name = names.nameFor("SELECT 1");
    expect(name).toMatch(/^hub_\d+$/);
    expect(names.nameFor("SELECT 1")).toBe(name);
    names.nameFor("SELECT 2");
    expect(names.nameFor("SELECT 2")).not.toBe(name);
  });

  test("once the names are used up, new texts stay unnamed and named ones keep theirs", () => {
    const names = new StatementNames(1);
    names.nameFor("SELECT 1");
    const first = names.nameFor("SELECT 1");
    names.nameFor("SELECT 2");
    expect(names.nameFor("SELECT 2")).toBeUndefined();
    expect(names.nameFor("SELECT 1")).toBe(first);
    // No names at all (HUB_PG_NAMED_STATEMENTS=off): not even a text that keeps coming.
    const none = new StatementNames(0);
    for (let i = 0; i < 3; i++) expect(none.nameFor("SELECT 1")).toBeUndefined();
  });
});

// On PostgreSQL only (CI's second suite): what the connection really holds, over a pool of one connection.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres("named statements on PostgreSQL", () => {
  let target: TestDatabase;
  const opened: Database[] = [];
  const poolSize = process.env.HUB_DB_POOL_SIZE;

  beforeAll(async () => {
    target = await testDatabase();
    process.env.HUB_DB_POOL_SIZE = "1";
  });
  afterAll(async () => {
    if (poolSize === undefined) delete process.env.HUB_DB_POOL_SIZE;
    else process.env.HUB_DB_POOL_SIZE = poolSize;
    for (const db of opened) await db.close();
    await target.drop();
  });

  const open = async (namedStatements: boolean) => {
    const db = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: "", namedStatements, log: createLogger("silent") });
    opened.push(db);
    return db;
  };
  const prepared = (db: Database) =>
    fixedRead<{ name: string; statement: string }>(db.prisma, `SELECT name, statement FROM pg_prepared_statements ORDER BY name`, []);

  test("Prisma's statements and fixed reads are prepared once seen twice, and answer for each call's values", async () => {
    const db = await open(true);
    const keys = ["named-a", "named-b", "named-c", "named-d"];
    for (const key of keys) await db.prisma.setting.create({ data: { key, value: `value of ${key}` } });
    // The same statement text with different values, named from the second call on.
    for (const key of keys) expect((await db.prisma.setting.findUnique({ where: { key } }))?.value).toBe(`value of ${key}`);
    const statements = await prepared(db);
    expect(statements.some((s) => s.name.startsWith("hub_") && s.statement.includes(`"Setting"`) && s.statement.startsWith("SELECT"))).toBe(true);
    // The reader's own text has come once: not named yet; the second time it is, and it sees itself.
    expect(statements.some((s) => s.statement.includes("pg_prepared_statements"))).toBe(false);
    expect((await prepared(db)).some((s) => s.statement.includes("pg_prepared_statements"))).toBe(true);
  });

  test("HUB_PG_NAMED_STATEMENTS=off leaves every statement unnamed", async () => {
    const db = await open(false);
    for (let i = 0; i < 3; i++) await db.prisma.setting.findMany({ where: { key: `off-${i}` } });
    await prepared(db);
    expect(await prepared(db)).toEqual([]);
  });
});
