// Baseline 2 (the floor any GraphQL server pays for the data): a hand-written node:http endpoint that verifies
// the same JWT, runs the same SQL statements as the hub for the two benchmarked queries (fewer columns), and
// builds the same JSON by hand. `pg` Pool (size 10, like the hub's) on PostgreSQL, each statement text named (prepared
// once per connection) as the hub names its own (src/infra/db/prepared-statements.ts), so that the floor does not
// include parsing the hub no longer pays for; the PGlite client on PGlite.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { jwtVerify } from "jose";
import { Pool } from "pg";

type Row = Record<string, any>;
type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

/** Each supplier kind's table and GraphQL type (the hub's registry, written out: this server shares no hub code). */
const SUPPLIER_TABLES: Record<string, string> = { EXPERT: "Expert", PLATFORM: "InnovationPlatform", SOCIETY: "Society", UNIVERSITY: "University" };
const SUPPLIER_TYPES: Record<string, string> = { EXPERT: "Expert", PLATFORM: "InnovationPlatform", SOCIETY: "Society", UNIVERSITY: "University" };
const key = new TextEncoder().encode(process.env.HUB_JWT_SECRET!);
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
const list = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(",");

async function openDb(): Promise<{ query: Query; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.HUB_DB_POOL_SIZE || 10) });
    const names = new Map<string, string>();
    const nameOf = (sql: string) => names.get(sql) ?? names.set(sql, `hand_${names.size + 1}`).get(sql)!;
    return { query: async (sql, params) => (await pool.query({ name: nameOf(sql), text: sql, values: params })).rows, close: () => pool.end() };
  }
  const db = new PGlite(process.env.HUB_DATA_DIR!);
  await db.waitReady;
  return { query: async (sql, params) => (await db.query<Row>(sql, params)).rows, close: () => db.close() };
}

async function viewer(query: Query, authorization: string | undefined): Promise<Row> {
  const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  if (!token) throw new Error("no token");
  const { payload } = await jwtVerify(token, key, { issuer: "kechuang-hub", algorithms: ["HS256"] });
  const [user] = await query(`SELECT id, role::text, "enterpriseId", active, "tokenVersion" FROM "User" WHERE id = $1`, [Number(payload.sub)]);
  if (!user || !user.active || user.tokenVersion !== payload.ver) throw new Error("bad token");
  return user;
}

const byKey = <T extends Row>(rows: T[], key: string) => new Map(rows.map((r) => [r[key], r]));
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

async function chainsOf(query: Query, codes: string[]) {
  const unique = [...new Set(codes)];
  return byKey(await query(`SELECT code, name FROM "IndustryChain" WHERE code IN (${list(unique.length)})`, unique), "code");
}

/** The enterprise home page: me → organization → needs(first) with chain and top 5 matches with suppliers. */
async function home(query: Query, user: Row, first: number) {
  const [org] = await query(`SELECT id, name FROM "Enterprise" WHERE id = $1`, [user.enterpriseId]);
  const [needs, [{ count }]] = await Promise.all([
    query(`SELECT id, title, status::text, kind::text, "createdAt", "chainCode" FROM "TechNeed" WHERE "enterpriseId" = $1 ORDER BY id DESC LIMIT $2`, [org.id, first]),
    query(`SELECT COUNT(*)::int AS count FROM "TechNeed" WHERE "enterpriseId" = $1`, [org.id]),
  ]);
  const ids = needs.map((n) => n.id);
  const [chains, matches] = await Promise.all([
    chainsOf(query, needs.map((n) => n.chainCode)),
    ids.length
      ? query(
          `SELECT id, "needId", score, rank, reason, "supplierKind"::text, "supplierId" FROM "Match" WHERE "needId" IN (${list(ids.length)}) AND rank <= 5 ORDER BY "needId", rank`,
          ids,
        )
      : Promise.resolve([] as Row[]),
  ]);
  // One key per match (supplierKind, supplierId): the names of each kind's suppliers in one statement per kind present.
  const idsOf = (kind: string) => [...new Set(matches.filter((m) => m.supplierKind === kind).map((m) => m.supplierId))] as number[];
  const names = new Map<string, Map<unknown, Row>>(
    await Promise.all(
      Object.entries(SUPPLIER_TABLES).map(async ([kind, table]) => {
        const wanted = idsOf(kind);
        return [kind, byKey(wanted.length ? await query(`SELECT id, name FROM "${table}" WHERE id IN (${list(wanted.length)})`, wanted) : [], "id")] as const;
      }),
    ),
  );
  const supplier = (m: Row) => ({ __typename: SUPPLIER_TYPES[m.supplierKind], id: gid(SUPPLIER_TYPES[m.supplierKind], m.supplierId), name: names.get(m.supplierKind)!.get(m.supplierId)!.name });
  const matchesOf = new Map<number, Row[]>();
  for (const m of matches) matchesOf.set(m.needId, [...(matchesOf.get(m.needId) ?? []), m]);
  return {
    data: {
      me: {
        organization: {
          id: gid("Enterprise", org.id),
          name: org.name,
          needs: {
            totalCount: count,
            edges: needs.map((n) => ({
              node: {
                id: gid("TechNeed", n.id),
                title: n.title,
                status: n.status,
                kind: n.kind,
                createdAt: iso(n.createdAt),
                industryChain: { code: n.chainCode, name: chains.get(n.chainCode)!.name },
                matches: (matchesOf.get(n.id) ?? []).map((m) => ({
                  id: gid("Match", m.id),
                  score: m.score,
                  rank: m.rank,
                  reason: m.reason,
                  supplierKind: m.supplierKind,
                  supplier: supplier(m),
                })),
              },
            })),
          },
        },
      },
    },
  };
}

/** The analyst list: newest needs with enterprise (and region), chain and their matches' ids (the count). */
async function analyst(query: Query, first: number) {
  const [needs, [{ count }]] = await Promise.all([
    query(`SELECT id, title, status::text, "createdAt", "enterpriseId", "chainCode" FROM "TechNeed" ORDER BY id DESC LIMIT $1`, [first]),
    query(`SELECT COUNT(*)::int AS count FROM "TechNeed"`, []),
  ]);
  const ids = needs.map((n) => n.id);
  const enterpriseIds = [...new Set(needs.map((n) => n.enterpriseId))];
  const [chains, enterprises, matches] = await Promise.all([
    chainsOf(query, needs.map((n) => n.chainCode)),
    query(`SELECT id, name, "regionCode" FROM "Enterprise" WHERE id IN (${list(enterpriseIds.length)})`, enterpriseIds),
    query(`SELECT id, "needId" FROM "Match" WHERE "needId" IN (${list(ids.length)}) AND rank <= 30 ORDER BY "needId", rank`, ids),
  ]);
  const regionCodes = [...new Set(enterprises.map((e) => e.regionCode))];
  const regions = byKey(await query(`SELECT code, name FROM "Region" WHERE code IN (${list(regionCodes.length)})`, regionCodes), "code");
  const enterpriseById = byKey(enterprises, "id");
  const matchesOf = new Map<number, Row[]>();
  for (const m of matches) matchesOf.set(m.needId, [...(matchesOf.get(m.needId) ?? []), m]);
  return {
    data: {
      needs: {
        totalCount: count,
        edges: needs.map((n) => {
          const e = enterpriseById.get(n.enterpriseId)!;
          return {
            node: {
              id: gid("TechNeed", n.id),
              title: n.title,
              status: n.status,
              createdAt: iso(n.createdAt),
              enterprise: { id: gid("Enterprise", e.id), name: e.name, region: { code: e.regionCode, name: regions.get(e.regionCode)!.name } },
              industryChain: { code: n.chainCode, name: chains.get(n.chainCode)!.name },
              matches: (matchesOf.get(n.id) ?? []).map((m) => ({ id: gid("Match", m.id) })),
            },
          };
        }),
      },
    },
  };
}

async function main() {
  const db = await openDb();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables?: { first?: number } };
        const user = await viewer(db.query, req.headers.authorization);
        const first = Math.min(100, body.variables?.first ?? 20);
        const result = body.query.includes("EnterpriseHome") ? await home(db.query, user, first) : await analyst(db.query, first);
        const text = JSON.stringify(result);
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
        res.end(text);
      } catch (err) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: String(err) }] }));
      }
    });
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`));
  process.once("SIGTERM", () => server.close(() => void db.close().then(() => process.exit(0))));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
