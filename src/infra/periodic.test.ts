import { createLogger } from "./logger";
import { every } from "./periodic";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = createLogger("silent");

test("runs at once and then on every tick, never two runs at the same time", async () => {
  let running = 0;
  let most = 0;
  let runs = 0;
  const task = async () => {
    running++;
    most = Math.max(most, running);
    await sleep(60);
    running--;
    runs++;
  };
  const timer = every(0.01, task, log, "test"); // a 10 ms tick, a 60 ms task
  await sleep(250);
  await timer.stop();
  expect(runs).toBeGreaterThanOrEqual(2);
  expect(most).toBe(1);
  expect(running).toBe(0); // stop() waited for the run in progress
});

test("a failed run is logged and the next tick runs again; 0 seconds runs nothing", async () => {
  const errors: unknown[] = [];
  const failing = { error: (obj: unknown) => errors.push(obj) } as unknown as typeof log;
  let calls = 0;
  const timer = every(0.01, async () => {
    calls++;
    throw new Error("boom");
  }, failing, "test");
  await sleep(60);
  await timer.stop();
  expect(calls).toBeGreaterThanOrEqual(2);
  expect(errors.length).toBe(calls);

  let never = 0;
  await every(0, async () => void never++, log, "off").stop();
  await sleep(20);
  expect(never).toBe(0);
});

test("the first run can wait", async () => {
  let calls = 0;
  const timer = every(10, async () => void calls++, log, "test", 50);
  await sleep(20);
  expect(calls).toBe(0);
  await sleep(60);
  expect(calls).toBe(1);
  await timer.stop();
});

test("a first run due with the first tick runs once, even when the task holds the thread (PGlite's VACUUM does)", async () => {
  const starts: number[] = [];
  const t0 = performance.now();
  const blocking = () => {
    starts.push(performance.now() - t0);
    const until = performance.now() + 40;
    while (performance.now() < until); // synchronous work, as WebAssembly's is
    return Promise.resolve();
  };
  const timer = every(0.1, blocking, log, "test", 100); // first run after 100 ms, then every 100 ms
  await sleep(170);
  await timer.stop();
  expect(starts).toHaveLength(1);
});
