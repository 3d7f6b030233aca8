// A terminal progress bar for `npm run seed`, fed by loadDemo's onProgress. On a terminal it redraws one
// line; elsewhere (CI logs, pipes) it writes a few lines instead of hundreds of redraws.
import { Presets, SingleBar } from "cli-progress";

export interface DemoProgress {
  onProgress: (done: number, total: number, phase: string) => void;
  /** Ends the bar (call also when loading fails, or the terminal keeps a half-drawn line). */
  stop: () => void;
}

/** Where there is no terminal: a line per phase, and within a long phase (indexing 200,000 suppliers at 100×
 *  takes half an hour) a line at most every `everyMs`, so that a log shows the seed is moving and how fast. */
export function lineProgress(
  stream: Pick<NodeJS.WritableStream, "write">,
  everyMs = 10_000,
  now: () => number = Date.now,
): DemoProgress {
  let current = "";
  let lastLine = 0;
  return {
    onProgress: (done, total, phase) => {
      const t = now();
      if (phase === current && t - lastLine < everyMs) return;
      stream.write(`loading demo: ${phase} (${done}/${total} rows)\n`);
      current = phase;
      lastLine = t;
    },
    stop: () => undefined,
  };
}

export function demoProgressBar(stream: NodeJS.WriteStream = process.stderr): DemoProgress {
  if (!stream.isTTY) return lineProgress(stream);
  const bar = new SingleBar(
    { format: "loading demo {bar} {percentage}% | {value}/{total} rows | {phase}", stream, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (done, total, phase) => {
      if (!started) bar.start(total, 0, { phase });
      started = true;
      bar.update(done, { phase });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
