import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { loadedReferenceRows, referenceRows, type ReferenceRows } from "./reference-cache";

/**
 * A request's loader of regions or industry chains by code, which also answers at once (`find`) once the process
 * holds them (reference-cache.ts): a loaded code still cost every need of a page a DataLoader promise, its
 * resolution and the executor's `then`, each paid again in Node's async hook (measured: docs/benchmarks.md, read
 * path, "Issue 30 §2, the home page's remaining cost").
 */
export class ReferenceLoader<Row> extends DataLoader<string, Row | null> {
  constructor(
    private readonly prisma: Prisma,
    private readonly pick: (rows: ReferenceRows) => ReadonlyMap<string, Row>,
  ) {
    super(async (codes) => {
      const rows = pick(await referenceRows(prisma));
      return codes.map((code) => rows.get(code) ?? null);
    });
  }

  /** The row of `code` (null if none), at once when the rows are held, else as `load` answers it. */
  find(code: string): Row | null | Promise<Row | null> {
    const held = loadedReferenceRows(this.prisma);
    return held ? (this.pick(held).get(code) ?? null) : this.load(code);
  }
}
