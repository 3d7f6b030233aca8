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
