import { io, type Socket } from 'socket.io-client'
import type { Ack, ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@openday/protocol'
import { api, ApiError, fromAck } from './api.ts'
import { storeCitizenToken, storedCitizenToken } from './ids.ts'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

let socket: AppSocket | null = null

/** Ask the server for a device token only when there is none; a failure (offline, limited) means watching without one. */
async function handshakeAuth(): Promise<HandshakeAuth> {
  const stored = storedCitizenToken()
  if (stored) return { citizenToken: stored }
  try {
    const { token } = await api.citizenToken()
    storeCitizenToken(token)
    return { citizenToken: token }
  } catch {
    return {}
  }
}

/** The server ended this tab's staff login (logout elsewhere, expiry, account disabled). */
export const LOGIN_ENDED_EVENT = 'openday:login-ended'

/** The one socket of the tab, shared by every page; made on first use. */
export function getSocket(): AppSocket {
  if (!socket) {
    // Same origin: the staff cookie travels with the handshake by itself. `auth` is asked again
    // at every (re)connection, so a token issued meanwhile is used.
    const s: AppSocket = io({ transports: ['websocket', 'polling'], auth: (cb) => { void handshakeAuth().then(cb) } })
    socket = s
    watchNetwork(s)
    let retriedToken = false
    s.on('connect_error', (err) => {
      // A token this server did not issue (another deployment's, or a new data key): get a new one, once.
      if (err.message === 'CITIZEN_TOKEN_INVALID' && !retriedToken) {
        retriedToken = true
        storeCitizenToken(null)
        s.connect()
      }
    })
    s.on('connect', () => { retriedToken = false })
    s.on('disconnect', (reason) => {
      // Only the server's login check closes a socket from its side: come back as a public
      // connection, and let the login screen know.
      if (reason !== 'io server disconnect') return
      window.dispatchEvent(new Event(LOGIN_ENDED_EVENT))
      s.connect()
    })
  }
  return socket
}

/**
 * Losing the network does not close an open WebSocket: the browser holds it, and socket.io would
 * notice only at its next missed heartbeat (up to ~45 s), showing "connected" all the while. The
 * browser's offline/online events are immediate, so drop the socket and come back with them; the
 * live pages re-join on "connect" and fetch what they missed.
 */
function watchNetwork(s: AppSocket): void {
  if (typeof window === 'undefined') return
  window.addEventListener('offline', () => s.disconnect())
  window.addEventListener('online', () => { if (!s.connected) s.connect() })
}

/**
 * Staff are identified by their login cookie, which only travels in the handshake: after logging
 * in or out, reconnect so the server sees who we now are. Listeners stay attached and the live
 * pages rejoin on "connect".
 */
export function reconnectSocket(): void {
  if (!socket) return
  socket.disconnect()
  socket.connect()
}

type Events = ClientToServerEvents
export type PayloadOf<E extends keyof Events> = Parameters<Events[E]>[0]
export type AckDataOf<E extends keyof Events> = Parameters<Parameters<Events[E]>[1]>[0] extends Ack<infer T> ? T : never

export const ACK_TIMEOUT_MS = 8000

/**
 * Emits an acked command and resolves with its data; a refusal becomes an ApiError with the
 * server's code, no answer in time becomes TIMEOUT (the caller decides whether to retry with
 * the same client id).
 */
export function emitAck<E extends keyof Events>(event: E, payload: PayloadOf<E>, timeoutMs = ACK_TIMEOUT_MS): Promise<AckDataOf<E>> {
  const s = getSocket()
  return new Promise((resolve, reject) => {
    // socket.io's typed timeout().emit() overloads do not infer through a generic event name.
    const timed = s.timeout(timeoutMs)
    const emit = timed.emit as unknown as (ev: E, p: PayloadOf<E>, cb: (err: Error | null, res: Ack<AckDataOf<E>>) => void) => void
    emit.call(timed, event, payload, (err, res) => {
      if (err) return reject(new ApiError('TIMEOUT', `no answer to ${event} within ${timeoutMs} ms`))
      if (!res || typeof res !== 'object') return reject(new ApiError('INTERNAL', `malformed answer to ${event}`))
      if (res.ok) resolve(res.data)
      else reject(fromAck(res))
    })
  })
}

/** Retries an idempotent command (same payload, same client id) while it only times out. */
export async function emitWithRetry<E extends keyof Events>(event: E, payload: PayloadOf<E>, attempts = 3, timeoutMs = ACK_TIMEOUT_MS): Promise<AckDataOf<E>> {
  for (let i = 1; ; i++) {
    try {
      return await emitAck(event, payload, timeoutMs)
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'TIMEOUT' || i >= attempts) throw err
    }
  }
}
