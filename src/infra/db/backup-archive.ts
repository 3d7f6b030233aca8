import fs from "node:fs";
import zlib from "node:zlib";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Backups of the embedded data folder (npm run backup / restore): PGlite's own dump, a gzip'd tar of the
 * PostgreSQL data folder. gzip ends with a CRC and the length, so a damaged or truncated file shows up when it is
 * decompressed in full; the tar is then checked header by header before anything on disk is touched.
 */
export class BadBackup extends Error {
  override name = "BadBackup";
}

/** The tar inside a backup file, or BadBackup saying what is wrong with it. */
export function readBackup(file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new BadBackup(`Cannot read the backup ${file}: ${(err as Error).message}`);
  }
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(bytes);
  } catch (err) {
    throw new BadBackup(`The backup ${file} is corrupt or truncated (${(err as Error).message}); nothing was restored`);
  }
  const names = tarEntryNames(tar, file);
  if (!names.has("PG_VERSION")) throw new BadBackup(`${file} is not a backup of an embedded data folder (no PG_VERSION in it); nothing was restored`);
  return tar;
}

/** What a data folder holds, for the log lines (and a check that it is the hub's). */
export async function summarize(db: PGlite): Promise<{ migrations: number; needs: number }> {
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0].n);
  return {
    migrations: await count(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`),
    needs: await count(`SELECT count(*)::int AS n FROM "TechNeed"`),
  };
}

// ustar: 512-byte headers (name 0–100, size in octal at 124, checksum at 148, prefix at 345), data padded to 512.
function tarEntryNames(tar: Buffer, file: string): Set<string> {
  const names = new Set<string>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return names; // end of archive
    if (!checksumOk(header)) throw new BadBackup(`The backup ${file} is damaged (bad tar header at byte ${offset}); nothing was restored`);
    const prefix = text(header, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + text(header, 0, 100);
    names.add(name.replace(/^\.?\/+/, ""));
    const size = parseInt(text(header, 124, 12) || "0", 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new BadBackup(`The backup ${file} is truncated (its tar has no end); nothing was restored`);
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return sum === parseInt(text(header, 148, 8), 8);
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString("utf8").trim();
}
