import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const docInclude = {
  interpretation: true,
  questions: { select: { question: { select: { status: true } } } },
} as const

export const listDocuments = (c: Client, eventId: string) =>
  c.policyDocument.findMany({ where: { eventId }, include: docInclude, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] })
export const findDocument = (c: Client, id: string) => c.policyDocument.findUnique({ where: { id }, include: docInclude })
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>

/** Every document with its event and lead unit (the admin's list; a year has a few dozen). */
export const listAll = (c: Client) =>
  c.policyDocument.findMany({
    include: { interpretation: { select: { state: true, publishedAt: true } }, event: { select: { id: true, theme: true, hostUnits: { where: { role: 'lead' }, select: { unit: { select: { name: true } } } } } } },
    orderBy: [{ issuedAt: 'desc' }, { id: 'asc' }],
  })

/** The file's upload row and the document in one transaction: nothing is left half-way. */
export async function createDocument(tx: Tx, d: { eventId: string; title: string; docNumber: string; issuedAt: Date; mime: string; size: number; sha256: string; path: string; fileName: string; createdById: string }) {
  const upload = await tx.upload.create({ data: { eventId: d.eventId, mime: d.mime, size: d.size, sha256: d.sha256, path: d.path, uploaderId: d.createdById } })
  const last = await tx.policyDocument.findFirst({ where: { eventId: d.eventId }, orderBy: { position: 'desc' }, select: { position: true } })
  return tx.policyDocument.create({
    data: { eventId: d.eventId, title: d.title, docNumber: d.docNumber, issuedAt: d.issuedAt, uploadId: upload.id, mime: d.mime, size: d.size, fileName: d.fileName, position: (last?.position ?? -1) + 1, createdById: d.createdById },
    include: docInclude,
  })
}

export const updateDocument = (tx: Tx, id: string, d: { title: string; docNumber: string; issuedAt: Date; position?: number | undefined }) =>
  tx.policyDocument.update({ where: { id }, data: { title: d.title, docNumber: d.docNumber, issuedAt: d.issuedAt, ...(d.position !== undefined ? { position: d.position } : {}) }, include: docInclude })

/** The document, its interpretation and the uploads only they used (its file, the pictures). */
export async function deleteDocument(tx: Tx, doc: { id: string; uploadId: string }, pictureIds: string[]): Promise<void> {
  await tx.policyDocument.delete({ where: { id: doc.id } })
  await tx.upload.deleteMany({ where: { id: { in: [doc.uploadId, ...pictureIds] } } })
}

export const countQuestions = (c: Client, documentId: string) => c.policyQuestion.count({ where: { documentId } })

export const saveInterpretation = (tx: Tx, documentId: string, d: { summary: string; body: string; qa: string; updatedById: string }) =>
  tx.policyInterpretation.upsert({ where: { documentId }, create: { documentId, ...d }, update: d })

/** Published once: the first publication is what the 3-working-day rule judges. */
export const publishInterpretation = (tx: Tx, documentId: string, at: Date, byId: string) =>
  tx.policyInterpretation.update({ where: { documentId }, data: { state: 'published', publishedAt: at, updatedById: byId } })

/** Which of these uploads belong to the event (pictures of an interpretation must). */
export const eventUploads = (c: Client, eventId: string, ids: string[]) =>
  c.upload.findMany({ where: { id: { in: ids }, eventId }, select: { id: true, mime: true } })

/** The briefing: the event's first session (a press release has one). */
export const briefing = (c: Client, eventId: string) =>
  c.session.findFirst({ where: { eventId }, orderBy: [{ scheduledStart: 'asc' }, { id: 'asc' }], select: { id: true, title: true, status: true } })

export const eventHead = (c: Client, id: string) => c.event.findUniqueOrThrow({ where: { id }, select: { id: true, theme: true, status: true } })

export const leadUnit = (c: Client, eventId: string) =>
  c.eventHostUnit.findFirst({ where: { eventId, role: 'lead' }, select: { unitId: true } })

const askInclude = {
  question: { include: { replyTask: { include: { versions: { orderBy: { number: 'asc' as const } } } } } },
} as const

/** The questions asked on a document's page, oldest first, with their reply tasks. */
export const listAsked = (c: Client, documentId: string) =>
  c.policyQuestion.findMany({ where: { documentId }, include: askInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
export type AskedRow = Awaited<ReturnType<typeof listAsked>>[number]
export const findAsked = (c: Client, questionId: string) => c.policyQuestion.findUnique({ where: { questionId }, include: askInclude })

export const createAsked = (tx: Tx, questionId: string, documentId: string) => tx.policyQuestion.create({ data: { questionId, documentId } })
