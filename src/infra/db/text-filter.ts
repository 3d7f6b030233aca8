/** `text` for a LIKE pattern, matched literally: `%`, `_` and `\` (LIKE's default escape character) escaped with `\`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A Prisma `contains` filter that matches `text` literally. Prisma sends `contains` as `LIKE '%' || $1 || '%'`
 * without escaping, so a `%` or `_` typed into a search box was a wildcard (`text:"%"` matched everything) and a
 * `\` PostgreSQL's escape character.
 */
export function containsText(text: string, mode?: "insensitive"): { contains: string; mode?: "insensitive" } {
  const contains = escapeLike(text);
  return mode ? { contains, mode } : { contains };
}
