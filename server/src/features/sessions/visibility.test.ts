import { describe, expect, it } from 'vitest'
import { isPublicEvent, mayView, MAX_PREVIEW_DAYS, previewOpensAt } from './visibility.ts'

// The preview opens at 00:00 Beijing time of the day previewDays days before the event's Beijing
// date, whatever zone the server runs in (the suite runs under TZ=Asia/Shanghai and America/New_York).
const at = (iso: string) => new Date(iso)
const planned = (startsAt: string, previewDays = 3) => ({ status: 'planned', startsAt: at(startsAt), previewDays })

describe('previewOpensAt', () => {
  it('is 00:00 Beijing, previewDays days before the Beijing date', () => {
    // 09:00 Beijing on 20 May 2027 -> 00:00 Beijing on 17 May = 16:00 UTC on 16 May.
    expect(previewOpensAt(planned('2027-05-20T01:00:00Z')).toISOString()).toBe('2027-05-16T16:00:00.000Z')
  })
  it('takes the Beijing date, not the UTC or the server date, of an early-morning event', () => {
    // 01:30 Beijing on 20 May is still 19 May in UTC and in New York: the preview still opens on 17 May.
    expect(previewOpensAt(planned('2027-05-19T17:30:00Z')).toISOString()).toBe('2027-05-16T16:00:00.000Z')
    // 23:30 Beijing on 19 May: one day earlier.
    expect(previewOpensAt(planned('2027-05-19T15:30:00Z')).toISOString()).toBe('2027-05-15T16:00:00.000Z')
  })
  it('crosses month and year ends', () => {
    expect(previewOpensAt(planned('2027-03-02T02:00:00Z')).toISOString()).toBe('2027-02-26T16:00:00.000Z')
    expect(previewOpensAt(planned('2027-01-01T02:00:00Z', 5)).toISOString()).toBe('2026-12-26T16:00:00.000Z')
  })
  it('opens on the day itself with previewDays 0, and clamps absurd values', () => {
    expect(previewOpensAt(planned('2027-05-20T01:00:00Z', 0)).toISOString()).toBe('2027-05-19T16:00:00.000Z')
    expect(previewOpensAt(planned('2027-05-20T01:00:00Z', -4)).toISOString()).toBe('2027-05-19T16:00:00.000Z')
    expect(previewOpensAt(planned('2027-05-20T01:00:00Z', 1000))).toEqual(previewOpensAt(planned('2027-05-20T01:00:00Z', MAX_PREVIEW_DAYS)))
  })
})

describe('isPublicEvent', () => {
  const e = planned('2027-05-20T01:00:00Z')
  it('a planned event becomes public exactly at the opening', () => {
    expect(isPublicEvent(e, at('2027-05-16T15:59:59.999Z'))).toBe(false)
    expect(isPublicEvent(e, at('2027-05-16T16:00:00.000Z'))).toBe(true)
    expect(isPublicEvent(e, at('2027-06-01T00:00:00Z'))).toBe(true)
  })
  it('published and done always, cancelled and draft never', () => {
    const early = at('2027-01-01T00:00:00Z')
    expect(isPublicEvent({ ...e, status: 'published' }, early)).toBe(true)
    expect(isPublicEvent({ ...e, status: 'done' }, early)).toBe(true)
    for (const status of ['cancelled', 'draft', 'something']) expect(isPublicEvent({ ...e, status }, at('2027-06-01T00:00:00Z'))).toBe(false)
  })
  it('staff see it before', () => {
    expect(mayView(e, true, at('2027-01-01T00:00:00Z'))).toBe(true)
    expect(mayView({ ...e, status: 'cancelled' }, false, at('2027-06-01T00:00:00Z'))).toBe(false)
  })
})
