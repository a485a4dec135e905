import { describe, expect, it } from 'vitest'
import { countdown } from './countdown.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('countdown', () => {
  const start = Date.parse('2027-05-20T01:30:00Z')
  it('counts days and hours, then hours and minutes, then minutes', () => {
    expect(countdown(start - (3 * DAY + 4 * HOUR + 59 * MIN), start)).toEqual({ key: 'countdown.days', days: 3, hours: 4 })
    expect(countdown(start - DAY, start)).toEqual({ key: 'countdown.days', days: 1, hours: 0 })
    expect(countdown(start - (DAY - 1), start)).toEqual({ key: 'countdown.hours', hours: 23, minutes: 59 })
    expect(countdown(start - (4 * HOUR + 5 * MIN + 30_000), start)).toEqual({ key: 'countdown.hours', hours: 4, minutes: 5 })
    expect(countdown(start - 5 * MIN, start)).toEqual({ key: 'countdown.minutes', minutes: 5 })
  })
  it('says "soon" in the last minute and nothing once started', () => {
    expect(countdown(start - 59_999, start)).toEqual({ key: 'countdown.soon' })
    expect(countdown(start, start)).toBeNull()
    expect(countdown(start + 1, start)).toBeNull()
    expect(countdown(start, Number.NaN)).toBeNull()
  })
  it('does not depend on the browser zone (pure instants)', () => {
    expect(countdown(Date.parse('2027-05-16T16:00:00Z'), Date.parse('2027-05-20T01:00:00Z'))).toEqual({ key: 'countdown.days', days: 3, hours: 9 })
  })
})
