import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

/** What the picker and the staffing list show of an account: never its password hash. */
export const personSelect = {
  id: true, username: true, displayName: true, role: true, active: true,
  unit: { select: { id: true, name: true, nameEn: true } },
} as const

const sessionInclude = {
  event: { select: { id: true, theme: true, status: true, form: true, startsAt: true, previewDays: true } },
  staff: { include: { user: { select: personSelect } } },
} as const

/** Every session with its event and staff, the newest first (the id orders sessions at the same time). */
export const listSessions = (db: Client) =>
  db.session.findMany({ include: sessionInclude, orderBy: [{ scheduledStart: 'desc' }, { id: 'asc' }] })

export const findSession = (db: Client, id: string) => db.session.findUnique({ where: { id }, include: sessionInclude })

/** Accounts that may be assigned: active ones; the city office (admin) acts in every session anyway. */
export const listCandidates = (db: Client) =>
  db.user.findMany({ where: { active: true, role: { not: 'admin' } }, select: personSelect, orderBy: [{ displayName: 'asc' }, { id: 'asc' }] })

export const findUser = (db: Client, id: string) => db.user.findUnique({ where: { id }, select: personSelect })

export const findAssignment = (db: Client, sessionId: string, userId: string) =>
  db.sessionStaff.findUnique({ where: { sessionId_userId: { sessionId, userId } } })

export const upsertAssignment = (tx: Tx, sessionId: string, userId: string, role: string) =>
  tx.sessionStaff.upsert({ where: { sessionId_userId: { sessionId, userId } }, create: { sessionId, userId, role }, update: { role } })

export const deleteAssignment = (tx: Tx, sessionId: string, userId: string) =>
  tx.sessionStaff.deleteMany({ where: { sessionId, userId } })

export type AdminSessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findUser>>>
