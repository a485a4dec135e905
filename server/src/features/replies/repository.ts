import type { ReplyFilter, ReplySettingsDto } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const taskInclude = {
  question: { select: { id: true, nickname: true, body: true, createdAt: true, preEvent: true, status: true, approvedAt: true } },
  opinion: { select: { id: true, speaker: true, category: true, body: true, createdAt: true, status: true } },
  unit: { select: { id: true, name: true } },
  versions: { orderBy: { number: 'asc' as const } },
} as const

/** The task with what its views need: the question, the unit, the published versions, the session and event names. */
export const find = (c: Client, id: string) =>
  c.replyTask.findUnique({ where: { id }, include: taskInclude }).then(async (t) => (t ? { ...t, session: await sessionOf(c, t.sessionId) } : null))

const sessionOf = (c: Client, sessionId: string) =>
  c.session.findUniqueOrThrow({ where: { id: sessionId }, select: { id: true, title: true, event: { select: { id: true, theme: true } } } })

export type TaskRow = NonNullable<Awaited<ReturnType<typeof find>>>

/** The list for a filter, oldest due first; `now` decides what is overdue. */
export async function list(c: Client, q: { filter: ReplyFilter; unitId?: string | undefined; sessionId?: string | undefined }, now: Date): Promise<TaskRow[]> {
  const unpublished = { firstPublishedAt: null, state: { not: 'dismissed' } }
  const byFilter = {
    all: {},
    due: { ...unpublished, dueAt: { gte: now } },
    overdue: { ...unpublished, dueAt: { lt: now } },
    checking: { state: 'checking' },
    done: { OR: [{ firstPublishedAt: { not: null } }, { state: 'dismissed' }] },
  }[q.filter]
  const rows = await c.replyTask.findMany({
    where: { ...byFilter, ...(q.unitId ? { unitId: q.unitId } : {}), ...(q.sessionId ? { sessionId: q.sessionId } : {}) },
    include: taskInclude,
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: 500,
  })
  const sessions = new Map<string, Awaited<ReturnType<typeof sessionOf>>>()
  for (const id of new Set(rows.map((r) => r.sessionId))) sessions.set(id, await sessionOf(c, id))
  return rows.map((r) => ({ ...r, session: sessions.get(r.sessionId)! }))
}

/** Changes the task only if it is still at `revision` (optimistic lock); false when someone else changed it. */
export async function updateIfCurrent(tx: Tx, id: string, revision: number, data: { state?: string; draft?: string; reason?: string | null; pendingById?: string | null; pendingNote?: string; firstPublishedAt?: Date }): Promise<boolean> {
  const { count } = await tx.replyTask.updateMany({ where: { id, revision }, data: { ...data, revision: { increment: 1 } } })
  return count === 1
}

export const addVersion = (tx: Tx, d: { taskId: string; number: number; body: string; note: string; publishedAt: Date; writtenById: string; checkedById: string | null }) =>
  tx.replyVersion.create({ data: d })

/** An opinion's task: owed by the unit it was assigned to, counted with its event's first session. */
export const createOpinionTask = (tx: Tx, d: { opinionId: string; sessionId: string; unitId: string; dueAt: Date }) =>
  tx.replyTask.create({ data: d })

/** The tasks a session's end makes: one per question, due at `dueAt`, owed by `unitId`. */
export async function createTasks(tx: Tx, sessionId: string, unitId: string | null, questionIds: string[], dueAt: Date): Promise<void> {
  for (const questionId of questionIds) {
    await tx.replyTask.upsert({ where: { questionId }, create: { questionId, sessionId, unitId, dueAt }, update: {} })
  }
}

/** A session's tasks with their versions (the archive page). */
export const forSession = (c: Client, sessionId: string) =>
  c.replyTask.findMany({ where: { sessionId }, include: { versions: { orderBy: { number: 'asc' } } } })

/** Per session: the tasks answered in writing or closed by the office (no longer awaited). */
export async function settledCounts(c: Client, sessionIds: string[]): Promise<Map<string, number>> {
  const rows = await c.replyTask.groupBy({
    by: ['sessionId'], where: { sessionId: { in: sessionIds }, questionId: { not: null }, OR: [{ firstPublishedAt: { not: null } }, { state: 'dismissed' }] }, _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.sessionId, r._count._all]))
}

// The office's reply rules, kept as settings so the admin changes them from the UI.
const REQUIRE_CHECK = 'replies.requireCheck'
const WORKING_DAYS = 'replies.workingDays'

export async function settings(c: Client, defaults: ReplySettingsDto): Promise<ReplySettingsDto> {
  const rows = await c.setting.findMany({ where: { key: { in: [REQUIRE_CHECK, WORKING_DAYS] } } })
  const v = new Map(rows.map((r) => [r.key, r.value]))
  return {
    requireCheck: v.has(REQUIRE_CHECK) ? v.get(REQUIRE_CHECK) === 'true' : defaults.requireCheck,
    workingDays: v.has(WORKING_DAYS) ? Number(v.get(WORKING_DAYS)) : defaults.workingDays,
  }
}

export async function saveSettings(tx: Tx, s: ReplySettingsDto): Promise<void> {
  for (const [key, value] of [[REQUIRE_CHECK, String(s.requireCheck)], [WORKING_DAYS, String(s.workingDays)]] as const) {
    await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } })
  }
}
