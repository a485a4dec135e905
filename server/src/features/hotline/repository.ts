import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

/** What a call's staff view needs besides its own columns. */
export const callRefs = {
  operator: { select: { displayName: true } },
  workOrder: { select: { id: true, unitId: true, dueAt: true } },
} as const

export const findById = (db: Client, id: string) => db.hotlineCall.findUnique({ where: { id }, include: callRefs })

export const findByClientId = (db: Client, clientId: string) => db.hotlineCall.findUnique({ where: { clientId }, include: callRefs })

/** Earlier calls from the same number in the session (the number compared by its keyed hash). */
export const countByPhone = (tx: Client, sessionId: string, phoneHash: string) =>
  tx.hotlineCall.count({ where: { sessionId, phoneHash } })

export interface NewCall {
  /** Made by the service: the encrypted columns are bound to it. */
  id: string
  sessionId: string
  clientId: string
  operatorId: string
  leader: string
  callerNameCipher: string | null
  phoneCipher: string
  phoneHash: string
  phoneMasked: string
  domainId: string
  appealTypeId: string
  location: string | null
  content: string
  disposition: string
  reply: string | null
  repeatCount: number
  startedAt: Date
  endedAt: Date
}

export const create = (tx: Tx, data: NewCall) => tx.hotlineCall.create({ data })

export const createWorkOrder = (tx: Tx, data: { callId: string; unitId: string; dueAt: Date }) => tx.workOrder.create({ data })

export const listBySession = (db: Client, sessionId: string) =>
  db.hotlineCall.findMany({ where: { sessionId }, include: callRefs, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

/** The anonymous columns only: what a board may ever get. */
export const listPublic = (db: Client, sessionId: string) =>
  db.hotlineCall.findMany({
    where: { sessionId },
    select: { id: true, domainId: true, appealTypeId: true, disposition: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })

/** The columns the session's figures are counted from. */
export const listForFigures = (db: Client, sessionId: string) =>
  db.hotlineCall.findMany({
    where: { sessionId },
    select: {
      domainId: true, appealTypeId: true, disposition: true,
      workOrder: { select: { status: true, dueAt: true, closedAt: true, satisfaction: true, reopenCount: true } },
    },
  })

/** Everything a spreadsheet of the session's calls shows, labels resolved. */
export const listForExport = (db: Client, sessionId: string) =>
  db.hotlineCall.findMany({
    where: { sessionId },
    include: {
      ...callRefs,
      domain: { select: { name: true } },
      appealType: { select: { name: true } },
      workOrder: { select: { id: true, unitId: true, dueAt: true, status: true, reply: true, satisfaction: true, closedAt: true, unit: { select: { name: true } } } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })

export type CallRow = NonNullable<Awaited<ReturnType<typeof findById>>>
export type CallExportRow = Awaited<ReturnType<typeof listForExport>>[number]
