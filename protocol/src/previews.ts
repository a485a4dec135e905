import { z } from 'zod'
import { Id, type SessionRole, text } from './common.ts'
import type { EventDto, IsoDate } from './dto.ts'

/*
 * Event pages (预告), pre-event questions, the unit preparing its event, the home page's year.
 *
 *   GET  /api/events -> EventDto[]                      (unchanged: public events, newest first)
 *   GET  /api/events?year=YYYY -> YearEventDto[]         (the year's events on the public calendar, by start:
 *                                                         planned-not-yet-open ones without page details)
 *   GET  /api/events/:id -> EventPreviewDto              (public once the preview opened; before, to the
 *                                                         event's staff, its host units' editors and the admin)
 *   GET  /api/events/:id.ics                             (the outputs engineer's route; linked from the page)
 *
 * The unit's editor (unit_editor of a host unit; the lead edits, joint units read only; admin reads all):
 *   GET    /api/unit/events -> UnitEventSummaryDto[]
 *   GET    /api/unit/events/:id -> UnitEventDto
 *   PATCH  /api/unit/events/:id {UnitEventPatch} -> UnitEventDto            (lead only, audited)
 *   PUT    /api/unit/events/:id/guests {PutGuests} -> UnitEventDto          (lead only, audited)
 *   POST   /api/unit/events/:id/photos multipart "file" -> UploadDto        (lead only)
 *   PUT    /api/unit/events/:id/sessions/:sessionId/staff/:userId {UnitAssignBody} -> UnitEventDto (lead only, own unit's accounts, audited)
 *   DELETE /api/unit/events/:id/sessions/:sessionId/staff/:userId -> UnitEventDto
 *
 * Pre-event questions go through the ordinary `question:submit` socket command while the session is
 * scheduled and the event public; they come back with QuestionDto.preEvent = true.
 */

export interface EventGuestDto { id: string; name: string; title: string; photoUrl: string | null }

export interface EventPreviewDto extends Omit<EventDto, 'guests'> {
  guests: EventGuestDto[]
  signup: string
  previewDays: number
  /** When the page opens(ed) to the public: 00:00 Beijing, previewDays days before the event's date. */
  previewOpensAt: IsoDate
  /** The number citizens call on a hotline day (config HOTLINE_NUMBER); null for other forms. */
  hotlineNumber: string | null
  /** Whether the public sees it now (false: a staff preview before the opening). */
  public: boolean
}

/** One event of a year as the home page lists it. Not yet public: only what the published plan says. */
export interface YearEventDto extends EventDto {
  public: boolean
}

export const EventYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })

/** The forms with a venue and a sign-up (座谈交流, 现场观摩体验). */
export const VENUE_FORMS = ['symposium', 'observation'] as const

export interface UnitEventSummaryDto {
  id: string
  theme: string
  form: EventDto['form']
  status: string
  startsAt: IsoDate
  endsAt: IsoDate
  role: 'lead' | 'joint'
}

export interface UnitStaffDto { sessionId: string; userId: string; displayName: string; username: string; role: SessionRole }
export interface UnitCandidateDto { id: string; username: string; displayName: string }

export interface UnitEventDto extends EventPreviewDto {
  /** The viewer's unit leads it (may edit); joint units and the admin read it. */
  editable: boolean
  sequence: number
  staff: UnitStaffDto[]
  /** Active accounts of the editor's unit that may be assigned. */
  candidates: UnitCandidateDto[]
}

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM')

/** Changes the unit makes to its event. Times are wall-clock Beijing on the event's planned day. */
export const UnitEventPatch = z.strictObject({
  summary: text(0, 4000).optional(),
  location: text(0, 200).optional(),
  signup: text(0, 1000).optional(),
  startTime: localTime.optional(),
  endTime: localTime.optional(),
}).refine((p) => Object.keys(p).length > 0, 'nothing to change')
export type UnitEventPatch = z.infer<typeof UnitEventPatch>

export const GuestInput = z.strictObject({
  id: Id.optional(),
  name: text(1, 60),
  title: text(0, 120),
  photoId: Id.nullable().optional(),
})
/** The whole guest list in its order (add, remove, reorder in one idempotent write). */
export const PutGuests = z.strictObject({ guests: z.array(GuestInput).max(20) })
export type PutGuests = z.infer<typeof PutGuests>

export const UNIT_ASSIGNABLE_ROLES = ['host', 'guest', 'moderator'] as const
export const UnitAssignBody = z.strictObject({ role: z.enum(UNIT_ASSIGNABLE_ROLES) })
export const UnitStaffParams = z.strictObject({ id: Id, sessionId: Id, userId: Id })
