import type { Db, Tx } from '../../db/client.ts'
import { publicEventWhere, publicSessionWhere } from './visibility.ts'

type Client = Db | Tx

export const eventInclude = {
  hostUnits: { include: { unit: true } },
  guests: { orderBy: { sortOrder: 'asc' } },
  sessions: { orderBy: { scheduledStart: 'asc' } },
} as const

export const findSession = (db: Client, id: string) => db.session.findUnique({ where: { id } })

export const findSessionWithEvent = (db: Client, id: string) =>
  db.session.findUnique({ where: { id }, include: { event: { include: eventInclude } } })

/** What deciding whether a viewer may see the session needs (visibility.ts), and little else. */
export const findSessionVisibility = (db: Client, id: string) =>
  db.session.findUnique({ where: { id }, select: { id: true, kind: true, status: true, event: { select: { status: true, startsAt: true, previewDays: true } } } })

/** Sessions' event status, for batches that decide visibility for many items at once. */
export const findEventStatuses = (db: Client, ids: string[]) =>
  db.session.findMany({ where: { id: { in: ids } }, select: { id: true, event: { select: { status: true, startsAt: true, previewDays: true } } } })

export const findEventVisibility = (db: Client, id: string) =>
  db.event.findUnique({ where: { id }, select: { id: true, status: true, startsAt: true, previewDays: true } })

export const findEvent = (db: Client, id: string) => db.event.findUnique({ where: { id }, include: eventInclude })

export const listEvents = (db: Client) =>
  db.event.findMany({ where: publicEventWhere(), include: eventInclude, orderBy: { startsAt: 'desc' } })

export const updateSession = (tx: Tx, id: string, data: { status?: string; startedAt?: Date; endedAt?: Date; archivedAt?: Date }) =>
  tx.session.update({ where: { id }, data })

/** Raises the stored peak only upward (several processes may report at once). */
export const raisePeakViewers = (db: Client, id: string, viewers: number) =>
  db.session.updateMany({ where: { id, peakViewers: { lt: viewers } }, data: { peakViewers: viewers } })

/** Where the archive list's previous page ended: the last session's end time and id. */
export interface ArchiveCursor { endedAt: Date | null; id: string }

// Newest first; the id breaks ties, so that every session has one place in the order (keyset
// paging then gives each exactly once, even while sessions are being archived). Sessions without
// an end time (only ever written by hand) go last on both databases.
const archiveOrder = [{ endedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }] as const

const afterCursor = ({ endedAt, id }: ArchiveCursor) => endedAt === null
  ? { endedAt: null, id: { lt: id } }
  : { OR: [{ endedAt: { lt: endedAt } }, { endedAt, id: { lt: id } }, { endedAt: null }] }

const publicArchived = (now: Date) => ({ status: 'archived', ...publicSessionWhere(now) })

/** One page of the public archive list: archived sessions of published events, after the cursor. */
export const listArchivedPage = (db: Client, cursor: ArchiveCursor | null, take: number) =>
  db.session.findMany({
    where: { ...publicArchived(new Date()), ...(cursor ? afterCursor(cursor) : {}) },
    include: { event: { include: { hostUnits: { include: { unit: true } } } } },
    orderBy: [...archiveOrder],
    take,
  })

export const countArchived = (db: Client) => db.session.count({ where: publicArchived(new Date()) })

export const assignmentsOf = (db: Client, userId: string) =>
  db.sessionStaff.findMany({ where: { userId }, include: { session: { include: { event: true } } } })

export const allSessions = (db: Client) => db.session.findMany({ include: { event: true }, orderBy: { scheduledStart: 'desc' } })

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>
