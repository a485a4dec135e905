import type { CallPublicDto, CallStaffDto, HotlineFiguresDto, LiveEvent } from '@openday/protocol'
import { timeValue } from '../lib/format.ts'
import type { LiveAction } from '../live/store.ts'

// The calls of one hotline session, fed by the same actions as the live store (join answers and
// frames) plus the acks of our own call:log. Calls never change once logged, so every source is
// an upsert; the only rule is that a staff copy (masked number, content) is never replaced by
// the public copy of the same call that staff also receive.

export type AnyCall = CallStaffDto | CallPublicDto

export interface CallsState {
  sessionId: string
  calls: Record<string, AnyCall>
}

export type CallsAction = LiveAction | { type: 'callAck'; call: CallStaffDto }

export const initialCallsState = (sessionId: string): CallsState => ({ sessionId, calls: {} })

export function isStaffCall(c: AnyCall): c is CallStaffDto {
  return typeof (c as CallStaffDto).phoneMasked === 'string'
}

function upsert(calls: Record<string, AnyCall>, c: AnyCall): Record<string, AnyCall> {
  const old = calls[c.id]
  if (old && isStaffCall(old) && !isStaffCall(c)) return calls
  return { ...calls, [c.id]: c }
}

function applyEvents(state: CallsState, events: readonly LiveEvent[] | undefined): CallsState {
  let calls = state.calls
  for (const ev of events ?? []) if (ev.type === 'call:logged') calls = upsert(calls, ev.call)
  return calls === state.calls ? state : { ...state, calls }
}

export function callsReducer(state: CallsState, action: CallsAction): CallsState {
  switch (action.type) {
    case 'reset':
      return initialCallsState(action.sessionId)
    case 'sync': {
      const r = action.result
      if (r.session.id !== state.sessionId) return state
      if (r.mode === 'delta') return applyEvents(state, r.events)
      // Calls are never removed, so the snapshot and what frames brought before it are merged.
      let calls: Record<string, AnyCall> = {}
      for (const c of r.calls ?? []) calls = upsert(calls, c)
      for (const c of Object.values(state.calls)) calls = upsert(calls, c)
      return { ...state, calls }
    }
    case 'frame':
      if (action.frame.sessionId !== state.sessionId) return state
      return applyEvents(state, action.frame.events)
    case 'callAck':
      if (action.call.sessionId !== state.sessionId) return state
      return { ...state, calls: upsert(state.calls, action.call) }
    default:
      return state
  }
}

// ---- selectors ----

/** Newest first (ties: by id, so the order is stable between renders). */
export function callsNewestFirst<T extends AnyCall>(calls: Record<string, T> | readonly T[]): T[] {
  const list = Array.isArray(calls) ? [...calls] : Object.values(calls)
  return list.sort((a, b) => timeValue(b.createdAt) - timeValue(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
}

/** What the board can count from the calls themselves (follow-up figures come from the server). */
export type LiveFigures = Pick<HotlineFiguresDto, 'calls' | 'byDomain' | 'byAppealType' | 'answered' | 'handedOff'>

export function figuresFromCalls(calls: Iterable<AnyCall>): LiveFigures {
  const f: LiveFigures = { calls: 0, byDomain: {}, byAppealType: {}, answered: 0, handedOff: 0 }
  for (const c of calls) {
    f.calls++
    f.byDomain[c.domainId] = (f.byDomain[c.domainId] ?? 0) + 1
    f.byAppealType[c.appealTypeId] = (f.byAppealType[c.appealTypeId] ?? 0) + 1
    if (c.disposition === 'answered') f.answered++
    else f.handedOff++
  }
  return f
}

export interface Labelled { id: string; label: string; sortOrder: number }

export interface Bar { id: string; label: string; count: number }

/**
 * One bar per category, in the admin's order; categories without calls are kept (a zero is
 * information on a board), inactive ones only when they have calls. Counts for ids the taxonomy
 * does not know (deleted meanwhile) are gathered under `otherLabel`.
 */
export function barsFor(counts: Record<string, number>, items: readonly (Labelled & { active: boolean })[], otherLabel: string): Bar[] {
  const known = new Set(items.map((i) => i.id))
  const bars = [...items]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .filter((i) => i.active || (counts[i.id] ?? 0) > 0)
    .map((i) => ({ id: i.id, label: i.label, count: counts[i.id] ?? 0 }))
  const unknown = Object.entries(counts).filter(([id]) => !known.has(id)).reduce((n, [, c]) => n + c, 0)
  if (unknown > 0) bars.push({ id: '', label: otherLabel, count: unknown })
  return bars
}

/** Percentage with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null
  return Math.round((part / whole) * 1000) / 10
}
