import { zonedDate, zonedTime } from '../../lib/workdays.ts'

/*
 * When an event's own page (预告) opens, per the shared contract of issue 11: a 'published' or
 * 'done' event is open; a 'planned' one opens at 00:00 in the office's zone on the day `previewDays`
 * days before the event's (zoned) date; 'cancelled' and 'draft' never are. The previews feature
 * owns the rule for its page (features/sessions/visibility.ts); it had no helper for the opening
 * yet when this was written, so the calendar computes the same rule here, only to say "its page is
 * open" beside a calendar entry — it grants access to nothing.
 */

/** 00:00 (zone) of the day `previewDays` days before the zoned date of `startsAt`. */
export function previewOpensAt(startsAt: Date, previewDays: number, timeZone: string): Date {
  const { y, m, d } = zonedDate(startsAt, timeZone)
  // Date.UTC normalises day underflow (1 May - 3 days = 28 April).
  const day = new Date(Date.UTC(y, m - 1, d - previewDays))
  return zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0, 0, 0, timeZone)
}

export function isPreviewOpen(ev: { status: string; startsAt: Date; previewDays: number }, now: Date, timeZone: string): boolean {
  if (ev.status === 'published' || ev.status === 'done') return true
  if (ev.status !== 'planned') return false
  return now.getTime() >= previewOpensAt(ev.startsAt, ev.previewDays, timeZone).getTime()
}
