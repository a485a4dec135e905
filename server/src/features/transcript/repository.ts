import type { Db, Tx } from '../../db/client.ts'
import { type Cursor, olderThan } from '../../db/cursor.ts'

type Client = Db | Tx
const withUpload = { upload: { select: { id: true, mime: true } } } as const

export const findByClientId = (db: Client, sessionId: string, clientId: string) =>
  db.transcriptEntry.findUnique({ where: { sessionId_clientId: { sessionId, clientId } }, include: withUpload })

export const create = (tx: Tx, data: { sessionId: string; clientId: string; speaker: string; speakerName: string; body: string; uploadId: string | null; authorId: string }) =>
  tx.transcriptEntry.create({ data, include: withUpload })

export const listBySession = (db: Client, sessionId: string) =>
  db.transcriptEntry.findMany({ where: { sessionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: withUpload })

/** The newest `limit` entries before the cursor (created at, then id); newest first. */
export const listLatest = (db: Client, sessionId: string, limit: number, before?: Cursor) =>
  db.transcriptEntry.findMany({
    where: { sessionId, ...olderThan(before) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: withUpload,
  })

export const findById = (db: Client, id: string) => db.transcriptEntry.findUnique({ where: { id }, select: { id: true, sessionId: true, createdAt: true } })

export type EntryRow = Awaited<ReturnType<typeof create>>
