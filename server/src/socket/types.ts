import type { ClientToServerEvents, ServerToClientEvents } from '@openday/protocol'
import type { Server, Socket } from 'socket.io'
import type { Actor } from '../features/auth/actor.ts'

/** What the server knows about a connection, set once at handshake. */
export interface SocketData {
  actor: Actor | null
  /** SHA-256 of the citizen's device token, when the device sent one. */
  citizenTokenHash: string | null
  /** The citizen row of that token, once it exists (after a first question or vote). */
  citizenId: string | null
  ip: string
  /** Sessions this socket joined as staff (their staff room). */
  staffOf: Set<string>
}

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
