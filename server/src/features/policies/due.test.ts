import { describe, expect, it } from 'vitest'
import { workCalendar } from '../../lib/workdays.ts'
import { interpretationLateness, issuedDay, issuedInstant } from './due.ts'

// Run with a non-UTC TZ (the suite uses America/New_York): the days are Beijing's all the same.
const TZ = 'Asia/Shanghai'
const bj = (wall: string) => new Date(`${wall}+08:00`)

describe('the interpretation within 3 working days of the policy', () => {
  it('keeps the issue day as a Beijing wall date whatever the machine zone', () => {
    const at = issuedInstant('2026-10-09', TZ)
    expect(at.toISOString()).toBe('2026-10-08T16:00:00.000Z')
    expect(issuedDay(at, TZ)).toBe('2026-10-09')
  })

  it('counts across a weekend: issued on a Thursday, due the next Tuesday at midnight', () => {
    // 2026-12-03 is a Thursday: Friday 1, (weekend), Monday 2, Tuesday 3.
    const issued = issuedInstant('2026-12-03', TZ)
    const r = interpretationLateness(issued, bj('2026-12-08T23:59:00'), bj('2026-12-20T10:00:00'), TZ, {})
    expect(r.dueAt.toISOString()).toBe(bj('2026-12-08T23:59:59.999').toISOString())
    expect(r).toMatchObject({ late: false, overdue: false })
    expect(interpretationLateness(issued, bj('2026-12-09T00:00:00'), bj('2026-12-20T10:00:00'), TZ, {}).late).toBe(true)
    // Published the same day, or even before the policy: never late.
    expect(interpretationLateness(issued, bj('2026-12-01T09:00:00'), bj('2026-12-20T10:00:00'), TZ, {}).late).toBe(false)
  })

  it('skips a holiday and counts a worked weekend day (调休), from the office calendar', () => {
    // National Day 2026: 10-01..10-07 off, Saturday 10-10 worked. Issued Wednesday 09-30:
    // 10-08 Thursday 1, 10-09 Friday 2, 10-10 Saturday (worked) 3.
    const cal = workCalendar([
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' })),
      { date: '2026-10-10', kind: 'workday' },
    ])
    const issued = issuedInstant('2026-09-30', TZ)
    const r = interpretationLateness(issued, null, bj('2026-10-10T20:00:00'), TZ, cal)
    expect(r.dueAt.toISOString()).toBe(bj('2026-10-10T23:59:59.999').toISOString())
    expect(r).toMatchObject({ late: false, overdue: false })
    // Without the calendar the same policy was due on Monday 10-05.
    expect(interpretationLateness(issued, null, bj('2026-10-10T20:00:00'), TZ, {}).overdue).toBe(true)
    // Unpublished past the due time: overdue (not "late", which is for a published one).
    expect(interpretationLateness(issued, null, bj('2026-10-11T00:00:01'), TZ, cal)).toMatchObject({ late: false, overdue: true })
    expect(interpretationLateness(issued, bj('2026-10-12T09:00:00'), bj('2026-10-12T10:00:00'), TZ, cal)).toMatchObject({ late: true, overdue: false })
  })

  it('a policy issued on a holiday or a Sunday is due 3 working days after it', () => {
    const cal = workCalendar([{ date: '2026-10-01', kind: 'holiday' }, { date: '2026-10-02', kind: 'holiday' }])
    // Thursday 10-01 (holiday): Friday 10-02 holiday, Monday 10-05 1, Tuesday 2, Wednesday 3.
    expect(interpretationLateness(issuedInstant('2026-10-01', TZ), null, new Date(0), TZ, cal).dueAt.toISOString()).toBe(bj('2026-10-07T23:59:59.999').toISOString())
    // Sunday 2026-12-06: Monday 1, Tuesday 2, Wednesday 3.
    expect(interpretationLateness(issuedInstant('2026-12-06', TZ), null, new Date(0), TZ, {}).dueAt.toISOString()).toBe(bj('2026-12-09T23:59:59.999').toISOString())
  })
})
