import type { Database } from "./database-types";

/**
 * Runs `work` if this process takes the session advisory lock `key` at once, on a connection of its own held until
 * `work` ends; returns false, without waiting, when another session holds it. A process that dies frees its lock with
 * its connection. (PGlite has one session: the lock is always free there, and one process owns its data folder.)
 */
export function tryAdvisoryLock(database: Pick<Database, "withSession">, key: number, work: () => Promise<void>): Promise<boolean> {
  return database.withSession(async (session) => {
    const [row] = await session.query(`SELECT pg_try_advisory_lock(${Number(key)}) AS taken`);
    if (!row.taken) return false;
    try {
      await work();
      return true;
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${Number(key)})`);
    }
  });
}
