// The allocator's free memory is given back after V8's full collections and on a timer (infra/memory/allocator-trim.ts).
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { glibcTrim, startAllocatorTrim } from "../../src/infra/memory/allocator-trim";
import { createLogger } from "../../src/infra/logger";

const log = createLogger("silent");
const turns = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

/** Waits (waking the event loop, which delivers the collections' performance entries) until `done` or 2 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 2000; waited += 20) await turns(20);
}

/** A full (mark-compact) collection, as V8 runs one under load. */
function fullCollection(): void {
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

describe("giving the allocator's free memory back", () => {
  it("trims after each full collection (the timer is an hour away)", async () => {
    let trims = 0;
    const trimmer = startAllocatorTrim(3600, log, () => void (trims += 1));
    try {
      fullCollection();
      await until(() => trims > 0);
      expect(trims).toBeGreaterThanOrEqual(1);
      const before = trims;
      fullCollection();
      await until(() => trims > before);
      expect(trims).toBeGreaterThan(before);
    } finally {
      trimmer.stop();
    }
  });

  it("trims on its timer, and neither trims again once stopped", async () => {
    let trims = 0;
    const trimmer = startAllocatorTrim(0.02, log, () => void (trims += 1));
    await turns(150);
    trimmer.stop();
    expect(trims).toBeGreaterThanOrEqual(2);
    const stoppedAt = trims;
    fullCollection();
    for (let i = 0; i < 10; i++) await turns(20);
    expect(trims).toBe(stoppedAt);
  });

  it("trims when asked to, at the next turn of the event loop", async () => {
    let trims = 0;
    const trimmer = startAllocatorTrim(3600, log, () => void (trims += 1));
    try {
      trimmer.soon();
      expect(trims).toBe(0);
      await turns(10);
      expect(trims).toBeGreaterThanOrEqual(1);
    } finally {
      trimmer.stop();
    }
  });

  it("never trims when switched off (0 seconds)", async () => {
    let trims = 0;
    const trimmer = startAllocatorTrim(0, log, () => void (trims += 1));
    trimmer.soon();
    fullCollection();
    for (let i = 0; i < 10; i++) await turns(20);
    expect(trims).toBe(0);
    trimmer.stop();
  });

  it("calls glibc's malloc_trim for real where the process runs on glibc, and is absent elsewhere", () => {
    const header = (process.report.getReport() as unknown as { header: { glibcVersionRuntime?: string } }).header;
    const trim = glibcTrim();
    if (process.platform === "linux" && header.glibcVersionRuntime) {
      expect(trim).not.toBeNull();
      expect(() => trim!()).not.toThrow();
    } else {
      expect(trim).toBeNull();
    }
  });
});
