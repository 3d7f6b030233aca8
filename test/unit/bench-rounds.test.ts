// The read benchmark's interleaved rounds (bench/lib/rounds.ts): the order servers are visited in, and the
// arithmetic that turns rounds into a cell's throughput and ratios.
import { combine, formatRatio, ratioOf, rotation, type Round } from "../../bench/lib/rounds";

const round = (requests: number, seconds = 1, latencies: number[] = []): Round => ({ requests, seconds, latencies, errors: 0 });

describe("rotation", () => {
  test("moves every server one place further each round: ABC, BCA, CAB, then ABC again", () => {
    expect([0, 1, 2, 3, 4].map((r) => rotation(["A", "B", "C"], r).join(""))).toEqual(["ABC", "BCA", "CAB", "ABC", "BCA"]);
  });

  test("over as many rounds as servers, each server takes each place exactly once", () => {
    const servers = ["hub", "hand", "peer", "fixed"];
    for (const server of servers) {
      const places = servers.map((_, r) => rotation(servers, r).indexOf(server));
      expect([...places].sort()).toEqual([0, 1, 2, 3]);
    }
  });

  test("a drift linear in time adds the same to every server over a full rotation, unlike a fixed order", () => {
    // Each visit takes one slot; the machine gets 5 % slower every slot. True rates: A 100, B 80, C 50 req/s.
    const rates: Record<string, number> = { A: 100, B: 80, C: 50 };
    const measure = (orderOf: (r: number) => string[]) => {
      const rounds: Record<string, Round[]> = { A: [], B: [], C: [] };
      let slot = 0;
      for (let r = 0; r < 3; r++) for (const s of orderOf(r)) rounds[s].push(round(rates[s] * (1 - 0.05 * slot++)));
      return ratioOf(rounds.A, rounds.B).ratio;
    };
    expect(measure((r) => rotation(["A", "B", "C"], r))).toBeCloseTo(100 / 80, 10);
    expect(measure(() => ["A", "B", "C"])).toBeGreaterThan(100 / 80 + 0.05);
  });
});

describe("combine", () => {
  test("sums requests over summed time and pools the latencies of every round", () => {
    const r = combine([round(300, 1.5, [1, 2, 3]), round(100, 1, [10])]);
    expect(r.requests).toBe(400);
    expect(r.rps).toBe(160);
    expect(r.n).toBe(4);
    expect(r.p50).toBe(2);
    expect(r.max).toBe(10);
  });

  test("adds the rounds' errors and keeps the first one's text", () => {
    const r = combine([round(10), { ...round(10), errors: 2, firstError: "boom" }, { ...round(10), errors: 1, firstError: "later" }]);
    expect([r.errors, r.firstError]).toEqual([3, "boom"]);
  });
});

describe("ratioOf", () => {
  test("is the ratio of summed throughput, with the least and most per-round ratio beside it", () => {
    // Per round 0.5 and 1.0 (their mean, 0.75, is not what is reported); summed 150 / 250.
    const r = ratioOf([round(100), round(50)], [round(200), round(50)]);
    expect(r.ratio).toBeCloseTo(0.6, 10);
    expect([r.min, r.max]).toEqual([0.5, 1]);
    expect(formatRatio(r)).toBe("0.60 (0.50–1.00)");
  });

  test("compares rates, so rounds of different lengths weigh by their time", () => {
    const r = ratioOf([round(100, 1), round(300, 2)], [round(100, 1), round(100, 1)]);
    expect(r.ratio).toBeCloseTo(400 / 3 / 100, 10);
    expect([r.min, r.max]).toEqual([1, 1.5]);
  });

  test("refuses rounds that do not pair up", () => {
    expect(() => ratioOf([round(1)], [round(1), round(1)])).toThrow();
  });
});
