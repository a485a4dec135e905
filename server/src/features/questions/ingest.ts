import type { SessionStatus, SubmitQuestion } from '@openday/protocol'
import { randomUUID } from 'node:crypto'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import * as citizens from '../citizens/repository.ts'
import { insertEvents, reserveSeq, type StoredEvent } from '../live/repository.ts'
import { assertWritable, WRITE_WINDOW } from '../sessions/state.ts'
import { toStaffDto } from './dto.ts'
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
}

export interface Submitted { question: ReturnType<typeof toStaffDto>; events: StoredEvent[]; citizenId: string; duplicate: boolean }

interface Item extends Prepared { resolve: (r: Submitted) => void; reject: (e: unknown) => void }

/**
 * Group commit for citizen questions. Each durable commit costs a disk flush and a round of
 * statements; under a burst (a popular session opening its question box) thousands arrive per
 * second. Questions that arrive while a commit is in flight are written together in the next one
 * — a handful of statements for the whole batch. With no burst a batch is one question, so nothing
 * waits on a timer. Each question still gets its own answer: a closed session or a taken client
 * id fails only the questions concerned.
 */
export class SubmitBatcher {
  private queue: Item[] = []
  private draining = false

  constructor(private readonly db: Db, private readonly maxBatch = 500) {}

  submit(p: Prepared): Promise<Submitted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...p, resolve, reject })
      if (!this.draining) {
        this.draining = true
        setImmediate(() => void this.drain())
      }
    })
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch)
      try {
        const results = await inTransaction(this.db, (tx) => writeBatch(tx, batch))
        batch.forEach((item, i) => {
          const r = results[i]!
          if (r instanceof Error) item.reject(r)
          else item.resolve(r)
        })
      } catch {
        // Something unexpected failed the whole transaction: retry one by one, so one bad item
        // cannot fail the others and each caller gets its own error.
        for (const item of batch) {
          try {
            const [r] = await inTransaction(this.db, (tx) => writeBatch(tx, [item]))
            if (r instanceof Error) item.reject(r)
            else item.resolve(r!)
          } catch (e) {
            item.reject(e)
          }
        }
      }
    }
    this.draining = false
  }
}

const key = (sessionId: string, clientId: string) => `${sessionId}\u0000${clientId}`

async function writeBatch(tx: Tx, batch: Prepared[]): Promise<(Submitted | Error)[]> {
  const now = new Date()
  const citizenIds = await citizens.ensureMany(tx, [...new Set(batch.map((b) => b.tokenHash))])
  const existing = new Map((await repo.findByClientIds(tx, batch.map((b) => ({ sessionId: b.input.sessionId, clientId: b.input.clientId }))))
    .map((q) => [key(q.sessionId, q.clientId), q]))

  // New questions, one per (session, client id) even if a retry sits in the same batch.
  const fresh = new Map<string, { item: Prepared; id: string }>()
  for (const b of batch) {
    const k = key(b.input.sessionId, b.input.clientId)
    if (!existing.has(k) && !fresh.has(k)) fresh.set(k, { item: b, id: randomUUID() })
  }
  const closed = new Map<string, Error>()
  const seqOf = new Map<string, number>()
  const bySession = groupBy([...fresh.values()], (f) => f.item.input.sessionId)
  const rows: Question[] = []
  for (const [sessionId, items] of bySession) {
    try {
      const { status } = await reserveSeq(tx, sessionId, 0)
      assertWritable(status as SessionStatus, WRITE_WINDOW.question)
    } catch (err) {
      closed.set(sessionId, err as Error)
      continue
    }
    const { firstSeq } = await reserveSeq(tx, sessionId, items.length)
    items.forEach((f, i) => seqOf.set(f.id, firstSeq + i))
    for (const { item, id } of items) {
      rows.push({
        id, sessionId, clientId: item.input.clientId, citizenId: citizenIds.get(item.tokenHash)!, nickname: item.nickname, body: item.body,
        sensitiveHits: item.hits.join(','), status: 'pending', rejectReason: null, mergedIntoId: null, upvotes: 0, answer: null,
        answeredBy: null, moderatedById: null, approvedAt: null, answeredAt: null, replyDueAt: null, createdAt: now, updatedAt: now,
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
