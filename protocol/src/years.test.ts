import { afterEach, describe, expect, it } from 'vitest'
import { instantToWallTime, isLate, wallTimeToInstant, YearCreateBody } from './years.ts'

// The deadline is the office's (Asia/Shanghai) whatever zone the server (UTC) or the browser
// (America/New_York) runs in: Node re-reads process.env.TZ, so each case really runs in that zone.
const TZ = 'Asia/Shanghai'
const saved = process.env.TZ
afterEach(() => { process.env.TZ = saved })

describe.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('the deadline with the machine in %s', (machine) => {
  it('turns the office wall time into the right instant and back', () => {
    process.env.TZ = machine
    const d = wallTimeToInstant('2027-03-31T23:59', TZ)
    expect(d.toISOString()).toBe('2027-03-31T15:59:00.000Z')
    expect(instantToWallTime(d, TZ)).toBe('2027-03-31T23:59')
    // Reading the wall time in the machine's zone (the bug this guards against) would be wrong there.
    expect(new Date(2027, 2, 31, 23, 59).getTime() === d.getTime()).toBe(machine === TZ)
  })

  it('23:59 Beijing on the deadline day is on time; 00:00 the next day is late', () => {
    process.env.TZ = machine
    const deadline = wallTimeToInstant('2027-03-31T23:59', TZ)
    expect(isLate(new Date('2027-03-31T15:59:00.000Z'), deadline, TZ)).toBe(false)
    expect(isLate(new Date('2027-03-31T15:59:59.999Z'), deadline, TZ)).toBe(false)
    expect(isLate(new Date('2027-03-31T08:00:00.000Z'), deadline, TZ)).toBe(false)
    expect(isLate(new Date('2027-03-31T16:00:00.000Z'), deadline, TZ)).toBe(true)
    expect(isLate(new Date('2027-04-02T01:00:00.000Z'), deadline, TZ)).toBe(true)
  })
})

describe('a year', () => {
  it('sorts its months and refuses repeats, months out of range and extra keys', () => {
    expect(YearCreateBody.parse({ year: 2027, months: [7, 5, 6], deadline: '2027-03-31T23:59' }).months).toEqual([5, 6, 7])
    for (const bad of [{ months: [5, 5] }, { months: [13] }, { months: [] }, { deadline: '2027-03-31' }, { extra: 1 }]) {
      expect(YearCreateBody.safeParse({ year: 2027, months: [5], deadline: '2027-03-31T23:59', ...bad }).success).toBe(false)
    }
  })
})
