import { useReducer } from 'react'
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
export function useHotlineSession(sessionId: string, enabled = true): HotlineSession {
  const [calls, dispatchCalls] = useReducer(callsReducer, sessionId, initialCallsState)
  const live = useLiveSession(sessionId, enabled, dispatchCalls)
  return { ...live, calls, dispatchCalls }
}
