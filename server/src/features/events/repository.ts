import type { Db, Tx } from '../../db/client.ts'
import { eventInclude } from '../sessions/repository.ts'

type Client = Db | Tx

export const findEvent = (db: Client, id: string) => db.event.findUnique({ where: { id }, include: eventInclude })

/** A year's events as the public calendar has them (drafts are nowhere public), by start. */
export const listYear = (db: Client, year: number) =>
  db.event.findMany({ where: { year, status: { not: 'draft' } }, include: eventInclude, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })

/** Whether the user works any session of the event (assigned in any role). */
export const isEventStaff = async (db: Client, userId: string, eventId: string) =>
  (await db.sessionStaff.findFirst({ where: { userId, session: { eventId } }, select: { userId: true } })) !== null

export const hostRole = async (db: Client, eventId: string, unitId: string) =>
  (await db.eventHostUnit.findUnique({ where: { eventId_unitId: { eventId, unitId } }, select: { role: true } }))?.role ?? null

export const unitEvents = (db: Client, unitId: string) =>
  db.event.findMany({
    where: { status: { not: 'draft' }, hostUnits: { some: { unitId } } },
    include: { hostUnits: { where: { unitId }, select: { role: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  })

export const allEvents = (db: Client) =>
  db.event.findMany({ where: { status: { not: 'draft' } }, include: { hostUnits: { select: { role: true } } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })

export const staffOfEvent = (db: Client, eventId: string) =>
  db.sessionStaff.findMany({
    where: { session: { eventId } },
    include: { user: { select: { id: true, username: true, displayName: true } } },
    orderBy: [{ sessionId: 'asc' }, { role: 'asc' }],
  })

/** Accounts of a unit that its editor may put on the unit's sessions. */
export const unitPeople = (db: Client, unitId: string) =>
  db.user.findMany({
    where: { unitId, active: true, role: { not: 'admin' } },
    select: { id: true, username: true, displayName: true },
    orderBy: { username: 'asc' },
  })

export const findUser = (db: Client, id: string) => db.user.findUnique({ where: { id }, select: { id: true, unitId: true, role: true, active: true } })

export const updateEvent = (tx: Tx, id: string, data: { summary?: string; location?: string; signup?: string; startsAt?: Date; endsAt?: Date; sequence?: { increment: number } }) =>
  tx.event.update({ where: { id }, data })

/** Sessions not started yet move with the event's time. */
export const moveScheduledSessions = (tx: Tx, eventId: string, scheduledStart: Date, scheduledEnd: Date) =>
  tx.session.updateMany({ where: { eventId, status: 'scheduled' }, data: { scheduledStart, scheduledEnd } })

export const eventUploads = (db: Client, eventId: string, ids: string[]) =>
  db.upload.findMany({ where: { eventId, id: { in: ids } }, select: { id: true } })

export async function replaceGuests(tx: Tx, eventId: string, guests: { id?: string; name: string; title: string; photoId: string | null }[]) {
  const keep = guests.flatMap((g) => (g.id ? [g.id] : []))
  await tx.eventGuest.deleteMany({ where: { eventId, id: { notIn: keep } } })
  for (const [i, g] of guests.entries()) {
    const data = { name: g.name, title: g.title, photoId: g.photoId, sortOrder: i }
    if (g.id) await tx.eventGuest.update({ where: { id: g.id }, data })
    else await tx.eventGuest.create({ data: { ...data, eventId } })
  }
}

export const guestIds = async (db: Client, eventId: string) =>
  (await db.eventGuest.findMany({ where: { eventId }, select: { id: true } })).map((g) => g.id)

export type EventFull = NonNullable<Awaited<ReturnType<typeof findEvent>>>
