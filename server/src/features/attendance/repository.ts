import type { Db, Tx } from '../../db/client.ts'
import { Prisma } from '../../generated/sqlite/client.ts'

type Client = Db | Tx

export const findEvent = (c: Client, id: string) =>
  c.event.findUnique({ where: { id }, select: { id: true, form: true, status: true, startsAt: true, endsAt: true, hostUnits: { select: { unitId: true, role: true } }, attendance: true } })
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>

/** Whether the user is on the staff of one of the event's sessions. */
export const isEventStaff = async (c: Client, eventId: string, userId: string) =>
  (await c.sessionStaff.count({ where: { userId, session: { eventId } } })) > 0

export const eventInfo = (c: Client, id: string) =>
  c.event.findUniqueOrThrow({ where: { id }, select: { id: true, theme: true, startsAt: true, endsAt: true, location: true } })

export const list = (c: Client, eventId: string) =>
  c.invitee.findMany({ where: { eventId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
export const find = (c: Client, id: string) => c.invitee.findUnique({ where: { id } })
export type InviteeRow = NonNullable<Awaited<ReturnType<typeof find>>>

/** Sign-ups and confirmed people count against the capacity; declined ones do not. */
export const countTaken = (c: Client, eventId: string) => c.invitee.count({ where: { eventId, status: { in: ['pending', 'confirmed'] } } })

export const saveSettings = (tx: Tx, eventId: string, d: { signupOpen: boolean; signupDeadline: Date | null; capacity: number | null }) =>
  tx.attendanceSettings.upsert({ where: { eventId }, create: { eventId, ...d }, update: d })

export async function lockSettings(tx: Tx, eventId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`UPDATE "AttendanceSettings" SET "capacity" = "capacity" WHERE "eventId" = ${eventId}`)
}

/** Checks in once: false when someone already did (the row decides, also under concurrency). */
export async function checkIn(tx: Tx, id: string, at: Date, byId: string): Promise<boolean> {
  const { count } = await tx.invitee.updateMany({ where: { id, checkedInAt: null, status: 'confirmed' }, data: { checkedInAt: at, checkedInById: byId } })
  return count === 1
}
