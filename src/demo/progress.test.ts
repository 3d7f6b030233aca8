import { lineProgress } from "./progress";

function recorder(everyMs = 10_000) {
  const lines: string[] = [];
  let clock = 0;
  const progress = lineProgress({ write: (chunk: string | Uint8Array) => (lines.push(String(chunk).trim()), true) }, everyMs, () => clock);
  return { lines, progress, advance: (ms: number) => (clock += ms) };
}

describe("lineProgress (the seed's progress where there is no terminal)", () => {
  it("writes a line when a phase starts, not for every row within it", () => {
    const { lines, progress, advance } = recorder();
    for (let done = 1; done <= 100; done++) {
      progress.onProgress(done, 300, "experts");
      advance(10);
    }
    progress.onProgress(101, 300, "needs");
    expect(lines).toEqual(["loading demo: experts (1/300 rows)", "loading demo: needs (101/300 rows)"]);
  });

  it("within a long phase, writes a line again once the interval has passed", () => {
    const { lines, progress, advance } = recorder(10_000);
    progress.onProgress(0, 1000, "indexing suppliers");
    advance(9_999);
    progress.onProgress(10, 1000, "indexing suppliers");
    advance(1);
    progress.onProgress(11, 1000, "indexing suppliers");
    advance(5_000);
    progress.onProgress(20, 1000, "indexing suppliers");
    advance(5_000);
    progress.onProgress(30, 1000, "indexing suppliers");
    expect(lines).toEqual([
      "loading demo: indexing suppliers (0/1000 rows)",
      "loading demo: indexing suppliers (11/1000 rows)",
      "loading demo: indexing suppliers (30/1000 rows)",
    ]);
  });
});
