import type { SessionStatus } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'

// A session moves one way only: scheduled -> live -> ended -> archived. Once ended it is frozen.
const NEXT: Record<SessionStatus, readonly SessionStatus[]> = {
  scheduled: ['live'],
  live: ['ended'],
  ended: ['archived'],
  archived: [],
}

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return NEXT[from].includes(to)
}

export function assertTransition(from: SessionStatus, to: SessionStatus): void {
  if (!canTransition(from, to)) throw new AppError(isClosed(from) ? 'SESSION_CLOSED' : 'CONFLICT', `session cannot go from ${from} to ${to}`)
}

export function isClosed(status: SessionStatus): boolean {
  return status === 'ended' || status === 'archived'
}

/** What each kind of write needs from the session's status. */
export const WRITE_WINDOW = {
  /** Questions are collected before the session (预告) and during it. */
  question: ['scheduled', 'live'],
  moderate: ['scheduled', 'live'],
  vote: ['scheduled', 'live'],
  /** The live record and live answers exist only while live. */
  live: ['live'],
} as const satisfies Record<string, readonly SessionStatus[]>

export function assertWritable(status: SessionStatus, window: readonly SessionStatus[]): void {
  if (window.includes(status)) return
  if (isClosed(status)) throw new AppError('SESSION_CLOSED', 'this session has ended and is archived: no more changes')
  throw new AppError('CONFLICT', 'this session is not live yet')
}
