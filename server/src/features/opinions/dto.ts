import type { InviteeCategory, OpinionStaffDto, OpinionStatus, PublicOpinionDto } from '@openday/protocol'
import { NAMED_CATEGORIES } from '@openday/protocol'
import { toPublicReplyDto } from '../replies/dto.ts'
import type { OpinionRow } from './repository.ts'

export function toStaffDto(o: OpinionRow): OpinionStaffDto {
  const t = o.replyTask
  return {
    id: o.id, source: o.source as OpinionStaffDto['source'], category: o.category as InviteeCategory, speaker: o.speaker, body: o.body,
    status: o.status as OpinionStatus, hits: JSON.parse(o.hits) as string[], createdAt: o.createdAt.toISOString(),
    reply: t ? { taskId: t.id, unit: t.unit, state: t.state, dueAt: t.dueAt.toISOString(), published: t.firstPublishedAt !== null } : null,
  }
}

/** The public form: a citizen's or a journalist's name is not shown, a deputy's, a member's or an expert's is. */
export function toPublicDto(o: OpinionRow): PublicOpinionDto {
  const named = (NAMED_CATEGORIES as readonly string[]).includes(o.category) && o.speaker !== ''
  const reply = o.replyTask && o.replyTask.state !== 'dismissed' ? toPublicReplyDto(o.replyTask) : null
  return {
    id: o.id, category: o.category as InviteeCategory, speaker: named ? o.speaker : null, body: o.body, createdAt: o.createdAt.toISOString(),
    reply, awaitingReply: !!o.replyTask && o.replyTask.state !== 'dismissed' && !reply,
  }
}
