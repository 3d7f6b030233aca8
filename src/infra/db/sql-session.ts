import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";

/** One database connection for work that needs a single session (migrations' advisory lock, raw SQL). */
export interface SqlSession {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  exec(script: string): Promise<void>;
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params as unknown[])).rows,
    exec: async (script) => {
      await db.exec(script);
    },
  };
}

export function pgSession(client: Client): SqlSession {
  return {
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    exec: async (script) => {
      await client.query(script);
    },
  };
}
