import { describe, expect, it } from 'vitest'
import { CALENDAR_2026 } from '../seed/calendar.ts'
import { addWorkingDays, isWorkingDay, workCalendar, zonedDate } from './workdays.ts'

const SH = 'Asia/Shanghai'

describe('working days', () => {
  it('counts in the users zone, not UTC', () => {
    // 2026-11-27 23:30 in Shanghai is still 15:30 UTC on the same Friday.
    const friLate = new Date('2026-11-27T15:30:00Z')
    expect(zonedDate(friLate, SH)).toEqual({ y: 2026, m: 11, d: 27 })
    // 2026-11-28 00:30 Shanghai is Friday 16:30 UTC: already Saturday for the users.
    expect(zonedDate(new Date('2026-11-27T16:30:00Z'), SH)).toEqual({ y: 2026, m: 11, d: 28 })
  })
  it('skips weekends: 5 working days after a Friday is the next Friday, end of day local', () => {
    const due = addWorkingDays(new Date('2026-11-27T02:00:00Z'), 5, SH)
    expect(due.toISOString()).toBe('2026-12-04T15:59:59.999Z')
  })
  it('a session ending on Saturday counts from Monday', () => {
    const due = addWorkingDays(new Date('2026-11-28T03:00:00Z'), 1, SH)
    expect(due.toISOString()).toBe('2026-11-30T15:59:59.999Z')
  })
  it('honours holidays and worked weekend days', () => {
    const cal = { holidays: new Set(['2026-12-01']), workdays: new Set(['2026-11-29']) }
    expect(isWorkingDay('2026-11-29', cal)).toBe(true)
    expect(isWorkingDay('2026-12-01', cal)).toBe(false)
    // Fri 27th -> Sun 29th (worked) 1, Mon 30th 2, Tue 1st holiday, Wed 2nd 3.
    expect(addWorkingDays(new Date('2026-11-27T02:00:00Z'), 3, SH, cal).toISOString()).toBe('2026-12-02T15:59:59.999Z')
  })
  it('works in a zone with daylight saving time', () => {
    const due = addWorkingDays(new Date('2026-03-06T12:00:00Z'), 1, 'America/New_York')
    // Friday 6 March -> Monday 9 March, after the DST switch on the 8th (UTC-4).
    expect(due.toISOString()).toBe('2026-03-10T03:59:59.999Z')
  })
})

describe('hotline deadlines on the 2026 calendar (holidays and 调休 workdays)', () => {
  const cal = workCalendar(CALENDAR_2026)
  const due = (beijing: string, days: number) => addWorkingDays(new Date(`${beijing}+08:00`), days, SH, cal).toISOString()

  it('knows the calendar', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false) // 国庆节, a Thursday
    expect(isWorkingDay('2026-10-10', cal)).toBe(true) // Saturday worked
    expect(isWorkingDay('2026-02-14', cal)).toBe(true)
    expect(isWorkingDay('2026-02-16', cal)).toBe(false) // 春节, a Monday
  })
  it('counts a worked Sunday: 咨询 (3 days) on Friday 18 September is due Tuesday 22nd', () => {
    // Sat 19 off, Sun 20 worked (1), Mon 21 (2), Tue 22 (3).
    expect(due('2026-09-18T10:00:00', 3)).toBe('2026-09-22T15:59:59.999Z')
  })
  it('skips the National Day week and counts the worked Saturday after it', () => {
    // Oct 1-7 off, Thu 8 (1), Fri 9 (2), Sat 10 worked (3).
    expect(due('2026-09-30T15:00:00', 3)).toBe('2026-10-10T15:59:59.999Z')
  })
  it('投诉 (13 days) across the Spring Festival', () => {
    // Fri 13 (1), Sat 14 worked (2), 15-23 off, 24-27 (3-6), Sat 28 worked (7), Mar 2-6 (8-12), Mon 9 (13).
    expect(due('2026-02-12T09:00:00', 13)).toBe('2026-03-09T15:59:59.999Z')
  })
  it('takes the call day in Beijing, not UTC: 00:30 on Saturday 9 May (a worked day) starts from that day', () => {
    // Still Friday 8 May in UTC; the count starts after Saturday 9 May: Mon 11 is the first working day.
    expect(addWorkingDays(new Date('2026-05-08T16:30:00Z'), 1, SH, cal).toISOString()).toBe('2026-05-11T15:59:59.999Z')
    expect(addWorkingDays(new Date('2026-05-08T15:30:00Z'), 1, SH, cal).toISOString()).toBe('2026-05-09T15:59:59.999Z')
  })
})
