import { decodeGlobalId, idOf, toGlobalId } from "../../src/infra/relay/global-id";
import { encodeCursor, keysetPage, pageRequest } from "../../src/infra/relay/pagination";
import { DomainError } from "../../src/infra/errors";

describe("global IDs", () => {
  test("round-trip and stay opaque", () => {
    const id = toGlobalId("TechNeed", 42);
    expect(id).not.toContain("42");
    expect(decodeGlobalId(id)).toEqual({ type: "TechNeed", id: 42 });
  });

  test.each(["", "abc", Buffer.from("Nope:1").toString("base64url"), Buffer.from("TechNeed:0").toString("base64url"), Buffer.from("TechNeed:-3").toString("base64url"), Buffer.from("TechNeed:99999999999").toString("base64url"), "x".repeat(200)])(
    "%s is not one of ours",
    (value) => expect(decodeGlobalId(value)).toBeNull(),
  );

  // IDs and cursors are encoded in JavaScript (base64url.ts), not by Buffer: clients keep the IDs they hold, so the
  // text must stay Buffer's for every type (prefix lengths leave 0, 1 or 2 characters over) and every digit count.
  test("IDs and cursors are byte for byte what Buffer's base64url gave", () => {
    const types = ["User", "Match", "TechNeed", "Expert", "Society", "Enterprise", "InnovationPlatform", "ChallengeMilestone"] as const;
    const ids = [1, 7, 42, 999, 2101, 65_536, 1_234_567, 2_147_483_647];
    for (const type of types) for (const id of ids) expect(toGlobalId(type, id)).toBe(Buffer.from(`${type}:${id}`).toString("base64url"));
    for (const id of ids) expect(encodeCursor(id)).toBe(Buffer.from(`cursor:${id}`).toString("base64url"));
    expect(toGlobalId("Match", 2101)).toBe("TWF0Y2g6MjEwMQ"); // as the home page gives it (docs/benchmarks.md's answers)
  });

  // An encoder keeps the id it encoded last (a fan-out's notifications all name one need): repeats, then others, then it again.
  test("an id asked again, after others and between types, is still its own", () => {
    for (const id of [5, 5, 6, 5, 5, 60, 6]) {
      expect(toGlobalId("TechNeed", id)).toBe(Buffer.from(`TechNeed:${id}`).toString("base64url"));
      expect(toGlobalId("Notification", id + 1)).toBe(Buffer.from(`Notification:${id + 1}`).toString("base64url"));
    }
  });

  test("an ID of another type reads as absent, a malformed one as bad input naming the field", () => {
    expect(idOf("Enterprise", toGlobalId("Society", 3), "input.enterpriseId")).toBeNull();
    expect(() => idOf("Enterprise", "garbage", "input.enterpriseId")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", field: "input.enterpriseId" }));
  });
});

describe("keyset pagination", () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
  const fetch = async ({ take, idAfter, orderBy }: { take: number; idAfter?: { lt: number } | { gt: number }; orderBy: { id: "asc" | "desc" } }) => {
    const sorted = orderBy.id === "asc" ? rows : [...rows].reverse();
    const after = sorted.filter((r) => !idAfter || ("gt" in idAfter ? r.id > idAfter.gt : r.id < idAfter.lt));
    return after.slice(0, take);
  };

  test("pages through in order without gaps or repeats, newest first", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (let hasNext = true; hasNext; ) {
      const page: { rows: Array<{ id: number }>; hasNextPage: boolean } = await keysetPage(pageRequest({ first: 3, after }), "desc", fetch, async () => rows.length);
      seen.push(...page.rows.map((r) => r.id));
      hasNext = page.hasNextPage;
      after = page.rows.length ? encodeCursor(page.rows[page.rows.length - 1].id) : null;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  test("first is bounded to 0..100 and the count runs only when asked, once", async () => {
    expect(() => pageRequest({ first: 101 })).toThrow(DomainError);
    expect(() => pageRequest({ first: -1 })).toThrow(expect.objectContaining({ field: "first" }));
    let counted = 0;
    const page = await keysetPage(pageRequest({ first: 0 }), "asc", fetch, async () => ++counted);
    expect(page.rows).toEqual([]);
    expect(counted).toBe(0);
    await page.totalCount();
    await page.totalCount();
    expect(counted).toBe(1);
  });

  test("a cursor we did not give out is bad input", () => {
    expect(() => pageRequest({ first: 1, after: "bm9wZQ" })).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", field: "after" }));
  });
});
