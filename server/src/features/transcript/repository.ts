import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx
const withUpload = { upload: { select: { id: true, mime: true } } } as const

export const findByClientId = (db: Client, sessionId: string, clientId: string) =>
  db.transcriptEntry.findUnique({ where: { sessionId_clientId: { sessionId, clientId } }, include: withUpload })

export const create = (tx: Tx, data: { sessionId: string; clientId: string; speaker: string; speakerName: string; body: string; uploadId: string | null; authorId: string }) =>
  tx.transcriptEntry.create({ data, include: withUpload })

export const listBySession = (db: Client, sessionId: string) =>
  db.transcriptEntry.findMany({ where: { sessionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: withUpload })

export type EntryRow = Awaited<ReturnType<typeof create>>
