/**
 * A Prisma `contains` filter that matches `text` literally. Prisma sends `contains` as `LIKE '%' || $1 || '%'`
 * without escaping, so a `%` or `_` typed into a search box was a wildcard (`text:"%"` matched everything) and a
 * `\` PostgreSQL's escape character. Each is escaped with `\`, LIKE's default escape character.
 */
export function containsText(text: string, mode?: "insensitive"): { contains: string; mode?: "insensitive" } {
  const contains = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return mode ? { contains, mode } : { contains };
}
