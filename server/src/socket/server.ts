import { CitizenToken, type HandshakeAuth } from '@openday/protocol'
import { parse as parseCookie } from 'cookie'
import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { Config } from '../config.ts'
import { allowedOrigins } from '../config.ts'
import type { AuthService } from '../features/auth/service.ts'
import { sha256 } from '../features/auth/service.ts'
import * as citizens from '../features/citizens/repository.ts'
import { rooms } from '../features/live/hub.ts'
import { registerHotlineHandlers } from '../features/hotline/handlers.ts'
import { registerMediaHandlers } from '../features/media/handlers.ts'
import { registerQuestionHandlers } from '../features/questions/handlers.ts'
import { registerStageHandlers } from '../features/stage/handlers.ts'
import { registerSessionHandlers } from '../features/sessions/handlers.ts'
import { registerTranscriptHandlers } from '../features/transcript/handlers.ts'
import { SESSION_COOKIE } from '../http/cookies.ts'
import type { SocketDeps } from './deps.ts'
import type { TypedServer, TypedSocket } from './types.ts'

export function createSocketServer(http: HttpServer, config: Config): TypedServer {
  const origins = allowedOrigins(config)
  return new Server(http, {
    // Commands are small; this only bounds what a hostile client can make us buffer.
    maxHttpBufferSize: 256 * 1024,
    serveClient: false,
    // Browsers always send Origin on WebSocket/XHR: a page from another site must not drive a
    // citizen's or a staff member's connection. Non-browser clients send none and carry no cookie.
    allowRequest: (req, cb) => {
      const origin = req.headers.origin
      cb(null, !origin || origins.has(origin))
    },
  })
}

/** Identifies each connection once (staff cookie, citizen token) and registers the handlers. */
export function attachHandlers(io: TypedServer, deps: SocketDeps, auth: AuthService, config: Config): void {
  io.use(async (socket, next) => {
    try {
      const cookies = parseCookie(socket.handshake.headers.cookie ?? '')
      const login = await auth.resolve(cookies[SESSION_COOKIE])
      const token = CitizenToken.safeParse((socket.handshake.auth as HandshakeAuth | undefined)?.citizenToken)
      const citizenTokenHash = token.success ? sha256(token.data) : null
      socket.data = {
        actor: login?.actor ?? null,
        citizenTokenHash,
        citizenId: citizenTokenHash ? await citizens.findIdByTokenHash(deps.db, citizenTokenHash) : null,
        ip: clientIp(socket, config.TRUST_PROXY),
        staffOf: new Set(),
      }
      next()
    } catch (err) {
      deps.log.error({ err }, 'socket handshake failed')
      next(new Error('INTERNAL'))
    }
  })

  io.on('connection', (socket: TypedSocket) => {
    if (socket.data.citizenId) void socket.join(rooms.citizen(socket.data.citizenId))
    registerSessionHandlers(socket, deps)
    registerQuestionHandlers(socket, deps)
    registerTranscriptHandlers(socket, deps)
    registerMediaHandlers(socket, deps)
    registerStageHandlers(socket, deps)
    registerHotlineHandlers(socket, deps)
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        const m = /^s:([^:]+)$/.exec(room)
        if (m?.[1]) deps.hub.viewersChanged(m[1])
      }
    })
  })
}

/** The client's address; X-Forwarded-For is believed only through the configured proxies. */
function clientIp(socket: TypedSocket, trustProxy: number): string {
  const direct = socket.handshake.address
  if (trustProxy <= 0) return direct
  const chain = String(socket.handshake.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  return chain[chain.length - trustProxy] ?? direct
}
