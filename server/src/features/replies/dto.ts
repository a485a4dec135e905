import type { PublicReplyDto, ReplyFigures, ReplyState, ReplyTaskDto, ReplyVersionDto } from '@openday/protocol'
import type { Actor } from '../auth/actor.ts'
import type { TaskRow } from './repository.ts'

type VersionRow = { number: number; body: string; note: string; publishedAt: Date }
type FigureRow = { state: string; dueAt: Date; firstPublishedAt: Date | null }

const toVersionDto = (v: VersionRow): ReplyVersionDto => ({ number: v.number, body: v.body, note: v.note, publishedAt: v.publishedAt.toISOString() })

export const onTime = (t: { dueAt: Date; firstPublishedAt: Date | null }) => (t.firstPublishedAt ? t.firstPublishedAt <= t.dueAt : null)
export const isOverdue = (t: FigureRow, now: Date) => t.state !== 'dismissed' && t.firstPublishedAt === null && now > t.dueAt

/** Who writes a task's reply: its unit's editors; the admin only for a task without a unit. */
export const isWriter = (t: { unitId: string | null }, a: Actor) =>
  t.unitId ? a.role === 'unit_editor' && a.unitId === t.unitId : a.role === 'admin'

export function toTaskDto(t: TaskRow, actor: Actor, now: Date): ReplyTaskDto {
  return {
    id: t.id,
    questionId: t.questionId,
    opinionId: t.opinionId,
    kind: t.opinion ? 'opinion' : 'question',
    session: { id: t.session.id, title: t.session.title },
    eventId: t.session.event.id,
    eventTheme: t.session.event.theme,
    unit: t.unit,
    // An opinion is shown in the same place: who said it, what, when; "approved" when published.
    question: t.question
      ? { nickname: t.question.nickname, body: t.question.body, createdAt: t.question.createdAt.toISOString(), preEvent: t.question.preEvent, approved: t.question.approvedAt !== null }
      : { nickname: t.opinion!.speaker, body: t.opinion!.body, createdAt: t.opinion!.createdAt.toISOString(), preEvent: false, approved: t.opinion!.status === 'published' },
    dueAt: t.dueAt.toISOString(),
    state: t.state as ReplyState,
    draft: t.draft,
    revision: t.revision,
    reason: t.reason,
    overdue: isOverdue(t, now),
    firstPublishedAt: t.firstPublishedAt?.toISOString() ?? null,
    onTime: onTime(t),
    versions: t.versions.map(toVersionDto),
    canEdit: isWriter(t, actor) && ['open', 'draft', 'published'].includes(t.state),
  }
}

/** What the archive shows under a question: only published versions, never a draft. */
export function toPublicReplyDto(t: { dueAt: Date; firstPublishedAt: Date | null; versions: VersionRow[] }): PublicReplyDto | null {
  const last = t.versions.at(-1)
  if (!last || !t.firstPublishedAt) return null
  return {
    body: last.body, firstPublishedAt: t.firstPublishedAt.toISOString(), lastPublishedAt: last.publishedAt.toISOString(),
    onTime: onTime(t)!, versions: t.versions.map(toVersionDto),
  }
}

/** Tasks answered in writing or closed by the office: no longer awaited (the questions' awaitingReply). */
export const settledCount = (tasks: { state: string; firstPublishedAt: Date | null }[]) => tasks.filter((t) => t.firstPublishedAt !== null || t.state === 'dismissed').length

export function replyFigures(tasks: FigureRow[], now: Date): ReplyFigures {
  const owed = tasks.filter((t) => t.state !== 'dismissed')
  return {
    due: owed.length,
    published: owed.filter((t) => t.firstPublishedAt !== null).length,
    onTime: owed.filter((t) => onTime(t) === true).length,
    overdue: owed.filter((t) => isOverdue(t, now)).length,
  }
}
