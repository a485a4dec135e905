import type { HandshakeAuth } from '@openday/protocol'
import { parse as parseCookie } from 'cookie'
import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { Config } from '../config.ts'
import { allowedOrigins } from '../config.ts'
import type { AuthService } from '../features/auth/service.ts'
import * as citizens from '../features/citizens/repository.ts'
import type { CitizenService } from '../features/citizens/service.ts'
import { rooms } from '../features/live/hub.ts'
import { registerHotlineHandlers } from '../features/hotline/handlers.ts'
import { registerMediaHandlers } from '../features/media/handlers.ts'
import { registerPollHandlers } from '../features/polls/handlers.ts'
import { registerQuestionHandlers } from '../features/questions/handlers.ts'
import { registerStageHandlers } from '../features/stage/handlers.ts'
import { registerSessionHandlers } from '../features/sessions/handlers.ts'
import { registerTranscriptHandlers } from '../features/transcript/handlers.ts'
import { createClientIp, limitKey } from '../http/client-ip.ts'
import { SESSION_COOKIE } from '../http/cookies.ts'
import type { SocketDeps } from './deps.ts'
import { FloodBox, floodKey, guardPackets } from './packets.ts'
import { guardStaffSocket } from './staff.ts'
import type { TypedServer, TypedSocket } from './types.ts'

/** The handshake's refusal when the device token was not issued by this server: get a new one. */
export const CITIZEN_TOKEN_INVALID = 'CITIZEN_TOKEN_INVALID'
export const TOO_MANY_CONNECTIONS = 'TOO_MANY_CONNECTIONS'
/** The handshake's refusal while the device (or address) serves its penalty for a flood. */
export const FLOODING = 'FLOODING'

export function createSocketServer(http: HttpServer, config: Config, draining: () => boolean = () => false): TypedServer {
  const origins = allowedOrigins(config)
  return new Server(http, {
    // Commands are small (each at most MAX_COMMAND_BYTES): a packet over 64 KB closes the
    // connection before it is parsed, bounding what a hostile client can make us buffer.
    maxHttpBufferSize: 64 * 1024,
    pingInterval: config.SOCKET_PING_INTERVAL_MS,
    pingTimeout: config.SOCKET_PING_TIMEOUT_MS,
    serveClient: false,
    // Browsers always send Origin on WebSocket/XHR: a page from another site must not drive a
    // citizen's or a staff member's connection. Non-browser clients send none and carry no cookie.
    allowRequest: (req, cb) => {
      const origin = req.headers.origin
      // A stopping server takes no new connections: the client's backoff finds the restarted one.
      if (draining()) { cb('the server is restarting', false); return }
      cb(null, !origin || origins.has(origin))
    },
  })
}

export interface SocketAuth { auth: AuthService; citizens: CitizenService }

/** Identifies each connection (staff cookie, citizen token, address) and registers the handlers. */
export function attachHandlers(io: TypedServer, deps: SocketDeps, { auth, citizens: tokens }: SocketAuth, config: Config): void {
  const clientIp = createClientIp(config.TRUST_PROXY)
  // Open sockets per address in this process: each one is a viewer counted and a connection held.
  const perIp = new Map<string, number>()
  const floods = new FloodBox()
  const packetLimits = { perSecond: config.SOCKET_COMMANDS_PER_S, strikes: config.SOCKET_FLOOD_STRIKES, penaltyMs: config.SOCKET_FLOOD_PENALTY_S * 1000 }

  io.use(async (socket, next) => {
    try {
      const ip = clientIp(socket.request)
      const key = limitKey(ip)
      if ((perIp.get(key) ?? 0) >= config.MAX_SOCKETS_PER_IP) return next(new Error(TOO_MANY_CONNECTIONS))
      const offered = (socket.handshake.auth as HandshakeAuth | undefined)?.citizenToken
      const citizenTokenHash = tokens.hashOf(offered)
      // A token that is there but not ours is refused loudly, so the client fetches a real one
      // instead of silently losing its questions and votes.
      if (offered !== undefined && !citizenTokenHash) return next(new Error(CITIZEN_TOKEN_INVALID))
      const login = await auth.resolve(parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE])
      socket.data = {
        actor: login?.actor ?? null,
        loginId: login?.loginId ?? null,
        loginExpiresAt: login?.expiresAt ?? null,
        citizenTokenHash,
        citizenId: citizenTokenHash ? await citizens.findIdByTokenHash(deps.db, citizenTokenHash) : null,
        ip,
        ipKey: key,
        staffOf: new Set(),
      }
      if (floods.blocked(floodKey(socket.data))) return next(new Error(FLOODING))
      perIp.set(key, (perIp.get(key) ?? 0) + 1)
      next()
    } catch (err) {
      deps.log.error({ err }, 'socket handshake failed')
      next(new Error('INTERNAL'))
    }
  })

  io.on('connection', (socket: TypedSocket) => {
    guardPackets(socket, packetLimits, floods, deps.log)
    guardStaffSocket(socket, auth, deps.log)
    if (socket.data.citizenId) void socket.join(rooms.citizen(socket.data.citizenId))
    registerSessionHandlers(socket, deps)
    registerQuestionHandlers(socket, deps)
    registerTranscriptHandlers(socket, deps)
    registerMediaHandlers(socket, deps)
    registerStageHandlers(socket, deps)
    registerHotlineHandlers(socket, deps)
    registerPollHandlers(socket, deps)
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        const m = /^s:([^:]+)$/.exec(room)
        if (m?.[1]) deps.hub.viewersChanged(m[1])
      }
    })
    socket.on('disconnect', () => {
      const left = (perIp.get(socket.data.ipKey) ?? 1) - 1
      if (left > 0) perIp.set(socket.data.ipKey, left)
      else perIp.delete(socket.data.ipKey)
    })
  })
}
