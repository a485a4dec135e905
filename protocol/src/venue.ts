import { z } from 'zod'
import { ClientId, Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'
import type { InviteeCategory } from './attendance.ts'
import { INVITEE_CATEGORIES } from './attendance.ts'
import type { PublicReplyDto } from './replies.ts'
import { WallTime } from './years.ts'

// What a symposium (座谈交流) or an on-site observation (现场观摩体验) keeps besides its invitees
// (issue 14): the agenda or route with times, the opinions and suggestions (意见建议) with their
// written replies, the photos of the day, and the public record its archive shows.
//   GET  /api/unit/events/:id/agenda -> AgendaItemDto[]                      (the event's people)
//   PUT  /api/unit/events/:id/agenda {AgendaBody} -> AgendaItemDto[]         (lead unit, admin: the whole list at once)
//   GET  /api/unit/events/:id/opinions -> OpinionStaffDto[]                  (the event's people)
//   POST /api/unit/events/:id/opinions {OpinionRecordBody} -> OpinionStaffDto (the recorder: any of the event's people)
//   POST /api/unit/events/:id/opinions/:oid/status {OpinionStatusBody} -> OpinionStaffDto  (lead unit, admin)
//   POST /api/unit/events/:id/opinions/:oid/assign {OpinionAssignBody} -> OpinionStaffDto  (lead unit, admin: a written reply owed)
//   GET  /api/invitations/:token/opinions -> ParticipantOpinionsDto          (the participant's own, by the invitation token)
//   POST /api/invitations/:token/opinions {OpinionSendBody} -> OpinionSentDto (only after check-in; until OPINION_WINDOW_DAYS after the end)
//   GET  /api/unit/events/:id/day-photos -> PhotoDto[];  POST (multipart "file", "caption") -> PhotoDto   (lead unit, admin)
//   PUT  /api/unit/events/:id/day-photos/:pid {PhotoBody} -> PhotoDto;  DELETE /api/unit/events/:id/day-photos/:pid  (lead unit, admin)
//   GET  /api/events/:id/record -> VenueRecordDto                            (public as the event's page)

export const AgendaItemBody = z.strictObject({
  startsAt: WallTime,
  endsAt: WallTime.nullable().default(null),
  title: text(1, 100),
  place: text(0, 100).default(''),
  speaker: text(0, 100).default(''),
})
export const AgendaBody = z.strictObject({ items: z.array(AgendaItemBody).max(50) })
export type AgendaBody = z.input<typeof AgendaBody>
export interface AgendaItemDto { id: string; startsAt: IsoDate; endsAt: IsoDate | null; title: string; place: string; speaker: string }

export const OPINION_SOURCES = ['recorded', 'participant'] as const
export const OPINION_STATUSES = ['pending', 'published', 'hidden'] as const
export type OpinionStatus = (typeof OPINION_STATUSES)[number]
/** A participant may send opinions until this many days after the event ends. */
export const OPINION_WINDOW_DAYS = 7

/** The recorder's entry during the meeting: who (an invitee or a name), their category, what they said. */
export const OpinionRecordBody = z.strictObject({
  clientId: ClientId,
  inviteeId: Id.nullable().default(null),
  speaker: text(0, 40).default(''),
  category: z.enum(INVITEE_CATEGORIES),
  body: text(1, 2000),
})
export type OpinionRecordBody = z.input<typeof OpinionRecordBody>
export const OpinionSendBody = z.strictObject({ clientId: ClientId, body: text(1, 2000) })
export type OpinionSendBody = z.input<typeof OpinionSendBody>
export const OpinionStatusBody = z.strictObject({ status: z.enum(['published', 'hidden']) })
export const OpinionAssignBody = z.strictObject({ unitId: Id })

export interface OpinionStaffDto {
  id: string
  source: (typeof OPINION_SOURCES)[number]
  category: InviteeCategory
  speaker: string
  body: string
  status: OpinionStatus
  /** Sensitive words found in it, for the unit's review. */
  hits: string[]
  createdAt: IsoDate
  /** The written reply owed, if it was assigned. */
  reply: { taskId: string; unit: { id: string; name: string } | null; state: string; dueAt: IsoDate; published: boolean } | null
}
export interface OpinionSentDto { id: string; status: OpinionStatus }
export interface ParticipantOpinionsDto {
  /** The participant may send (checked in, within the window). */
  canSend: boolean
  /** Why not, when not: not checked in yet, or the window closed. */
  reason: 'not_checked_in' | 'closed' | null
  opinions: { id: string; body: string; status: OpinionStatus; createdAt: IsoDate }[]
}

export const PhotoBody = z.strictObject({ caption: text(0, 200), position: z.number().int().min(0).max(1000).optional() })
export type PhotoBody = z.input<typeof PhotoBody>
export interface PhotoDto { id: string; url: string; caption: string; position: number }

/** A published opinion on the public record: a citizen's speaker is not named. */
export interface PublicOpinionDto {
  id: string
  category: InviteeCategory
  /** The name for the categories public by their role (deputies, members, experts); null otherwise. */
  speaker: string | null
  body: string
  createdAt: IsoDate
  reply: PublicReplyDto | null
  /** Assigned for a written reply, not answered yet. */
  awaitingReply: boolean
}

export interface VenueRecordDto {
  eventId: string
  form: 'symposium' | 'observation'
  agenda: AgendaItemDto[]
  /** Checked in, per category; names only for the categories public by their role. */
  attendance: { category: InviteeCategory; count: number; names: string[] }[]
  opinions: PublicOpinionDto[]
  photos: PhotoDto[]
}
