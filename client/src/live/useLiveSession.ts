import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { LiveFrame, StaffAssignmentsChanged } from '@openday/protocol'
import { toApiError } from '../lib/api.ts'
import { emitAck, getSocket } from '../lib/socket.ts'
import { initialLiveState, joinPayload, liveReducer, type LiveAction, type LiveState } from './store.ts'

export interface LiveSession {
  state: LiveState
  dispatch: (a: LiveAction) => void
  /** Joins again (after a failed join); a synced client asks only for what it missed. */
  rejoin: () => void
  /** Set when the socket itself cannot connect (e.g. the server refused the handshake). */
  connectError: string | null
  /** Fetches the next older page of questions or of the live record (when state.older says there is one). */
  loadOlder: (kind: 'questions' | 'transcript') => Promise<void>
}

const JOIN_TIMEOUT_MS = 10_000

/**
 * Keeps one session's live state in sync over the shared socket: joins on every (re)connect,
 * with sinceSeq once synced, and feeds frames and join answers through the pure reducer.
 * `observe` sees the same reset/sync/frame actions, for screens that keep more of the stream
 * (the hotline keeps its calls).
 */
export function useLiveSession(sessionId: string, enabled = true, observe?: (a: LiveAction) => void): LiveSession {
  const [state, dispatchLive] = useReducer(liveReducer, sessionId, initialLiveState)
  const observeRef = useRef(observe)
  useEffect(() => {
    observeRef.current = observe
  }, [observe])
  const dispatch = useCallback((a: LiveAction) => {
    dispatchLive(a)
    observeRef.current?.(a)
  }, [])
  const [connectError, setConnectError] = useState<string | null>(null)
  // The socket callbacks outlive renders; they read the latest state through this ref.
  const stateRef = useRef(state)
  useEffect(() => {
    stateRef.current = state
  }, [state])

  const joinRef = useRef<(fresh?: boolean) => void>(() => {})

  useEffect(() => {
    if (!enabled) return
    dispatch({ type: 'reset', sessionId })
    stateRef.current = initialLiveState(sessionId)
    const socket = getSocket()
    let active = true

    // `fresh`: a whole snapshot rather than what was missed, for when what we may see has changed.
    const join = (fresh = false) => {
      const current = stateRef.current
      const payload = !fresh && current.sessionId === sessionId ? joinPayload(current) : { sessionId }
      emitAck('session:join', payload, JOIN_TIMEOUT_MS).then(
        (result) => {
          if (!active) return
          // Made or unmade staff while away: a delta holds only what we may see now, from then on.
          if (result.mode === 'delta' && result.staff !== stateRef.current.staff) return join(true)
          dispatch({ type: 'sync', result })
        },
        (err: unknown) => {
          if (!active) return
          const e = toApiError(err)
          dispatch({ type: 'joinFailed', error: { code: e.code, message: e.message } })
        },
      )
    }
    joinRef.current = join

    const onFrame = (frame: LiveFrame) => dispatch({ type: 'frame', frame })
    const onConnect = () => {
      setConnectError(null)
      dispatch({ type: 'connection', connected: true })
      join()
    }
    const onDisconnect = () => dispatch({ type: 'connection', connected: false })
    // The admin assigned us to this session, changed our role or removed us: join again as what we are now.
    const onAssignments = (change: StaffAssignmentsChanged) => {
      if (change.sessionId === sessionId && socket.connected) join(true)
    }
    const onConnectError = (err: Error) => setConnectError(err.message || 'connect_error')

    socket.on('live:frame', onFrame)
    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    socket.on('connect_error', onConnectError)
    socket.on('staff:assignments', onAssignments)
    if (socket.connected) onConnect()
    else if (!socket.active) socket.connect()

    return () => {
      active = false
      joinRef.current = () => {}
      socket.off('live:frame', onFrame)
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      socket.off('connect_error', onConnectError)
      socket.off('staff:assignments', onAssignments)
      if (socket.connected) socket.emit('session:leave', { sessionId }, () => {})
    }
  }, [sessionId, enabled, dispatch])

  const rejoin = useCallback(() => {
    const socket = getSocket()
    if (socket.connected) joinRef.current()
    else socket.connect() // "connect" joins
  }, [])

  const loadOlder = useCallback(async (kind: 'questions' | 'transcript') => {
    const before = stateRef.current.older[kind]
    if (!before) return
    const result = await emitAck('session:page', { sessionId, kind, before })
    dispatch({ type: 'page', sessionId, result })
  }, [sessionId, dispatch])

  return { state, dispatch, rejoin, connectError, loadOlder }
}
