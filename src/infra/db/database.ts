import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Client } from "pg";
import { PrismaClient } from "../../generated/prisma/client";
import type { Logger } from "../logger";
import { migrate } from "./migrator";
import { pgSession, pgliteSession, type SqlSession } from "./sql-session";

/** The client type every service takes (the query event is on for statement counting). */
export type Prisma = ReturnType<typeof countingClient>["client"];

export interface Database {
  prisma: Prisma;
  kind: "pglite" | "postgresql";
  /** SQL statements sent since start; tests and benchmarks read differences of it. */
  statements(): number;
  /** Runs `work` on a single connection (advisory locks, multi-statement scripts). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… for PostgreSQL; otherwise the embedded database. */
  databaseUrl: string | null;
  /** PGlite data folder; "memory://" for an in-memory database (tests). */
  dataDir: string;
  log: Logger;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPGlite(options.dataDir);
  const applied = await db.withSession((session) => migrate(session, options.log));
  options.log.info({ database: db.kind, applied: applied.length }, applied.length ? "migrations applied" : "schema up to date");
  return db;
}

async function openPGlite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const prisma = countingClient(new PrismaPGlite(pglite));
  const session = pgliteSession(pglite);
  return {
    prisma: prisma.client,
    kind: "pglite",
    statements: prisma.statements,
    withSession: (work) => work(session),
    close: async () => {
      await prisma.client.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const prisma = countingClient(new PrismaPg({ connectionString: url, max: Number(process.env.HUB_DB_POOL_SIZE || 10) }));
  return {
    prisma: prisma.client,
    kind: "postgresql",
    statements: prisma.statements,
    withSession: async (work) => {
      const client = new Client({ connectionString: url });
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

function countingClient(adapter: SqlDriverAdapterFactory) {
  // Matching runs inside the writing transaction; Prisma's 5 s default is too tight on a loaded 2-core box.
  const client = new PrismaClient({
    adapter,
    log: [{ emit: "event" as const, level: "query" as const }],
    transactionOptions: { timeout: 20_000, maxWait: 10_000 },
  });
  let count = 0;
  client.$on("query", () => {
    count += 1;
  });
  return { client, statements: () => count };
}
