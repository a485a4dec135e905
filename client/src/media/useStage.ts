import { useCallback, useEffect, useRef, useState } from 'react'
import type { MediaSource, StageRequestDto } from '@openday/protocol'
import { getSocket } from '../lib/socket.ts'
import type { SpatialLayer } from './quality.ts'
import { initialSnapshot, StageSession, type StageSnapshot } from './stageSession.ts'

export interface Stage {
  snap: StageSnapshot
  /** False while the stage is off (session not live for viewers): `snap` is then the initial one. */
  active: boolean
  /** The track to send from a source, or null to stop; survives reconnects and rebuilds. */
  setLocal: (source: MediaSource, track: MediaStreamTrack | null) => void
  setPaused: (source: MediaSource, paused: boolean) => void
  setLayer: (consumerId: string, layer: SpatialLayer | null) => void
  noteRequest: (request: StageRequestDto) => void
  /** media:join again, e.g. once our stage request was approved. */
  refresh: () => Promise<void>
  retry: () => void
  stats: (direction: 'send' | 'recv') => Promise<RTCStatsReport | null>
}

/**
 * The stage of a session while `enabled`: a StageSession made and stopped with it. The page's
 * local tracks and mute states are kept here, so a new StageSession (e.g. after the session went
 * from scheduled to live for a viewer) publishes them again.
 */
export function useStage(sessionId: string, enabled: boolean, onLocalEnded?: (source: MediaSource) => void): Stage {
  const [session, setSession] = useState<StageSession | null>(null)
  const [snap, setSnap] = useState<StageSnapshot>(initialSnapshot)
  const local = useRef(new Map<MediaSource, MediaStreamTrack>())
  const paused = useRef(new Map<MediaSource, boolean>())
  const sessionRef = useRef<StageSession | null>(null)
  const endedRef = useRef(onLocalEnded)
  useEffect(() => {
    endedRef.current = onLocalEnded
  }, [onLocalEnded])

  useEffect(() => {
    if (!enabled) return
    const s = new StageSession(sessionId, getSocket())
    for (const [source, track] of local.current) s.setLocal(source, track)
    for (const [source, p] of paused.current) s.setPaused(source, p)
    s.onLocalEnded = (source) => {
      local.current.delete(source)
      endedRef.current?.(source)
    }
    const unsubscribe = s.subscribe(() => setSnap(s.getSnapshot()))
    sessionRef.current = s
    setSession(s)
    s.start()
    return () => {
      unsubscribe()
      s.stop()
      sessionRef.current = null
      setSession(null)
      setSnap(initialSnapshot)
    }
  }, [sessionId, enabled])

  const setLocal = useCallback((source: MediaSource, track: MediaStreamTrack | null) => {
    if (track) local.current.set(source, track)
    else local.current.delete(source)
    sessionRef.current?.setLocal(source, track)
  }, [])
  const setPaused = useCallback((source: MediaSource, p: boolean) => {
    paused.current.set(source, p)
    sessionRef.current?.setPaused(source, p)
  }, [])
  const setLayer = useCallback((consumerId: string, layer: SpatialLayer | null) => sessionRef.current?.setLayer(consumerId, layer), [])
  const noteRequest = useCallback((request: StageRequestDto) => sessionRef.current?.noteRequest(request), [])
  const refresh = useCallback(async () => { await sessionRef.current?.refresh() }, [])
  const retry = useCallback(() => sessionRef.current?.retry(), [])
  const stats = useCallback(async (direction: 'send' | 'recv') => (await sessionRef.current?.stats(direction)) ?? null, [])

  return { snap: session ? snap : initialSnapshot, active: session !== null, setLocal, setPaused, setLayer, noteRequest, refresh, retry, stats }
}
