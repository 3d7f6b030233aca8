import { PGlite } from "@electric-sql/pglite";
import { migrate, readMigrations } from "../../src/infra/db/migrator";
import { pgliteSession, type SqlSession } from "../../src/infra/db/sql-session";
import { createLogger } from "../../src/infra/logger";

// Match, Invitation and Docking refer to a supplier by one key (supplierKind, supplierId), a foreign key to "Supplier",
// whose rows the kind tables' triggers keep (migration 20261207040000_supplier_key).
const log = createLogger("silent");
const KEY_MIGRATION = "20261207040000_supplier_key";

let db: PGlite;
let session: SqlSession;
const one = async (sql: string) => (await session.query(sql))[0];

beforeAll(async () => {
  db = new PGlite();
  session = pgliteSession(db);
  const migrations = readMigrations();
  const at = migrations.findIndex((m) => m.name === KEY_MIGRATION);
  expect(at).toBeGreaterThan(0);
  // A database as it was before the key: a match of each kind, an invitation and a docking in the per-kind columns.
  await migrate(session, log, migrations.slice(0, at));
  await session.exec(`
    INSERT INTO "Region" (code, name) VALUES ('411302', '宛城区') ON CONFLICT DO NOTHING;
    INSERT INTO "IndustryChain" (code, name) VALUES ('NEW_ENERGY', '新能源') ON CONFLICT DO NOTHING;
    INSERT INTO "Enterprise" (id, name, "creditCode", "regionCode", "updatedAt") VALUES (1, '南阳企业', '91411300MA00000001', '411302', now());
    INSERT INTO "TechNeed" (id, "enterpriseId", title, description, "chainCode", kind, "updatedAt") VALUES (1, 1, '需求', '描述', 'NEW_ENERGY', 'CONSULTING', now());
    INSERT INTO "Expert" (id, name, expertise, "updatedAt") VALUES (7, '专家', '储能', now());
    INSERT INTO "InnovationPlatform" (id, name, kind, capabilities, "updatedAt") VALUES (8, '实验室', 'NATIONAL_KEY_LAB', '中试', now());
    INSERT INTO "Society" (id, name, level, "updatedAt") VALUES (9, '学会', 'MUNICIPAL', now());
    INSERT INTO "University" (id, name, "updatedAt") VALUES (10, '南阳理工学院', now());
    INSERT INTO "SocietyMembership" ("societyId", "expertId") VALUES (9, 7);
    INSERT INTO "Match" (id, "needId", "supplierKind", "expertId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (1, 1, 'EXPERT', 7, 0.9, 1, '[]', '{}', now());
    INSERT INTO "Match" (id, "needId", "supplierKind", "platformId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (2, 1, 'PLATFORM', 8, 0.8, 2, '[]', '{}', now());
    INSERT INTO "Match" (id, "needId", "supplierKind", "societyId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (3, 1, 'SOCIETY', 9, 0.7, 3, '[]', '{}', now());
    INSERT INTO "Match" (id, "needId", "supplierKind", "universityId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (4, 1, 'UNIVERSITY', 10, 0.6, 4, '[]', '{}', now());
    INSERT INTO "Invitation" (id, "needId", "matchId", "supplierKind", "expertId", status, "updatedAt") VALUES (1, 1, 1, 'EXPERT', 7, 'ACCEPTED', now());
    INSERT INTO "Docking" (id, "needId", "supplierKind", "universityId", "startsAt", "updatedAt") VALUES (1, 1, 'UNIVERSITY', 10, now(), now());
    SELECT setval(pg_get_serial_sequence('"Match"', 'id'), 100);
  `);
  await migrate(session, log);
});

afterAll(() => db.close());

test("the migration moves each row's supplier to the key and makes a Supplier row for every supplier there", async () => {
  const key = (table: string) => session.query(`SELECT id, "supplierKind"::text AS kind, "supplierId" AS "supplierId" FROM "${table}" ORDER BY id`);
  expect(await key("Match")).toEqual([
    { id: 1, kind: "EXPERT", supplierId: 7 },
    { id: 2, kind: "PLATFORM", supplierId: 8 },
    { id: 3, kind: "SOCIETY", supplierId: 9 },
    { id: 4, kind: "UNIVERSITY", supplierId: 10 },
  ]);
  expect(await key("Invitation")).toEqual([{ id: 1, kind: "EXPERT", supplierId: 7 }]);
  expect(await key("Docking")).toEqual([{ id: 1, kind: "UNIVERSITY", supplierId: 10 }]);
  expect(await session.query(`SELECT kind::text AS kind, id FROM "Supplier" ORDER BY kind, id`)).toEqual([
    { kind: "EXPERT", id: 7 },
    { kind: "PLATFORM", id: 8 },
    { kind: "SOCIETY", id: 9 },
    { kind: "UNIVERSITY", id: 10 },
  ]);
  const columns = await session.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('Match', 'Invitation', 'Docking') AND column_name IN ('expertId', 'platformId', 'societyId', 'universityId')`,
  );
  expect(columns).toEqual([]);
});

test("a new supplier gets its Supplier row; a key naming no supplier is refused", async () => {
  await session.query(`INSERT INTO "Expert" (id, name, expertise, "updatedAt") VALUES (20, '新专家', '氢能', now()), (21, '新专家二', '氢能', now())`);
  expect((await one(`SELECT count(*)::int AS n FROM "Supplier" WHERE kind = 'EXPERT' AND id IN (20, 21)`)).n).toBe(2);
  // An expert 22 does not exist: neither does its Supplier row, and the foreign key refuses the match.
  await expect(
    session.query(`INSERT INTO "Match" ("needId", "supplierKind", "supplierId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (1, 'EXPERT', 22, 0.5, 9, '[]', '{}', now())`),
  ).rejects.toThrow(/foreign key/);
  // Nor may an id of one kind stand for another kind's row (platform 7 does not exist, expert 7 does).
  await expect(
    session.query(`INSERT INTO "Match" ("needId", "supplierKind", "supplierId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (1, 'PLATFORM', 7, 0.5, 9, '[]', '{}', now())`),
  ).rejects.toThrow(/foreign key/);
});

test("one match per need and supplier", async () => {
  await expect(
    session.query(`INSERT INTO "Match" ("needId", "supplierKind", "supplierId", score, rank, breakdown, "matchedTerms", "updatedAt") VALUES (1, 'EXPERT', 7, 0.5, 9, '[]', '{}', now())`),
  ).rejects.toThrow(/unique/);
});

test("removing a supplier removes its Supplier row, matches, invitations and dockings, and no other kind's", async () => {
  await session.query(`DELETE FROM "University" WHERE id = 10`);
  expect(await session.query(`SELECT id FROM "Docking"`)).toEqual([]);
  expect((await session.query(`SELECT id FROM "Match" ORDER BY id`)).map((r) => r.id)).toEqual([1, 2, 3]);
  await session.query(`DELETE FROM "Expert" WHERE id = 7`);
  expect((await session.query(`SELECT id FROM "Match" ORDER BY id`)).map((r) => r.id)).toEqual([2, 3]);
  expect(await session.query(`SELECT id FROM "Invitation"`)).toEqual([]);
  expect(await session.query(`SELECT kind::text AS kind, id FROM "Supplier" WHERE id IN (7, 10)`)).toEqual([]);
  expect((await one(`SELECT count(*)::int AS n FROM "Supplier" WHERE kind = 'SOCIETY' AND id = 9`)).n).toBe(1);
});
