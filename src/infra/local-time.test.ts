import { localDay, localMonth } from "./local-time";

// Holds whatever the process's TZ (the suite runs with TZ=UTC and TZ=Asia/Shanghai).
test("days and months are those of the zone given, not of the process", () => {
  const at = new Date("2026-12-01T00:00:00+08:00");
  expect(localDay(at, "Asia/Shanghai")).toBe("2026-12-01");
  expect(localMonth(at, "Asia/Shanghai")).toBe("2026-12");
  expect(localDay(at, "UTC")).toBe("2026-11-30");
  expect(localMonth(new Date("2026-10-31T16:00:00Z"), "Asia/Shanghai")).toBe("2026-11");
});
