// pg sends every statement unnamed, so PostgreSQL parses and analyses its text again each time it comes
// (measured: docs/benchmarks.md, "Design decisions measured"), for text that is one of a few dozen shapes (Prisma's, and the fixed SQL of
// the matching index and the lists). Prisma's Rust engine kept a statement cache per connection; Prisma 7's driver
// adapter leaves it to its `statementNameGenerator`. So a statement gets a name once its text has come twice: pg then
// parses it once per connection and afterwards only binds and executes it. Planning follows PostgreSQL's
// plan_cache_mode (by default a plan for each execution's values at first, then one plan for all values once that is
// estimated to cost no more), as under Prisma's engine and under postgres.js, which names every statement.
// HUB_PG_NAMED_STATEMENTS=off turns it off (for a connection pooler that cannot keep named statements).

/** How many statement texts get a name; texts after that stay unnamed (nothing is ever deallocated). */
export const NAMED_STATEMENTS_MAX = 256;
/** How many texts seen once are remembered while waiting for a second sighting. */
const SEEN_ONCE_MAX = 4096;

/** The names given to statement texts, shared by every connection of one pool. */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly seenOnce = new Set<string>();

  constructor(private readonly capacity = NAMED_STATEMENTS_MAX) {}

  /** The name for `text`, or undefined while it has come only once (or the names are used up). */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= this.capacity) return name;
    if (!this.seenOnce.has(text)) {
      if (this.seenOnce.size < SEEN_ONCE_MAX) this.seenOnce.add(text);
      return undefined;
    }
    this.seenOnce.delete(text);
    const given = `hub_${this.names.size + 1}`;
    this.names.set(text, given);
    return given;
  }
}
