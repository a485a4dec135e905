import { type SurveyDefinition, SurveyDefinition as DefinitionSchema } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const surveyInclude = {
  unit: { select: { id: true, name: true } },
  event: { select: { id: true, theme: true, hostUnits: { select: { unitId: true } } } },
  versions: { orderBy: { number: 'asc' as const }, include: { _count: { select: { responses: true } } } },
  _count: { select: { responses: { where: { valid: true } } } },
} as const

export const find = (c: Client, id: string) => c.survey.findUnique({ where: { id }, include: surveyInclude })
export type SurveyRow = NonNullable<Awaited<ReturnType<typeof find>>>

export const list = (c: Client, where: { unitId?: string; eventId?: string; published?: boolean }) =>
  c.survey.findMany({
    where: {
      ...(where.unitId ? { unitId: where.unitId } : {}),
      ...(where.eventId ? { eventId: where.eventId } : {}),
      ...(where.published ? { status: { not: 'draft' } } : {}),
    },
    include: surveyInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 500,
  })

/** Stored definitions were parsed before they were written; parsing again fills defaults a later release added. */
export const parseDefinition = (json: string): SurveyDefinition => DefinitionSchema.parse(JSON.parse(json))

export const currentVersion = (s: SurveyRow) => s.versions.find((v) => v.number === s.version)!

export async function create(tx: Tx, d: { unitId: string; eventId: string | null; placement: string; title: string; createdById: string; definition: SurveyDefinition }) {
  const s = await tx.survey.create({ data: { unitId: d.unitId, eventId: d.eventId, placement: d.placement, title: d.title, createdById: d.createdById } })
  await tx.surveyVersion.create({ data: { surveyId: s.id, number: 1, definition: JSON.stringify(d.definition) } })
  return s.id
}

/** Changes the survey only if it is still at `revision` (optimistic lock); false when someone else changed it. */
export async function updateIfCurrent(tx: Tx, id: string, revision: number, data: Record<string, unknown>): Promise<boolean> {
  const { count } = await tx.survey.updateMany({ where: { id, revision }, data: { ...data, revision: { increment: 1 } } })
  return count === 1
}

export const setDefinition = (tx: Tx, versionId: string, definition: SurveyDefinition) =>
  tx.surveyVersion.update({ where: { id: versionId }, data: { definition: JSON.stringify(definition) } })
export const addVersion = (tx: Tx, surveyId: string, number: number, definition: SurveyDefinition) =>
  tx.surveyVersion.create({ data: { surveyId, number, definition: JSON.stringify(definition) } })
export const countResponses = (c: Client, versionId: string) => c.surveyResponse.count({ where: { versionId } })

export const textsPending = (c: Client, surveyId: string) => c.surveyText.count({ where: { surveyId, status: 'pending' } })

/** The event a survey may hang on, with its host units (who may attach to it). */
export const findEvent = (c: Client, id: string) =>
  c.event.findUnique({ where: { id }, select: { id: true, form: true, hostUnits: { select: { unitId: true, role: true } } } })

// ---- responses ----

export interface NewResponse {
  surveyId: string; versionId: string; clientId: string; deviceHash: string | null; inviteId: string | null
  channel: string; enteredById: string | null; paperRef: string; ipHash: string | null; answers: string
  texts: { questionId: string; body: string; sensitiveHits: string }[]
}

export async function insertResponse(tx: Tx, r: NewResponse): Promise<string> {
  const { texts, ...data } = r
  const row = await tx.surveyResponse.create({ data })
  if (texts.length) await tx.surveyText.createMany({ data: texts.map((t) => ({ ...t, surveyId: r.surveyId, responseId: row.id })) })
  return row.id
}

export const findByClientId = (c: Client, surveyId: string, clientId: string) =>
  c.surveyResponse.findUnique({ where: { surveyId_clientId: { surveyId, clientId } }, select: { id: true, deviceHash: true, inviteId: true } })

/** Marks the code used if nobody used it yet: false when it was (one response per code, under concurrency too). */
export async function claimInvite(tx: Tx, inviteId: string, at: Date): Promise<boolean> {
  const { count } = await tx.surveyInvite.updateMany({ where: { id: inviteId, usedAt: null }, data: { usedAt: at } })
  return count === 1
}

export const findInvite = (c: Client, codeHash: string) => c.surveyInvite.findUnique({ where: { codeHash } })
export const listInvites = (c: Client, surveyId: string) => c.surveyInvite.findMany({ where: { surveyId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

/** Every response counted in results, with its version's number (the results and the export read them all). */
export const validResponses = (c: Client, surveyId: string) =>
  c.surveyResponse.findMany({ where: { surveyId, valid: true }, select: { id: true, versionId: true, answers: true, createdAt: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

export const responsePage = (c: Client, surveyId: string, before: { createdAt: Date; id: string } | null, take: number) =>
  c.surveyResponse.findMany({
    where: { surveyId, ...(before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  })

export const allResponses = (c: Client, surveyId: string) =>
  c.surveyResponse.findMany({ where: { surveyId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

export const findResponse = (c: Client, id: string) => c.surveyResponse.findUnique({ where: { id } })

/** Counts per channel, all responses valid or not. */
export const channelCounts = (c: Client, surveyId: string) =>
  c.surveyResponse.groupBy({ by: ['channel'], where: { surveyId }, _count: { _all: true } })

/** Addresses with more than `over` responses: a flag for the unit to look at, never a refusal. */
export async function crowdedAddresses(c: Client, surveyId: string, over: number): Promise<{ ipHash: string; n: number }[]> {
  const rows = await c.surveyResponse.groupBy({ by: ['ipHash'], where: { surveyId, ipHash: { not: null } }, _count: { _all: true } })
  return rows.filter((r) => r.ipHash && r._count._all > over).map((r) => ({ ipHash: r.ipHash!, n: r._count._all }))
}

export const texts = (c: Client, surveyId: string, onlyApproved: boolean) =>
  c.surveyText.findMany({
    where: { surveyId, ...(onlyApproved ? { status: 'approved', response: { valid: true } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })

export const userNames = async (c: Client, ids: string[]) =>
  new Map((await c.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]))
