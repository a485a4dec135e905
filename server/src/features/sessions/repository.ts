import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

export const eventInclude = {
  hostUnits: { include: { unit: true } },
  guests: { orderBy: { sortOrder: 'asc' } },
  sessions: { orderBy: { scheduledStart: 'asc' } },
} as const

export const findSession = (db: Client, id: string) => db.session.findUnique({ where: { id } })

export const findSessionWithEvent = (db: Client, id: string) =>
  db.session.findUnique({ where: { id }, include: { event: { include: eventInclude } } })

export const findEvent = (db: Client, id: string) => db.event.findUnique({ where: { id }, include: eventInclude })

export const listEvents = (db: Client) =>
  db.event.findMany({ where: { status: { in: ['published', 'done'] } }, include: eventInclude, orderBy: { startsAt: 'desc' } })

export const updateSession = (tx: Tx, id: string, data: { status?: string; startedAt?: Date; endedAt?: Date; archivedAt?: Date }) =>
  tx.session.update({ where: { id }, data })

/** Raises the stored peak only upward (several processes may report at once). */
export const raisePeakViewers = (db: Client, id: string, viewers: number) =>
  db.session.updateMany({ where: { id, peakViewers: { lt: viewers } }, data: { peakViewers: viewers } })

export const listArchived = (db: Client) =>
  db.session.findMany({ where: { status: 'archived' }, include: { event: { include: eventInclude } }, orderBy: { endedAt: 'desc' } })

export const assignmentsOf = (db: Client, userId: string) =>
  db.sessionStaff.findMany({ where: { userId }, include: { session: { include: { event: true } } } })

export const allSessions = (db: Client) => db.session.findMany({ include: { event: true }, orderBy: { scheduledStart: 'desc' } })

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>
