import { badInput } from "../errors";
import { prefixedIdEncoder } from "./base64url";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A keyset page request: how many rows and the id to continue after. */
export interface PageRequest {
  take: number;
  afterId: number | null;
}

export function pageRequest(args: PageArgs, defaultSize = DEFAULT_PAGE_SIZE): PageRequest {
  const take = pageSize(args.first ?? defaultSize);
  return { take, afterId: args.after ? decodeCursor(args.after) : null };
}

/** `first` of any list (connections, a need's matches, matchesForSupplier): 0 to 100, else BAD_USER_INPUT. */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput("first", `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

export const encodeCursor: (id: number) => string = prefixedIdEncoder("cursor:");

function decodeCursor(cursor: string): number {
  const match = /^cursor:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badInput("after", "after is not a cursor this API gave out");
  return Number(match[1]);
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/**
 * Runs a keyset page: rows ordered by id (descending for newest-first lists), one extra row fetched to know
 * whether a next page exists. The count is a thunk so that it costs a query only when a client asks for it.
 */
export async function keysetPage<T extends { id: number }>(
  request: PageRequest,
  order: "asc" | "desc",
  fetch: (args: { take: number; idAfter: { lt: number } | { gt: number } | undefined; orderBy: { id: "asc" | "desc" } }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  // first: 0 still tells whether rows exist (Relay: more edges than `first`), from one row read and dropped.
  const idAfter = request.afterId === null ? undefined : order === "asc" ? { gt: request.afterId } : { lt: request.afterId };
  const rows = await fetch({ take: request.take + 1, idAfter, orderBy: { id: order } });
  return { rows: rows.slice(0, request.take), hasNextPage: rows.length > request.take, totalCount: once(count) };
}

function once<T>(work: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= work());
}
