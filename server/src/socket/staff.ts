import type { Logger } from 'pino'
import type { AuthService } from '../features/auth/service.ts'
import type { TypedServer, TypedSocket } from './types.ts'

/** Rooms that name a staff socket's login and user, so either can be ended on every node at once. */
export const loginRooms = {
  login: (loginId: string) => `login:${loginId}`,
  user: (userId: string) => `user:${userId}`,
}

const ENDED = { ok: false as const, code: 'UNAUTHENTICATED' as const, message: 'your login has ended; log in again' }

/**
 * A staff login is read once at the handshake, but a socket lives for hours: every packet of a
 * staff socket is checked against the login as it is now (logout, expiry, idle timeout, account
 * disabled), and a socket whose login has ended is answered UNAUTHENTICATED and closed before the
 * command runs. Citizens' sockets carry no login and pass untouched.
 */
export function guardStaffSocket(socket: TypedSocket, auth: AuthService, log: Logger): void {
  const loginId = socket.data.loginId
  if (!loginId) return
  void socket.join([loginRooms.login(loginId), loginRooms.user(socket.data.actor!.id)])
  // The absolute expiry is known now: close the socket at that moment rather than at the next sweep.
  const left = (socket.data.loginExpiresAt?.getTime() ?? Date.now()) - Date.now()
  const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(left, 0), 2 ** 31 - 1))
  socket.once('disconnect', () => clearTimeout(expiry))
  socket.use((packet, next) => {
    auth.check(loginId).then((actor) => {
      if (actor) {
        // The account as it is now: a one-time password changed since the handshake, a new name.
        socket.data.actor = actor
        return next()
      }
      const ack = packet[packet.length - 1]
      if (typeof ack === 'function') (ack as (r: typeof ENDED) => void)(ENDED)
      socket.disconnect(true)
    }, (err: unknown) => {
      log.error({ err }, 'login check failed')
      const ack = packet[packet.length - 1]
      if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, code: 'INTERNAL', message: 'internal error' })
    })
  })
}

/**
 * Ends the sockets of revoked logins at once (logout, disable, password reset), through the
 * adapter so that other server processes' sockets close too, and sweeps this process's staff
 * sockets every `sweepMs` for logins that expired or went idle without anyone revoking them.
 */
export function watchLogins(io: TypedServer, auth: AuthService, sweepMs: number, log: Logger): () => void {
  auth.onRevoke((r) => {
    const room = 'loginId' in r ? loginRooms.login(r.loginId) : loginRooms.user(r.userId)
    io.in(room).disconnectSockets(true)
  })
  const sweep = async () => {
    const byLogin = new Map<string, TypedSocket[]>()
    for (const s of io.of('/').sockets.values()) {
      if (!s.data.loginId) continue
      byLogin.set(s.data.loginId, [...(byLogin.get(s.data.loginId) ?? []), s])
    }
    for (const id of await auth.invalid([...byLogin.keys()])) for (const s of byLogin.get(id) ?? []) s.disconnect(true)
  }
  const timer = setInterval(() => { sweep().catch((err: unknown) => log.warn({ err }, 'login sweep failed')) }, sweepMs)
  timer.unref()
  return () => clearInterval(timer)
}
