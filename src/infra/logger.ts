import pino from "pino";

export type Logger = pino.Logger;

/** Structured JSON logs (pino). Tests pass level "silent". */
export function createLogger(level = process.env.LOG_LEVEL || "info"): Logger {
  return pino({ level, base: { service: "kechuang-hub" }, timestamp: pino.stdTimeFunctions.isoTime });
}
