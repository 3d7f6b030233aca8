/** Local calendar dates in HUB_TIME_ZONE, whatever the process's own TZ (Intl, not Date's local getters). */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) formats.set(tz, (f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f;
}

/** The day `at` falls on in `tz`, as YYYY-MM-DD. */
export function localDay(at: Date, tz: string): string {
  const parts = Object.fromEntries(format(tz).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The month `at` falls in in `tz`, as YYYY-MM. */
export function localMonth(at: Date, tz: string): string {
  return localDay(at, tz).slice(0, 7);
}

const clocks = new Map<string, Intl.DateTimeFormat>();

function clock(tz: string): Intl.DateTimeFormat {
  let f = clocks.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    clocks.set(tz, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a zone. */
export function localParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(clock(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second };
}

/** "2026-12-06 14:30": a local time as a mail shows it. */
export function localDateTime(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${localDay(at, timeZone)} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** The instant at which the local clock of `timeZone` shows `hour`:00 on the local date of `day`. */
export function localHourOn(day: Date, hour: number, timeZone: string): Date {
  const p = localParts(day, timeZone);
  const wanted = Date.UTC(p.year, p.month - 1, p.day, hour);
  // The zone's offset at that moment: the difference between its wall clock and UTC (twice, for a DST change).
  let at = wanted;
  for (let i = 0; i < 2; i++) {
    const q = localParts(new Date(at), timeZone);
    at += wanted - Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second);
  }
  return new Date(at);
}
