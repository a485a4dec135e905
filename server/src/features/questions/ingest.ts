import type { SessionStatus, SubmitQuestion } from '@openday/protocol'
import { randomUUID } from 'node:crypto'
import type { Tx } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import * as citizens from '../citizens/repository.ts'
import { insertEvents, reserveSeqIn, type StoredEvent } from '../live/repository.ts'
import { findEventStatuses } from '../sessions/repository.ts'
import { assertWritable, WRITE_WINDOW } from '../sessions/state.ts'
import { mayView } from '../sessions/visibility.ts'
import { isPublic, toStaffDto } from './dto.ts'
import type { Question } from '../../generated/sqlite/client.ts'
import * as repo from './repository.ts'
import { groupBy } from '../../lib/group.ts'

/** A citizen's question after masking and filtering, ready to store. */
export interface Prepared {
  input: SubmitQuestion
  tokenHash: string
  nickname: string
  body: string
  hits: string[]
  /** The sender is staff of the session (they may act in it before its event is public). */
  staff?: boolean
}

export interface Submitted { question: ReturnType<typeof toStaffDto>; events: StoredEvent[]; citizenId: string; duplicate: boolean }

const key = (sessionId: string, clientId: string) => `${sessionId}\u0000${clientId}`

/**
 * Stores a batch of questions in one transaction (see GroupCommit): a closed session or a taken
 * client id fails only the questions concerned; retries inside the batch get the same question.
 */
export async function writeQuestions(tx: Tx, batch: Prepared[]): Promise<(Submitted | Error)[]> {
  const now = new Date()
  // A session the sender may not see (sessions/visibility.ts) is answered as a missing one, and
  // nothing is stored for it: not even the device.
  const eventOf = new Map((await findEventStatuses(tx, [...new Set(batch.map((b) => b.input.sessionId))])).map((s) => [s.id, s]))
  const visible = (b: Prepared) => {
    const s = eventOf.get(b.input.sessionId)
    return s !== undefined && mayView(s.event, b.staff === true, now)
  }
  const seen = batch.filter(visible)
  const citizenIds = await citizens.ensureMany(tx, [...new Set(seen.map((b) => b.tokenHash))])
  const existing = new Map((await repo.findByClientIds(tx, seen.map((b) => ({ sessionId: b.input.sessionId, clientId: b.input.clientId }))))
    .map((q) => [key(q.sessionId, q.clientId), q]))

  // New questions, one per (session, client id) even if a retry sits in the same batch.
  const fresh = new Map<string, { item: Prepared; id: string }>()
  for (const b of seen) {
    const k = key(b.input.sessionId, b.input.clientId)
    if (!existing.has(k) && !fresh.has(k)) fresh.set(k, { item: b, id: randomUUID() })
  }
  const closed = new Map<string, Error>()
  const seqOf = new Map<string, number>()
  const bySession = groupBy([...fresh.values()], (f) => f.item.input.sessionId)
  const rows: Question[] = []
  for (const [sessionId, items] of bySession) {
    let firstSeq: number
    let preEvent: boolean
    try {
      const reserved = await reserveSeqIn(tx, sessionId, items.length, WRITE_WINDOW.question)
      firstSeq = reserved.firstSeq
      // Sent while the session is still scheduled: collected on the preview page (预约提问), and
      // listed apart in the host console when the session opens.
      preEvent = reserved.status === 'scheduled'
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      closed.set(sessionId, err)
      continue
    }
    items.forEach((f, i) => seqOf.set(f.id, firstSeq + i))
    for (const { item, id } of items) {
      rows.push({
        id, sessionId, clientId: item.input.clientId, citizenId: citizenIds.get(item.tokenHash)!, nickname: item.nickname, body: item.body,
        sensitiveHits: item.hits.join(','), status: 'pending', rejectReason: null, mergedIntoId: null, upvotes: 0, answer: null,
        answeredBy: null, moderatedById: null, approvedAt: null, answeredAt: null, replyDueAt: null, preEvent, createdAt: now, updatedAt: now,
      })
    }
  }
  await repo.createMany(tx, rows)
  const events = new Map<string, StoredEvent>()
  for (const [sessionId, list] of groupBy(rows, (r) => r.sessionId)) {
    const stored = await insertEvents(tx, sessionId, seqOf.get(list[0]!.id)!, list.map((q) => ({
      type: 'question:submitted', audience: 'citizen' as const, citizenId: q.citizenId, payload: toStaffDto(q),
    })))
    list.forEach((q, i) => events.set(q.id, stored[i]!))
  }

  const created = new Map(rows.map((r) => [key(r.sessionId, r.clientId), r]))
  const reported = new Set<string>()
  return batch.map((b) => {
    if (!visible(b)) return new AppError('NOT_FOUND', 'no such session')
    const k = key(b.input.sessionId, b.input.clientId)
    const citizenId = citizenIds.get(b.tokenHash)!
    const old = existing.get(k)
    if (old) {
      if (old.citizenId !== citizenId) return new AppError('CONFLICT', 'this client id is taken')
      return { question: toStaffDto(old), events: [], citizenId, duplicate: true }
    }
    const row = created.get(k)
    if (!row) return closed.get(b.input.sessionId) ?? new AppError('INTERNAL', 'question not stored')
    if (row.citizenId !== citizenId) return new AppError('CONFLICT', 'this client id is taken')
    // A retry inside the same batch gets the question, but the event is broadcast once.
    const first = !reported.has(k)
    reported.add(k)
    return { question: toStaffDto(row), events: first ? [events.get(row.id)!] : [], citizenId, duplicate: !first }
  })
}

export interface VoteRequest { questionId: string; tokenHash: string; /** staff of the question's session */ staff?: boolean }
export interface VoteResult { sessionId: string; questionId: string; upvotes: number; counted: boolean }

/**
 * Stores a batch of upvotes in one transaction: one vote per device and question (a repeat is
 * answered with the current count, not counted), only on published questions of open sessions.
 */
export async function writeVotes(tx: Tx, batch: VoteRequest[]): Promise<(VoteResult | Error)[]> {
  const questions = new Map((await repo.findManyWithSessionStatus(tx, [...new Set(batch.map((b) => b.questionId))])).map((q) => [q.id, q]))
  // A question the voter may not see (not public, or of a session of an unpublished event:
  // sessions/visibility.ts) is answered as a missing one, and nothing is stored for it.
  const seen = batch.map((b) => {
    const q = questions.get(b.questionId)
    return q && isPublic(q.status) && mayView(q.session.event, b.staff === true) ? q : null
  })
  const citizenIds = await citizens.ensureMany(tx, [...new Set(batch.filter((_, i) => seen[i]).map((b) => b.tokenHash))])
  const pairs = batch.map((b) => ({ questionId: b.questionId, citizenId: citizenIds.get(b.tokenHash) ?? '' }))
  const voted = new Set((await repo.findVotes(tx, pairs.filter((p) => p.citizenId))).map((v) => `${v.questionId}:${v.citizenId}`))

  const outcome = batch.map((b, i): Error | { counted: boolean } => {
    const q = seen[i]
    if (!q) return new AppError('NOT_FOUND', 'no such question')
    try {
      assertWritable(q.session.status as SessionStatus, WRITE_WINDOW.vote)
    } catch (err) {
      return err as Error
    }
    const k = `${pairs[i]!.questionId}:${pairs[i]!.citizenId}`
    if (voted.has(k)) return { counted: false }
    voted.add(k)
    return { counted: true }
  })
  const fresh = pairs.filter((_, i) => { const o = outcome[i]!; return !(o instanceof Error) && o.counted })
  await repo.createVotes(tx, fresh)
  const counts = new Map<string, number>()
  for (const [questionId, list] of groupBy(fresh, (p) => p.questionId)) counts.set(questionId, await repo.addUpvotes(tx, questionId, list.length))
  return batch.map((b, i) => {
    const o = outcome[i]!
    if (o instanceof Error) return o
    const q = questions.get(b.questionId)!
    return { sessionId: q.sessionId, questionId: q.id, upvotes: counts.get(q.id) ?? q.upvotes, counted: o.counted }
  })
}
