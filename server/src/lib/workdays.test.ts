import { describe, expect, it } from 'vitest'
import { addWorkingDays, isWorkingDay, zonedDate } from './workdays.ts'

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
