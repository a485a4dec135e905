import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CallStaffDto } from '@openday/protocol'
import { toApiError } from '../lib/api.ts'
import { emitAck, getSocket } from '../lib/socket.ts'
import { loadOutbox, saveOutbox, tabStore, type LogCallInput, type OutboxItem } from './draft.ts'

const RETRY_MS = 5000

export interface CallOutbox {
  items: OutboxItem[]
  /** clientIds being sent right now. */
  sending: ReadonlySet<string>
  enqueue: (payload: LogCallInput) => void
  retry: (clientId: string) => void
  discard: (clientId: string) => void
}

/**
 * Saved calls wait here (and in sessionStorage) until the server acknowledges them. A call is
 * (re)sent when queued, on every reconnect and every few seconds while the socket is up, always
 * with its own clientId: the server stores it once however often it arrives. A refusal (not a
 * timeout) stops the retries and is shown with the item.
 */
export function useCallOutbox(sessionId: string, onSaved: (call: CallStaffDto) => void): CallOutbox {
  const store = useMemo(tabStore, [])
  const [items, setItems] = useState<OutboxItem[]>(() => loadOutbox(store, sessionId))
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set())
  // The source of truth, written to storage synchronously: the form is cleared right after a
  // call is queued, and a reload in between must find the call here.
  const itemsRef = useRef(items)
  const inFlight = useRef(new Set<string>())
  const onSavedRef = useRef(onSaved)
  useEffect(() => {
    onSavedRef.current = onSaved
  })

  const commit = useCallback((next: OutboxItem[]) => {
    itemsRef.current = next
    saveOutbox(store, sessionId, next)
    setItems(next)
  }, [store, sessionId])

  const send = useCallback(async (clientId: string) => {
    const item = itemsRef.current.find((i) => i.clientId === clientId)
    if (!item || item.error || inFlight.current.has(clientId)) return
    // Offline, socket.io would buffer the emit and send it again on its own after the reconnect;
    // the reconnect handler below sends it then, once.
    if (!getSocket().connected) return
    inFlight.current.add(clientId)
    setSending(new Set(inFlight.current))
    try {
      const call = await emitAck('call:log', item.payload)
      commit(itemsRef.current.filter((i) => i.clientId !== clientId))
      onSavedRef.current(call)
    } catch (err) {
      const e = toApiError(err)
      if (e.code !== 'TIMEOUT' && e.code !== 'NETWORK') {
        commit(itemsRef.current.map((i) => (i.clientId === clientId ? { ...i, error: { code: e.code, message: e.message } } : i)))
      }
    } finally {
      inFlight.current.delete(clientId)
      setSending(new Set(inFlight.current))
    }
  }, [commit])

  const flush = useCallback(() => {
    for (const i of itemsRef.current) if (!i.error) void send(i.clientId)
  }, [send])

  useEffect(() => {
    const socket = getSocket()
    socket.on('connect', flush)
    flush() // what a reload left behind
    const timer = window.setInterval(flush, RETRY_MS)
    return () => {
      socket.off('connect', flush)
      window.clearInterval(timer)
    }
  }, [flush])

  const enqueue = useCallback((payload: LogCallInput) => {
    commit([...itemsRef.current, { clientId: payload.clientId, payload, error: null }])
    void send(payload.clientId)
  }, [commit, send])

  const retry = useCallback((clientId: string) => {
    commit(itemsRef.current.map((i) => (i.clientId === clientId ? { ...i, error: null } : i)))
    void send(clientId)
  }, [commit, send])

  const discard = useCallback((clientId: string) => {
    commit(itemsRef.current.filter((i) => i.clientId !== clientId))
  }, [commit])

  return { items, sending, enqueue, retry, discard }
}
