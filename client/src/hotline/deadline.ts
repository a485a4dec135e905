import type { CalendarDayDto } from '@openday/protocol'
import { TIME_ZONE } from '../lib/format.ts'

// A preview of a handed-off call's deadline while the operator is still typing. The server
// computes the real one (with the admin's holiday calendar) when the call is saved, and the
// console shows that value afterwards; this copy follows the same rule so the two agree.

export interface WorkCalendar {
  holidays: ReadonlySet<string>
  /** Weekend days that are worked (调休上班). */
  workdays: ReadonlySet<string>
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() }

export function calendarFrom(days: readonly CalendarDayDto[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  }
}

/** The calendar day (YYYY-MM-DD) of an instant in the users' zone. */
export function zonedDay(at: Date, timeZone = TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

export function isWorkingDay(ymd: string, cal: WorkCalendar = EMPTY_CALENDAR): boolean {
  if (cal.workdays.has(ymd)) return true
  if (cal.holidays.has(ymd)) return false
  const dow = new Date(`${ymd}T00:00:00Z`).getUTCDay()
  return dow !== 0 && dow !== 6
}

/**
 * The n-th working day after the day of `from` (that day itself never counts), as YYYY-MM-DD in
 * the users' zone. The deadline is the end of that day.
 */
export function dueDay(from: Date, n: number, cal: WorkCalendar = EMPTY_CALENDAR, timeZone = TIME_ZONE): string {
  let t = Date.parse(`${zonedDay(from, timeZone)}T00:00:00Z`)
  let left = Math.max(0, Math.floor(n))
  while (left > 0) {
    t += 86_400_000
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10), cal)) left--
  }
  return new Date(t).toISOString().slice(0, 10)
}

/** "2026-05-20" -> an ISO instant at noon that day in Beijing (UTC+8), for date formatting. */
export function dayToIso(ymd: string): string {
  return `${ymd}T04:00:00.000Z`
}
