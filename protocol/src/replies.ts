import { z } from 'zod'
import { Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'

// Written replies (书面答复), issue 12. When a session ends, every approved question not answered
// live, and every question collected before the event (预约提问) still waiting, becomes a reply task
// of the event's lead unit, due in N working days (the office's calendar, 调休 days included).
//   GET  /api/replies?filter=&sessionId=&unitId= -> ReplyTaskDto[]   (unit_editor: its unit's tasks; admin: all, unitId filter)
//   GET  /api/replies/:id -> ReplyTaskDto                            (as the list)
//   PUT  /api/replies/:id {ReplySaveBody} -> ReplyTaskDto            (the lead unit's editors; CONFLICT: stale revision, or while checking)
//   POST /api/replies/:id/publish {ReplyPublishBody} -> ReplyTaskDto (the lead unit's editors: published at once, or sent to the
//                                                                     office first when it requires a check; a correction needs a note)
//   POST /api/admin/replies/:id/approve {} -> ReplyTaskDto           (admin: publishes a reply sent for checking)
//   POST /api/admin/replies/:id/return {ReplyReturnBody} -> ReplyTaskDto  (admin: back to the unit with the reason)
//   POST /api/admin/replies/:id/dismiss {ReplyReturnBody} -> ReplyTaskDto (admin: not to be answered, e.g. a duplicate; the reason is kept)
//   GET  /api/admin/reply-settings -> ReplySettingsDto               (admin)
//   PUT  /api/admin/reply-settings {ReplySettingsBody} -> ReplySettingsDto (admin; applies to sessions that end afterwards)
// A published reply is never changed in place: a correction is a new version, shown as such, and
// the first publication decides whether the reply was on time.

export const REPLY_STATES = ['open', 'draft', 'checking', 'published', 'dismissed'] as const
export type ReplyState = (typeof REPLY_STATES)[number]
/** The lists: due = not yet published and not overdue; overdue = past due, not yet published; done = published or dismissed. */
export const REPLY_FILTERS = ['due', 'overdue', 'checking', 'done', 'all'] as const
export type ReplyFilter = (typeof REPLY_FILTERS)[number]

export const ReplyListQuery = z.strictObject({
  filter: z.enum(REPLY_FILTERS).default('all'),
  sessionId: Id.optional(),
  unitId: Id.optional(),
})
export const ReplySaveBody = z.strictObject({ revision: z.number().int().min(0), body: text(0, 4000) })
export type ReplySaveBody = z.input<typeof ReplySaveBody>
export const ReplyPublishBody = z.strictObject({ revision: z.number().int().min(0), note: text(0, 500).default('') })
export type ReplyPublishBody = z.input<typeof ReplyPublishBody>
export const ReplyReturnBody = z.strictObject({ reason: text(1, 1000) })
export const ReplySettingsBody = z.strictObject({
  requireCheck: z.boolean(),
  workingDays: z.number().int().min(1).max(60),
})
export type ReplySettingsBody = z.input<typeof ReplySettingsBody>
export type ReplySettingsDto = z.infer<typeof ReplySettingsBody>

/** One published version of a reply; number 1 is the reply, later ones are corrections. */
export interface ReplyVersionDto {
  number: number
  body: string
  /** Why it was corrected (empty for the first). */
  note: string
  publishedAt: IsoDate
}

/** What the public sees under a question on the archive page. */
export interface PublicReplyDto {
  /** The current text (the latest version). */
  body: string
  firstPublishedAt: IsoDate
  lastPublishedAt: IsoDate
  onTime: boolean
  /** Every version, oldest first: more than one means corrected. */
  versions: ReplyVersionDto[]
}

export interface ReplyTaskDto {
  id: string
  /** What is answered: a question (questionId) or a symposium's or observation's opinion (opinionId). */
  kind: 'question' | 'opinion'
  questionId: string | null
  opinionId: string | null
  session: { id: string; title: string }
  eventId: string
  eventTheme: string
  unit: { id: string; name: string } | null
  question: { nickname: string; body: string; createdAt: IsoDate; preEvent: boolean; approved: boolean }
  dueAt: IsoDate
  state: ReplyState
  /** The text being written (the unit's draft; after publishing, a correction in progress or the published text). */
  draft: string
  revision: number
  /** The office's reason when it returned the reply or dismissed the task. */
  reason: string | null
  overdue: boolean
  firstPublishedAt: IsoDate | null
  onTime: boolean | null
  versions: ReplyVersionDto[]
  /** The viewer may write and publish (the lead unit's editor, not while the office checks). */
  canEdit: boolean
}

/** A session's reply figures (the archive page and list). */
export interface ReplyFigures {
  due: number
  published: number
  onTime: number
  overdue: number
}
