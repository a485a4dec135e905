import { describe, expect, it } from 'vitest'
import type { PlanConflictDto, PlanSnapshotItem } from '@openday/protocol'
import { beijingMonth, beijingYear, byMonth, conflictsOfEntry, conflictsOfMonth, defaultTimes } from './grid.ts'

const c = (kind: PlanConflictDto['kind'], o: Partial<PlanConflictDto> = {}): PlanConflictDto => ({ kind, blocking: kind === 'no_date', month: null, entryIds: [], proposalIds: [], unitId: null, date: null, ...o })
const item = (eventId: string, startsAt: string): PlanSnapshotItem => ({ eventId, theme: eventId, form: 'hotline', startsAt, endsAt: startsAt, status: 'planned', units: [] })

describe('plan grid helpers', () => {
  it('puts conflicts beside their entries and months', () => {
    const cs = [c('month_crowded', { month: 5, entryIds: ['a', 'b'] }), c('no_date', { month: 5, entryIds: ['a'] }), c('month_empty', { month: 6 }), c('unplaced', { proposalIds: ['p'] })]
    expect(conflictsOfEntry(cs, 'a').map((x) => x.kind)).toEqual(['month_crowded', 'no_date'])
    expect(conflictsOfEntry(cs, 'b').map((x) => x.kind)).toEqual(['month_crowded'])
    expect(conflictsOfMonth(cs, 5).map((x) => x.kind)).toEqual(['month_crowded'])
    expect(conflictsOfMonth(cs, 6).map((x) => x.kind)).toEqual(['month_empty'])
  })

  it('the half-day defaults', () => {
    expect(defaultTimes('am')).toEqual({ start: '09:00', end: '12:00' })
    expect(defaultTimes('pm')).toEqual({ start: '14:30', end: '17:30' })
  })

  it('groups by the Beijing month, whatever the browser zone (00:30 on 1 June Beijing is still May in UTC)', () => {
    expect(beijingMonth('2031-05-31T16:30:00.000Z')).toBe(6)
    const g = byMonth([item('b', '2031-06-16T01:00:00.000Z'), item('a', '2031-05-31T16:30:00.000Z'), item('c', '2031-05-12T01:00:00.000Z')])
    expect(g.map((m) => [m.month, m.items.map((i) => i.eventId)])).toEqual([[5, ['c']], [6, ['a', 'b']]])
    expect(beijingYear(new Date('2031-12-31T16:30:00.000Z'))).toBe(2032)
  })
})
