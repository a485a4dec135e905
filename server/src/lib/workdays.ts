// Deadlines such as "a written reply within 5 working days" are counted in the users' zone, not
// the server's: a session ending at 23:30 Beijing time on a Friday is still Friday there.

// The zone arithmetic itself is shared with the protocol (the proposal deadline is judged there too).
import { zonedDate, zonedTime } from '@openday/protocol'
export { zonedDate, zonedTime } from '@openday/protocol'

export interface WorkCalendar {
  /** Extra days off (holidays), as YYYY-MM-DD in the zone. */
  holidays?: ReadonlySet<string>
  /** Weekend days that are worked (调休上班), as YYYY-MM-DD. */
  workdays?: ReadonlySet<string>
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10)

export function isWorkingDay(ymd: string, cal: WorkCalendar = {}): boolean {
  if (cal.workdays?.has(ymd)) return true
  if (cal.holidays?.has(ymd)) return false
  const dow = new Date(`${ymd}T00:00:00Z`).getUTCDay()
  return dow !== 0 && dow !== 6
}

/**
 * The end (23:59:59.999 local) of the n-th working day after the day of `from` in the zone.
 * The day of `from` itself never counts: a reply due "within 5 working days" of a Friday
 * session is due the next Friday.
 */
export function addWorkingDays(from: Date, n: number, timeZone: string, cal: WorkCalendar = {}): Date {
  const { y, m, d } = zonedDate(from, timeZone)
  let t = Date.UTC(y, m - 1, d)
  let left = n
  while (left > 0) {
    t += 86_400_000
    if (isWorkingDay(iso(t), cal)) left--
  }
  const day = new Date(t)
  return zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 23, 59, 59, 999, timeZone)
}

/** The calendar as the admin keeps it (CalendarDay rows) in the shape addWorkingDays takes. */
export function workCalendar(days: readonly { date: string; kind: string }[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  }
}
