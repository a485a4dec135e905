import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const OPEN = ['requested', 'approved']

export const findSessionForStage = (db: Client, sessionId: string) =>
  db.session.findUnique({ where: { id: sessionId }, select: { id: true, status: true, kind: true, event: { select: { status: true, startsAt: true, previewDays: true } } } })

export const findOpen = (db: Client, sessionId: string, citizenId: string) =>
  db.stageRequest.findFirst({ where: { sessionId, citizenId, status: { in: OPEN } } })

export const findLatest = (db: Client, sessionId: string, citizenId: string) =>
  db.stageRequest.findFirst({ where: { sessionId, citizenId }, orderBy: { createdAt: 'desc' } })

export const findApproved = (db: Client, sessionId: string, citizenId: string) =>
  db.stageRequest.findFirst({ where: { sessionId, citizenId, status: 'approved' } })

export const findById = (db: Client, id: string) => db.stageRequest.findUnique({ where: { id } })

export const listOpen = (db: Client, sessionId: string) =>
  db.stageRequest.findMany({ where: { sessionId, status: { in: OPEN } }, orderBy: { createdAt: 'asc' } })

export const create = (tx: Tx, data: { sessionId: string; citizenId: string; nickname: string }) => tx.stageRequest.create({ data })

export const setStatus = (tx: Tx, id: string, status: string, decidedById?: string) =>
  tx.stageRequest.update({ where: { id }, data: { status, decidedAt: new Date(), ...(decidedById ? { decidedById } : {}) } })

export const closeAllOpen = (db: Client, sessionId: string) =>
  db.stageRequest.updateMany({ where: { sessionId, status: { in: OPEN } }, data: { status: 'cancelled', decidedAt: new Date() } })
