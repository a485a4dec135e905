import type { ClientToServerEvents, ServerToClientEvents } from '@openday/protocol'
import type { Server, Socket } from 'socket.io'
import type { Actor } from '../features/auth/actor.ts'

/** What the server knows about a connection, set once at handshake. */
export interface SocketData {
  actor: Actor | null
  /** The staff login (stored hash of the cookie token) the actor came with, re-checked per command. */
  loginId: string | null
  /** When that login ends at the latest (its absolute expiry); the socket is closed then. */
  loginExpiresAt: Date | null
  /** SHA-256 of the citizen's device token, when the device sent one. */
  citizenTokenHash: string | null
  /** The citizen row of that token, once it exists (after a first question or vote). */
  citizenId: string | null
  /** The client's address, through trusted proxies only (for the audit log). */
  ip: string
  /** The same address as limits count it (IPv6: its /64). */
  ipKey: string
  /** Sessions this socket joined as staff (their staff room). */
  staffOf: Set<string>
}

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
