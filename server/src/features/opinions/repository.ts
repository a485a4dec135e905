import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const include = {
  replyTask: { include: { unit: { select: { id: true, name: true } }, versions: { orderBy: { number: 'asc' as const } } } },
} as const

export const list = (c: Client, eventId: string) =>
  c.opinion.findMany({ where: { eventId }, include, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
export const find = (c: Client, id: string) => c.opinion.findUnique({ where: { id }, include })
export const findByClientId = (c: Client, clientId: string) => c.opinion.findUnique({ where: { clientId }, include })
export type OpinionRow = NonNullable<Awaited<ReturnType<typeof find>>>

export const byInvitee = (c: Client, inviteeId: string) =>
  c.opinion.findMany({ where: { inviteeId }, orderBy: { createdAt: 'asc' }, select: { id: true, body: true, status: true, createdAt: true } })

export const create = (tx: Tx, d: { eventId: string; clientId: string; source: string; inviteeId: string | null; category: string; speaker: string; body: string; status: string; hits: string[]; recordedById: string | null }) =>
  tx.opinion.create({ data: { ...d, hits: JSON.stringify(d.hits) }, include })

/** Where an opinion's reply task is counted: the event's first session (plan events have one). */
export const firstSession = (c: Client, eventId: string) =>
  c.session.findFirst({ where: { eventId }, orderBy: { scheduledStart: 'asc' }, select: { id: true } })
