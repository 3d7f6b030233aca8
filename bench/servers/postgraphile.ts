// The auto-generated peer: PostGraphile 5 (Amber preset, as `npx postgraphile -c <url>` serves it) over the same
// PostgreSQL database the hub uses, in its own process; prints READY <url>. No JWT, no roles, no row security:
// the bench gives it the home page's enterprise as a plain argument (see bench/lib/peer.ts), so it enforces
// nothing the hub's access rules do.
import http from "node:http";
import type { AddressInfo } from "node:net";

// PostGraphile 5 asks for Node ≥ 22; on Node 20 (this machine's, and the hub's `engines`) the one thing it misses
// is Promise.withResolvers (without it every query fails with "reading 'items'").
const withResolvers = Promise as unknown as { withResolvers?: () => unknown };
withResolvers.withResolvers ??= function <T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

// Loaded untyped: grafast's declarations augment graphql's ExecutionResult (`hasNext?: never`) for the whole
// compilation, which breaks the hub's graphql-ws types in src/app.ts.
const load = require as (id: string) => any;
const { postgraphile } = load("postgraphile");
const { makePgService } = load("postgraphile/adaptors/pg");
const { grafserv } = load("postgraphile/grafserv/node");
const { PostGraphileAmberPreset } = load("postgraphile/presets/amber");

/**
 * The hub names a match's supplier by one key (supplierKind, supplierId), a foreign key to "Supplier", not to each
 * kind's table, so no generated relation reaches the supplier's name. What a PostGraphile user writes for that: a
 * computed column (a STABLE function of the row, exposed as `Match.supplierName`), made here in the bench database.
 */
const SUPPLIER_NAME_FUNCTION = `
  CREATE OR REPLACE FUNCTION "Match_supplierName"(m "Match") RETURNS text STABLE LANGUAGE sql AS $$
    SELECT CASE m."supplierKind"
      WHEN 'EXPERT' THEN (SELECT name FROM "Expert" WHERE id = m."supplierId")
      WHEN 'PLATFORM' THEN (SELECT name FROM "InnovationPlatform" WHERE id = m."supplierId")
      WHEN 'SOCIETY' THEN (SELECT name FROM "Society" WHERE id = m."supplierId")
      WHEN 'UNIVERSITY' THEN (SELECT name FROM "University" WHERE id = m."supplierId")
    END
  $$`;

async function main() {
  const { Client } = load("pg");
  const client = new Client({ connectionString: process.env.DATABASE_URL! });
  await client.connect();
  await client.query(SUPPLIER_NAME_FUNCTION);
  await client.end();
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ connectionString: process.env.DATABASE_URL!, schemas: ["public"], poolConfig: { max: Number(process.env.HUB_DB_POOL_SIZE || 10) } })],
    grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  });
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  serv.addTo(server);
  await pgl.getSchema(); // build the schema before READY, so the first measured request does not pay for it
  server.listen(0, "127.0.0.1", () => process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`));
  process.once("SIGTERM", () => server.close(() => void Promise.resolve(pgl.release()).then(() => process.exit(0))));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
