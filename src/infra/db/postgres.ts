import { PrismaPg } from "@prisma/adapter-pg";
import { Client, Pool, types, type QueryResultRow } from "pg";
import type { Logger } from "../logger";
import type { Database } from "./database-types";
import { readDirectly } from "./sql";
import { NAMED_STATEMENTS_MAX, StatementNames } from "./prepared-statements";
import { countingClient } from "./prisma-client";
import { pgSession } from "./sql-session";

/** A PostgreSQL server at `url`: one pool for Prisma's adapter and the fixed reads, a fresh connection per session. */
export async function openPostgres(url: string, log: Logger, namedStatements: boolean): Promise<Database> {
  // While PostgreSQL is down or restarting, a request waits at most 5 s for a connection and then fails with
  // SERVICE_UNAVAILABLE (format-error.ts) instead of hanging; pg drops broken connections and opens fresh ones after.
  // One pool for Prisma's adapter and the fixed reads (sql.ts).
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.HUB_DB_POOL_SIZE || 10),
    connectionTimeoutMillis: 5_000,
  });
  // Statements are parsed once per connection (prepared-statements.ts), Prisma's and the fixed reads alike.
  const names = new StatementNames(namedStatements ? NAMED_STATEMENTS_MAX : 0);
  pool.on("error", (err) => log.warn({ err: err.message }, "database connection lost (idle)"));
  const prisma = countingClient(
    new PrismaPg(pool, {
      disposeExternalPool: true,
      // undefined (a text seen once) leaves the statement unnamed, as without the option; the type says string.
      statementNameGenerator: (query) => names.nameFor(query.sql) as string,
      onConnectionError: (err) => log.warn({ err: err.message }, "database connection lost (in a transaction)"),
    }),
  );
  readDirectly(prisma.client, prisma.counted(async (sql, params) => (await pool.query<QueryResultRow>({ name: names.nameFor(sql), text: sql, values: [...params], types: UTC_TIMESTAMPS })).rows));
  return {
    prisma: prisma.client,
    kind: "postgresql",
    statements: prisma.statements,
    withSession: async (work) => {
      const client = new Client({ connectionString: url });
      // A dropped connection also fails the pending query; unheard, the 'error' event would end the process.
      client.on("error", (err) => log.warn({ err: err.message }, "database connection lost (session)"));
      await client.connect();
      try {
        return await work(pgSession(client));
      } finally {
        await client.end();
      }
    },
    close: () => prisma.client.$disconnect(),
  };
}

// Prisma stores DateTime as `timestamp(3)` in UTC; pg would read such a value in the process's local time zone (a hub
// run with TZ=Asia/Shanghai would be eight hours off). On PGlite, pglite-parsers.ts reads it.
const utcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
export const UTC_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === types.builtins.TIMESTAMP ? utcTimestamp : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};
