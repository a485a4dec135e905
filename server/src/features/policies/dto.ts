import type { InterpretationBlockDto, InterpretationDto, InterpretationQaDto, PolicyFileDto, PolicyMime, PolicyQuestionStaffDto, PolicyStaffDto, PublicPolicyQuestionDto } from '@openday/protocol'
import { toPublicReplyDto } from '../replies/dto.ts'
import { uploadUrl } from '../transcript/dto.ts'
import type { Lateness } from './due.ts'
import { issuedDay } from './due.ts'
import type { AskedRow, DocumentRow } from './repository.ts'

type StoredBlock = { type: 'text'; text: string } | { type: 'picture'; uploadId: string; caption: string }
type InterpretationRow = NonNullable<DocumentRow['interpretation']>

export const fileDto = (d: { uploadId: string; mime: string; size: number; fileName: string }): PolicyFileDto =>
  ({ url: uploadUrl(d.uploadId), mime: d.mime as PolicyMime, size: d.size, name: d.fileName })

/** The pictures' uploads an interpretation uses (what goes with it when its document is deleted). */
export const pictureIds = (i: { body: string } | null): string[] =>
  i ? (JSON.parse(i.body) as StoredBlock[]).flatMap((b) => (b.type === 'picture' ? [b.uploadId] : [])) : []

export function toInterpretationDto(i: InterpretationRow): InterpretationDto {
  const body = (JSON.parse(i.body) as StoredBlock[]).map((b): InterpretationBlockDto =>
    b.type === 'text' ? b : { type: 'picture', uploadId: b.uploadId, url: uploadUrl(b.uploadId), caption: b.caption })
  return { summary: i.summary, body, qa: JSON.parse(i.qa) as InterpretationQaDto[], publishedAt: i.publishedAt?.toISOString() ?? null }
}

export function toStaffDto(d: DocumentRow, due: Lateness, canManage: boolean, timeZone: string): PolicyStaffDto {
  const i = d.interpretation
  const count = (s: string) => d.questions.filter((q) => q.question.status === s).length
  return {
    id: d.id, eventId: d.eventId, title: d.title, docNumber: d.docNumber, issuedAt: issuedDay(d.issuedAt, timeZone), position: d.position,
    file: fileDto(d),
    interpretation: i ? { ...toInterpretationDto(i), state: i.state as 'draft' | 'published', updatedAt: i.updatedAt.toISOString() } : null,
    dueAt: due.dueAt.toISOString(), late: due.late, overdue: due.overdue,
    // Approved counts what the public sees (answered live would be there too, if ever).
    questions: { pending: count('pending'), approved: d.questions.length - count('pending') - count('rejected'), rejected: count('rejected') },
    canManage,
  }
}

export function toQuestionStaffDto({ question: q }: AskedRow): PolicyQuestionStaffDto {
  const t = q.replyTask
  return {
    id: q.id, nickname: q.nickname, body: q.body, status: q.status as PolicyQuestionStaffDto['status'],
    sensitiveHits: q.sensitiveHits ? q.sensitiveHits.split(',') : [], rejectReason: q.rejectReason, createdAt: q.createdAt.toISOString(),
    reply: t ? { taskId: t.id, state: t.state, dueAt: t.dueAt.toISOString(), published: t.firstPublishedAt !== null } : null,
  }
}

/** What the policy page shows under a question: the published written reply only, never a draft. */
export function toPublicQuestionDto({ question: q }: AskedRow): PublicPolicyQuestionDto {
  const t = q.replyTask && q.replyTask.state !== 'dismissed' ? q.replyTask : null
  const reply = t ? toPublicReplyDto(t) : null
  return { id: q.id, nickname: q.nickname, body: q.body, createdAt: q.createdAt.toISOString(), reply, awaitingReply: t !== null && reply === null }
}
