import type { SessionStatus } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { multiInsert } from '../../db/sql.ts'
import { assertWritable } from '../sessions/state.ts'

export type Audience = 'public' | 'staff' | 'citizen'

export interface NewEvent {
  type: string
  audience: Audience
  /** For audience 'citizen': the one citizen (besides staff) who may see it. */
  citizenId?: string | null
  payload: unknown
}

export interface StoredEvent extends NewEvent {
  seq: number
}

/**
 * Reserves `count` sequence numbers of a session. Runs first in a write transaction: the row
 * update serialises writers of one session (PostgreSQL row lock, SQLite's single writer), so
 * sequence order is commit order. Returns the session's status for the caller's checks.
 */
export async function reserveSeq(tx: Tx, sessionId: string, count: number): Promise<{ status: SessionStatus; firstSeq: number }> {
  try {
    const s = await tx.session.update({ where: { id: sessionId }, data: { seq: { increment: count } }, select: { seq: true, status: true } })
    return { status: s.status as SessionStatus, firstSeq: s.seq - count + 1 }
  } catch (err) {
    if (isPrismaCode(err, 'P2025')) throw new AppError('NOT_FOUND', 'no such session')
    throw err
  }
}

/**
 * reserveSeq for a write allowed only in some session states, in one statement: the status check
 * rides on the update, so a batch of questions costs one round trip less (it counts on PostgreSQL).
 * A session outside the window is left untouched, and the caller gets the reason.
 */
export async function reserveSeqIn(tx: Tx, sessionId: string, count: number, window: readonly SessionStatus[]): Promise<{ firstSeq: number; status: SessionStatus }> {
  try {
    // The status read with the lock: what a question submitted now was submitted in (preEvent).
    const s = await tx.session.update({ where: { id: sessionId, status: { in: [...window] } }, data: { seq: { increment: count } }, select: { seq: true, status: true } })
    return { firstSeq: s.seq - count + 1, status: s.status as SessionStatus }
  } catch (err) {
    if (!isPrismaCode(err, 'P2025')) throw err
    const found = await tx.session.findUnique({ where: { id: sessionId }, select: { status: true } })
    if (!found) throw new AppError('NOT_FOUND', 'no such session')
    assertWritable(found.status as SessionStatus, window)
    throw new AppError('CONFLICT', 'the session changed state; try again')
  }
}

export async function insertEvents(tx: Tx, sessionId: string, firstSeq: number, events: NewEvent[]): Promise<StoredEvent[]> {
  const stored = events.map((e, i) => ({ ...e, seq: firstSeq + i }))
  const now = new Date()
  await tx.$executeRaw(multiInsert('SessionEvent', ['sessionId', 'seq', 'type', 'audience', 'citizenId', 'payload', 'createdAt'],
    stored.map((e) => [sessionId, e.seq, e.type, e.audience, e.citizenId ?? null, JSON.stringify(e.payload), now])))
  return stored
}

export interface Viewer { staff: boolean; citizenId: string | null }

/** Events after `sinceSeq` that this viewer may see, oldest first; null when there are too many. */
export async function eventsSince(db: Db, sessionId: string, sinceSeq: number, viewer: Viewer, limit: number): Promise<StoredEvent[] | null> {
  const visible = viewer.staff
    ? {}
    : { OR: [{ audience: 'public' }, ...(viewer.citizenId ? [{ audience: 'citizen', citizenId: viewer.citizenId }] : [])] }
  const rows = await db.sessionEvent.findMany({
    where: { sessionId, seq: { gt: sinceSeq }, ...visible },
    orderBy: { seq: 'asc' },
    take: limit + 1,
  })
  if (rows.length > limit) return null
  return rows.map((r) => ({ seq: r.seq, type: r.type, audience: r.audience as Audience, citizenId: r.citizenId, payload: JSON.parse(r.payload) as unknown }))
}

/** Whether anything the public sees happened after `seq` (staff-only changes leave public views valid). */
export async function hasPublicSince(db: Db, sessionId: string, seq: number): Promise<boolean> {
  return (await db.sessionEvent.findFirst({ where: { sessionId, seq: { gt: seq }, audience: 'public' }, select: { seq: true } })) !== null
}
