import type { Db, Tx } from '../../db/client.ts'

export const create = (db: Db, data: { sessionId?: string; eventId?: string; mime: string; size: number; sha256: string; path: string; uploaderId: string }) =>
  db.upload.create({ data })

export const findById = (db: Db | Tx, id: string) => db.upload.findUnique({ where: { id } })

/** A picture with what deciding who may see it needs: its session's (or its own event's) visibility. */
export const findForServing = (db: Db, id: string) =>
  db.upload.findUnique({ where: { id }, include: { session: { select: { id: true, event: { select: { status: true, startsAt: true, previewDays: true } } } } } })
