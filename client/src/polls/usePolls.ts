import { useCallback, useReducer } from 'react'
import type { LiveAction } from '../live/store.ts'
import { initialPolls, pollsReducer, type PollsAction, type PollsState } from './store.ts'

/**
 * A session's polls, kept beside the Q&A store: pass `observe` to useLiveSession and the same
 * stream (joins, frames) feeds both; `dispatch` takes the acks of poll commands and votes.
 */
export function usePolls(sessionId: string): { polls: PollsState; observe: (a: LiveAction) => void; dispatch: (a: PollsAction) => void } {
  const [polls, dispatch] = useReducer(pollsReducer, sessionId, initialPolls)
  const observe = useCallback((a: LiveAction) => dispatch(a), [])
  return { polls, observe, dispatch }
}
