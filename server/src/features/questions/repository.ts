import type { Db, Tx } from '../../db/client.ts'
import type { Question } from '../../generated/sqlite/client.ts'
import { groupBy } from '../../lib/group.ts'
import { multiInsert } from '../../db/sql.ts'
import { type Cursor, olderThan } from '../../db/cursor.ts'

type Client = Db | Tx

export const findById = (db: Client, id: string) => db.question.findUnique({ where: { id } })

export function findByClientIds(db: Client, keys: { sessionId: string; clientId: string }[]): Promise<Question[]> {
  const bySession = groupBy(keys, (k) => k.sessionId)
  return db.question.findMany({ where: { OR: [...bySession].map(([sessionId, ks]) => ({ sessionId, clientId: { in: ks.map((k) => k.clientId) } })) } })
}

const QUESTION_COLUMNS = ['id', 'sessionId', 'clientId', 'citizenId', 'nickname', 'body', 'sensitiveHits', 'status', 'upvotes', 'preEvent', 'createdAt', 'updatedAt'] as const

/** New (pending) questions in one statement: the ingest hot path. */
export async function createMany(tx: Tx, rows: Question[]): Promise<void> {
  if (!rows.length) return
  await tx.$executeRaw(multiInsert('Question', QUESTION_COLUMNS, rows.map((r) => QUESTION_COLUMNS.map((c) => r[c]))))
}

export const findByClientId = (db: Client, sessionId: string, clientId: string) =>
  db.question.findUnique({ where: { sessionId_clientId: { sessionId, clientId } } })

export function create(tx: Tx, data: { sessionId: string; clientId: string; citizenId: string; nickname: string; body: string; sensitiveHits: string[] }): Promise<Question> {
  return tx.question.create({ data: { ...data, sensitiveHits: data.sensitiveHits.join(',') } })
}

export function update(tx: Tx, id: string, data: Partial<Pick<Question, 'status' | 'body' | 'rejectReason' | 'mergedIntoId' | 'answer' | 'answeredBy' | 'answeredAt' | 'approvedAt' | 'moderatedById' | 'replyDueAt'>>): Promise<Question> {
  return tx.question.update({ where: { id }, data })
}

export const listBySession = (db: Client, sessionId: string) =>
  db.question.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' } })

/** What a non-staff viewer may load: public questions and the viewer's own. */
export const listVisible = (db: Client, sessionId: string, publicStatuses: readonly string[], citizenId: string | null) =>
  db.question.findMany({
    where: { sessionId, OR: [{ status: { in: [...publicStatuses] } }, ...(citizenId ? [{ citizenId }] : [])] },
    orderBy: { createdAt: 'asc' },
  })

/** The newest `limit` questions in these statuses (any when null), before the cursor; newest first. */
export const listLatest = (db: Client, sessionId: string, statuses: readonly string[] | null, limit: number, before?: Cursor) =>
  db.question.findMany({
    where: { sessionId, ...(statuses ? { status: { in: [...statuses] } } : {}), ...olderThan(before) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  })

export const listOwn = (db: Client, sessionId: string, citizenId: string) =>
  db.question.findMany({ where: { sessionId, citizenId }, orderBy: { createdAt: 'asc' } })

export const listByStatus = (tx: Client, sessionId: string, statuses: string[]) =>
  tx.question.findMany({ where: { sessionId, status: { in: statuses } } })

export const findManyWithSessionStatus = (db: Client, ids: string[]) =>
  db.question.findMany({ where: { id: { in: ids } }, include: { session: { select: { status: true, event: { select: { status: true, startsAt: true, previewDays: true } } } } } })

export function findVotes(db: Client, pairs: { questionId: string; citizenId: string }[]) {
  const byQuestion = groupBy(pairs, (p) => p.questionId)
  return db.vote.findMany({ where: { OR: [...byQuestion].map(([questionId, ps]) => ({ questionId, citizenId: { in: ps.map((p) => p.citizenId) } })) } })
}

export async function createVotes(tx: Tx, votes: { questionId: string; citizenId: string }[]): Promise<void> {
  if (!votes.length) return
  const now = new Date()
  await tx.$executeRaw(multiInsert('Vote', ['questionId', 'citizenId', 'createdAt'], votes.map((v) => [v.questionId, v.citizenId, now])))
}

/** Adds n votes to a question's count; returns the new count. */
export async function addUpvotes(tx: Tx, questionId: string, n: number): Promise<number> {
  return (await tx.question.update({ where: { id: questionId }, data: { upvotes: { increment: n } }, select: { upvotes: true } })).upvotes
}

export const countByStatus = (db: Client, sessionId: string) =>
  db.question.groupBy({ by: ['status'], where: { sessionId }, _count: { _all: true } })

/**
 * What a list of sessions' figures are counted from, in one grouped query: per session and status,
 * the questions and how many of them have approvedAt / replyDueAt set (a field's count skips nulls).
 */
export const countForFigures = (db: Client, sessionIds: string[]) =>
  db.question.groupBy({ by: ['sessionId', 'status'], where: { sessionId: { in: sessionIds } }, _count: { _all: true, approvedAt: true, replyDueAt: true } })
