import { describe, expect, it } from 'vitest'
import { zonedTime } from '../../lib/workdays.ts'
import { planChanges } from './changes.ts'
import { type ConflictEntry, findConflicts, zonedYmd } from './conflicts.ts'

const TZ = 'Asia/Shanghai'
const bj = (ymd: string, hh = 9, mm = 0) => { const [y, m, d] = ymd.split('-').map(Number) as [number, number, number]; return zonedTime(y, m, d, hh, mm, 0, 0, TZ) }
const entry = (id: string, month: number, startsAt: Date | null, leadUnitId = `u-${id}`, approved = true): ConflictEntry => ({ id, proposalId: `p-${id}`, month, startsAt, leadUnitId, approved })
const run = (entries: ConflictEntry[], over: Partial<Parameters<typeof findConflicts>[0]> = {}) =>
  findConflicts({ months: [5, 6], entries, unplaced: [], calendar: {}, timeZone: TZ, ...over })

describe('plan conflicts', () => {
  it('a clean plan (one dated working-day theme a month, distinct units) has none', () => {
    // 2027-05-12 and 2027-06-16 are Wednesdays.
    expect(run([entry('a', 5, bj('2027-05-12')), entry('b', 6, bj('2027-06-16'))])).toEqual([])
  })

  it('two themes in one month, naming the month and both entries', () => {
    const cs = run([entry('a', 5, bj('2027-05-12')), entry('b', 5, bj('2027-05-19')), entry('c', 6, bj('2027-06-16'))])
    expect(cs).toEqual([{ kind: 'month_crowded', blocking: false, month: 5, entryIds: ['a', 'b'], proposalIds: ['p-a', 'p-b'], unitId: null, date: null }])
  })

  it('a month of the year left empty', () => {
    expect(run([entry('a', 5, bj('2027-05-12'))])).toEqual([{ kind: 'month_empty', blocking: false, month: 6, entryIds: [], proposalIds: [], unitId: null, date: null }])
  })

  it('a unit leading twice in the year', () => {
    const cs = run([entry('a', 5, bj('2027-05-12'), 'rsj'), entry('b', 6, bj('2027-06-16'), 'rsj')])
    expect(cs).toEqual([{ kind: 'unit_leads_twice', blocking: false, month: null, entryIds: ['a', 'b'], proposalIds: ['p-a', 'p-b'], unitId: 'rsj', date: null }])
  })

  it('an entry without a date blocks; a proposal no longer approved blocks', () => {
    const cs = run([entry('a', 5, null), entry('b', 6, bj('2027-06-16'), 'x', false)])
    expect(cs.map((c) => [c.kind, c.blocking, c.entryIds])).toEqual([['no_date', true, ['a']], ['not_approved', true, ['b']]])
  })

  it('an approved proposal not placed', () => {
    const cs = run([entry('a', 5, bj('2027-05-12')), entry('b', 6, bj('2027-06-16'))], { unplaced: [{ id: 'p-z', unitId: 'z' }] })
    expect(cs).toEqual([{ kind: 'unplaced', blocking: false, month: null, entryIds: [], proposalIds: ['p-z'], unitId: 'z', date: null }])
  })

  it('weekends and holidays, with the 调休 rule: a worked weekend is fine, a weekday holiday is not', () => {
    const calendar = { holidays: new Set(['2027-05-03', '2027-06-14']), workdays: new Set(['2027-05-08']) }
    // 05-08 Saturday but 调休上班: fine. 05-09 Sunday: weekend. 05-03 Monday holiday. 06-14 Monday holiday.
    const at = (d: string) => run([entry('a', 5, bj(d)), entry('b', 6, bj('2027-06-16'))], { calendar })
    expect(at('2027-05-08')).toEqual([])
    expect(at('2027-05-09').map((c) => [c.kind, c.date, c.entryIds])).toEqual([['weekend', '2027-05-09', ['a']]])
    expect(at('2027-05-03').map((c) => [c.kind, c.date])).toEqual([['holiday', '2027-05-03']])
    // Without the calendar the same Monday is an ordinary working day.
    expect(run([entry('a', 5, bj('2027-05-03')), entry('b', 6, bj('2027-06-14'))])).toEqual([])
    // A weekend day the calendar names a holiday is reported as the holiday.
    expect(at('2027-05-09').length).toBe(1)
    expect(run([entry('a', 5, bj('2027-05-09')), entry('b', 6, bj('2027-06-16'))], { calendar: { holidays: new Set(['2027-05-09']) } })[0]!.kind).toBe('holiday')
  })

  it('judges the Beijing date, whatever the machine zone: 00:30 Saturday Beijing is Friday in UTC and New York', () => {
    const sat = bj('2027-05-15', 0, 30)
    expect(sat.toISOString()).toBe('2027-05-14T16:30:00.000Z')
    expect(zonedYmd(sat, TZ)).toBe('2027-05-15')
    expect(run([entry('a', 5, sat), entry('b', 6, bj('2027-06-16'))]).map((c) => [c.kind, c.date])).toEqual([['weekend', '2027-05-15']])
    // 23:30 Friday Beijing is a working day although it is Friday afternoon UTC... and Saturday nowhere.
    expect(run([entry('a', 5, bj('2027-05-14', 23, 30)), entry('b', 6, bj('2027-06-16'))])).toEqual([])
  })
})

describe('plan changes between revisions', () => {
  const item = (eventId: string, startsAt: string, over: Partial<Parameters<typeof planChanges>[0][number]> = {}) =>
    ({ eventId, theme: `theme ${eventId}`, form: 'hotline' as const, startsAt, endsAt: startsAt, status: 'planned' as const, units: [{ id: 'u', name: 'U', role: 'lead' as const }], ...over })
  it('added, removed (cancelled), moved and changed themes', () => {
    const prev = [item('a', '2027-05-12T01:00:00.000Z'), item('b', '2027-06-16T01:00:00.000Z'), item('c', '2027-07-14T01:00:00.000Z')]
    const next = [item('a', '2027-05-13T01:00:00.000Z'), item('b', '2027-06-16T01:00:00.000Z', { status: 'cancelled' }), item('c', '2027-07-14T01:00:00.000Z', { theme: 'new' }), item('d', '2027-08-11T01:00:00.000Z')]
    expect(planChanges(prev, next)).toEqual({
      added: [{ eventId: 'd', theme: 'theme d' }],
      removed: [{ eventId: 'b', theme: 'theme b' }],
      moved: [{ eventId: 'a', theme: 'theme a', from: '2027-05-12T01:00:00.000Z', to: '2027-05-13T01:00:00.000Z' }],
      changed: [{ eventId: 'c', theme: 'new' }],
    })
    expect(planChanges([], prev).added).toHaveLength(3)
  })
})
