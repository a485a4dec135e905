import { useCallback, useReducer } from 'react'
import type { LiveAction } from '../live/store.ts'
import { useLiveSession, type LiveSession } from '../live/useLiveSession.ts'
import { callsReducer, initialCallsState, type CallsAction, type CallsState } from './calls.ts'

export interface HotlineSession extends LiveSession {
  calls: CallsState
  dispatchCalls: (a: CallsAction) => void
}

/**
 * The live session plus its calls. Calls arrive like questions: in the join answer (snapshot or
 * delta) and in live frames, so the board and the operators' lists update within a frame.
 */
export function useHotlineSession(sessionId: string, enabled = true, observe?: (a: LiveAction) => void): HotlineSession {
  const [calls, dispatchCalls] = useReducer(callsReducer, sessionId, initialCallsState)
  // The stream also feeds whoever else keeps part of it (the polls of the day).
  const both = useCallback((a: LiveAction) => { dispatchCalls(a); observe?.(a) }, [observe])
  const live = useLiveSession(sessionId, enabled, both)
  return { ...live, calls, dispatchCalls }
}
