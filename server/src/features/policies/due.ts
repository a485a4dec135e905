import { INTERPRETATION_WORKING_DAYS } from '@openday/protocol'
import { addWorkingDays, type WorkCalendar, zonedDate, zonedTime } from '../../lib/workdays.ts'

/** The issue day (YYYY-MM-DD, the office's zone) as the instant stored: 00:00 of that day there. */
export function issuedInstant(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return zonedTime(y, m, d, 0, 0, 0, 0, timeZone)
}

/** The stored instant back as the day it stands for, whatever zone the machine runs in. */
export function issuedDay(at: Date, timeZone: string): string {
  const { y, m, d } = zonedDate(at, timeZone)
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export interface Lateness { dueAt: Date; late: boolean; overdue: boolean }

/**
 * The interpretation is published with the policy or within 3 working days of its issue day (the
 * issue day itself does not count, as for written replies): due at the end of the 3rd working day
 * after it on the office's calendar (holidays skipped, 调休 weekend days worked). Published after
 * that it is late; not published once that has passed, overdue. Published before the policy is
 * never late.
 */
export function interpretationLateness(issuedAt: Date, publishedAt: Date | null, now: Date, timeZone: string, cal: WorkCalendar): Lateness {
  const dueAt = addWorkingDays(issuedAt, INTERPRETATION_WORKING_DAYS, timeZone, cal)
  return { dueAt, late: publishedAt !== null && publishedAt > dueAt, overdue: publishedAt === null && now > dueAt }
}
