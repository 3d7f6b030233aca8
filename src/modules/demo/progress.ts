// A terminal progress bar for `npm run seed`, fed by loadDemo's onProgress. On a terminal it redraws one
// line; elsewhere (CI logs, pipes) it writes a line per phase instead of hundreds of redraws.
import { Presets, SingleBar } from "cli-progress";

export interface DemoProgress {
  onProgress: (done: number, total: number, phase: string) => void;
  /** Ends the bar (call also when loading fails, or the terminal keeps a half-drawn line). */
  stop: () => void;
}

export function demoProgressBar(stream: NodeJS.WriteStream = process.stderr): DemoProgress {
  if (!stream.isTTY) {
    let current = "";
    return {
      onProgress: (done, total, phase) => {
        if (phase !== current) stream.write(`loading demo: ${phase} (${done}/${total} rows)\n`);
        current = phase;
      },
      stop: () => undefined,
    };
  }
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
