import { describe, expect, it } from 'vitest'
import type { CallPublicDto, CallStaffDto, SessionSummaryDto, SyncResult } from '@openday/protocol'
import { barsFor, callsNewestFirst, callsReducer, figuresFromCalls, initialCallsState, percent } from './calls.ts'

const S = 'hot1'
const session: SessionSummaryDto = {
  id: S, eventId: 'e', kind: 'hotline', title: 't', status: 'live',
  scheduledStart: '2026-05-15T01:00:00.000Z', scheduledEnd: '2026-05-15T04:00:00.000Z', startedAt: null, endedAt: null,
}

const pub = (id: string, over: Partial<CallPublicDto> = {}): CallPublicDto => ({
  id, domainId: 'd1', appealTypeId: 't1', disposition: 'answered', createdAt: `2026-05-15T02:00:0${id.length % 10}.000Z`, ...over,
})
const staff = (id: string, over: Partial<CallStaffDto> = {}): CallStaffDto => ({
  ...pub(id), sessionId: S, clientId: `client-${id}`, operatorName: 'op', leader: '王建国', callerName: null, phoneMasked: '138****5678',
  location: null, content: 'c', reply: 'r', unitId: null, workOrderId: null, dueAt: null, repeatCount: 0,
  startedAt: '2026-05-15T01:59:00.000Z', endedAt: '2026-05-15T02:00:00.000Z', ...over,
})
const sync = (over: Partial<SyncResult>): SyncResult => ({ mode: 'snapshot', session, lastSeq: 5, viewers: 0, staff: false, votes: {}, polls: [], ...over })

describe('calls of a hotline session', () => {
  it('takes the snapshot and keeps calls that frames brought before it', () => {
    let s = initialCallsState(S)
    s = callsReducer(s, { type: 'frame', frame: { sessionId: S, events: [{ seq: 7, type: 'call:logged', call: pub('c7') }] } })
    s = callsReducer(s, { type: 'sync', result: sync({ calls: [pub('c1'), pub('c2')] }) })
    expect(Object.keys(s.calls).sort()).toEqual(['c1', 'c2', 'c7'])
  })

  it('applies deltas and frames, ignoring other sessions and other events', () => {
    let s = initialCallsState(S)
    s = callsReducer(s, { type: 'sync', result: sync({ mode: 'delta', events: [{ seq: 6, type: 'call:logged', call: pub('a') }, { seq: 7, type: 'session:started', session }] }) })
    s = callsReducer(s, { type: 'frame', frame: { sessionId: 'other', events: [{ seq: 8, type: 'call:logged', call: pub('b') }] } })
    s = callsReducer(s, { type: 'frame', frame: { sessionId: S, viewers: 3 } })
    expect(Object.keys(s.calls)).toEqual(['a'])
  })

  it('never trades a staff copy for the public copy of the same call', () => {
    let s = initialCallsState(S)
    s = callsReducer(s, { type: 'callAck', call: staff('x') })
    s = callsReducer(s, { type: 'frame', frame: { sessionId: S, events: [{ seq: 9, type: 'call:logged', call: pub('x') }] } })
    expect(s.calls.x).toHaveProperty('phoneMasked', '138****5678')
    // ...but a public copy is upgraded when the staff copy comes.
    s = callsReducer(s, { type: 'frame', frame: { sessionId: S, events: [{ seq: 10, type: 'call:logged', call: pub('y') }] } })
    s = callsReducer(s, { type: 'frame', frame: { sessionId: S, events: [{ seq: 10, type: 'call:logged', call: staff('y') }] } })
    expect(s.calls.y).toHaveProperty('phoneMasked')
  })

  it('starts over on reset', () => {
    let s = callsReducer(initialCallsState(S), { type: 'callAck', call: staff('x') })
    s = callsReducer(s, { type: 'reset', sessionId: 'hot2' })
    expect(s).toEqual(initialCallsState('hot2'))
  })

  it('sorts newest first', () => {
    const list = callsNewestFirst([pub('a', { createdAt: '2026-05-15T02:00:00Z' }), pub('b', { createdAt: '2026-05-15T02:05:00Z' }), pub('c', { createdAt: '2026-05-15T02:01:00Z' })])
    expect(list.map((c) => c.id)).toEqual(['b', 'c', 'a'])
  })
})

describe('figures from calls', () => {
  it('counts by domain, by type and by disposition', () => {
    const f = figuresFromCalls([
      pub('1', { domainId: 'city', appealTypeId: 'complaint' }),
      pub('2', { domainId: 'city', appealTypeId: 'consult', disposition: 'handed_off' }),
      pub('3', { domainId: 'market', appealTypeId: 'complaint' }),
    ])
    expect(f).toEqual({ calls: 3, byDomain: { city: 2, market: 1 }, byAppealType: { complaint: 2, consult: 1 }, answered: 2, handedOff: 1 })
    expect(figuresFromCalls([])).toEqual({ calls: 0, byDomain: {}, byAppealType: {}, answered: 0, handedOff: 0 })
  })

  it('makes bars in the admin order, with zeros, inactive only with calls, unknown ids gathered', () => {
    const items = [
      { id: 'b', label: 'B', sortOrder: 2, active: true },
      { id: 'a', label: 'A', sortOrder: 1, active: true },
      { id: 'old', label: 'Old', sortOrder: 3, active: false },
      { id: 'old2', label: 'Old2', sortOrder: 4, active: false },
    ]
    expect(barsFor({ b: 2, old: 1, gone: 3, gone2: 1 }, items, 'Other')).toEqual([
      { id: 'a', label: 'A', count: 0 },
      { id: 'b', label: 'B', count: 2 },
      { id: 'old', label: 'Old', count: 1 },
      { id: '', label: 'Other', count: 4 },
    ])
  })

  it('rounds percentages and has none of nothing', () => {
    expect(percent(2, 3)).toBe(66.7)
    expect(percent(0, 0)).toBeNull()
    expect(percent(3, 3)).toBe(100)
  })
})
