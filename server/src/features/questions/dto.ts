import type { QuestionDto, QuestionStaffDto, QuestionStatus } from '@openday/protocol'
import type { Question } from '../../generated/sqlite/client.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toStaffDto(q: Question): QuestionStaffDto {
  return {
    id: q.id,
    sessionId: q.sessionId,
    clientId: q.clientId,
    nickname: q.nickname,
    body: q.body,
    status: q.status as QuestionStatus,
    upvotes: q.upvotes,
    answer: q.answer,
    answeredBy: q.answeredBy,
    mergedIntoId: q.mergedIntoId,
    rejectReason: q.rejectReason,
    createdAt: q.createdAt.toISOString(),
    approvedAt: iso(q.approvedAt),
    answeredAt: iso(q.answeredAt),
    replyDueAt: iso(q.replyDueAt),
    preEvent: q.preEvent,
    sensitiveHits: q.sensitiveHits ? q.sensitiveHits.split(',') : [],
    citizenId: q.citizenId,
  }
}

/** Strips what only staff may see (who asked, which words held it). */
export function toPublicDto(q: QuestionDto | QuestionStaffDto): QuestionDto {
  const { sensitiveHits: _h, citizenId: _c, ...pub } = q as QuestionStaffDto
  return pub
}

/** Statuses everyone sees; the others only staff and the citizen who asked. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ['approved', 'answering', 'answered']
export const isPublic = (status: string) => (PUBLIC_STATUSES as readonly string[]).includes(status)
