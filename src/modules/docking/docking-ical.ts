import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { DockingRow } from "./docking-access";

/** How long a docking is put in calendars: the hub keeps only its start. */
const MEETING_MS = 2 * 3_600_000;

/**
 * The docking as an iCalendar file (RFC 5545) for calendar apps: one event whose UID stays the same when the
 * docking is moved or cancelled (SEQUENCE grows), so a calendar updates the entry instead of adding another.
 */
export function dockingCalendar(d: DockingRow, need: { title: string }, publicUrl: string): string {
  const calendar = ical({ name: "科创南阳 对接", prodId: { company: "kechuang-hub", product: "docking", language: "ZH" }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `docking-${d.id}@kechuang-hub`,
    sequence: Math.max(0, Math.floor((d.updatedAt.getTime() - d.createdAt.getTime()) / 1000)),
    stamp: d.updatedAt,
    start: d.startsAt,
    end: new Date(d.startsAt.getTime() + MEETING_MS),
    summary: `对接：${need.title}`,
    location: d.place ?? d.onlineUrl ?? undefined,
    url: d.onlineUrl ?? `${publicUrl}/dashboard`,
    description: [d.onlineUrl ? `线上会议：${d.onlineUrl}` : null, d.note].filter(Boolean).join("\n") || undefined,
    status: d.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
