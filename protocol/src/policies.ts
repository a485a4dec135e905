import { z } from 'zod'
import { ClientId, CitizenToken, Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'
import type { PublicReplyDto } from './replies.ts'

// A press release (政策发布, issue 14): its policy documents, each with an interpretation (解读)
// due within INTERPRETATION_WORKING_DAYS working days of the policy's publication, the briefing
// (the event's session, run by the live core), and citizens' questions on the policy's page after
// the briefing, moderated by the lead unit and answered in writing like any other question.
//   GET    /api/unit/events/:id/policies -> PolicyStaffListDto                        (the event's people)
//   POST   /api/unit/events/:id/policies (multipart "file", "title", "docNumber", "issuedAt") -> PolicyStaffDto  (lead unit, admin)
//   PUT    /api/unit/events/:id/policies/:pid {PolicyDocumentBody} -> PolicyStaffDto    (lead unit, admin)
//   DELETE /api/unit/events/:id/policies/:pid                                          (lead unit, admin; audited; not once citizens asked about it)
//   POST   /api/unit/events/:id/policy-pictures (multipart "file") -> UploadDto         (lead unit, admin: a picture for an interpretation)
//   PUT    /api/unit/events/:id/policies/:pid/interpretation {InterpretationBody} -> PolicyStaffDto  (lead unit, admin)
//   POST   /api/unit/events/:id/policies/:pid/interpretation/publish -> PolicyStaffDto  (lead unit, admin; audited)
//   GET    /api/unit/events/:id/policies/:pid/questions -> PolicyQuestionStaffDto[]     (the event's people)
//   POST   /api/unit/events/:id/policies/:pid/questions/:qid/approve -> PolicyQuestionStaffDto  (lead unit, admin: a written reply owed)
//   POST   /api/unit/events/:id/policies/:pid/questions/:qid/reject {PolicyRejectBody} -> PolicyQuestionStaffDto  (lead unit, admin)
//   GET    /api/admin/policies?late=true -> PolicyAdminItemDto[]                        (admin: the interpretations late or overdue)
//   GET    /api/events/:id/policies -> PolicyListItemDto[]                              (public as the event's page, issued ones)
//   GET    /api/policies/:pid -> PublicPolicyDto                                        (public from its issue day; staff before)
//   POST   /api/policies/:pid/questions {PolicyAskBody} -> PolicyAskedDto               (a citizen's device, once the briefing ended)

/** The interpretation is published with the policy or within this many working days of it. */
export const INTERPRETATION_WORKING_DAYS = 3
/** A policy document: PDF, DOCX or a picture, up to this size. */
export const POLICY_MAX_BYTES = 20 * 1024 * 1024
export const POLICY_MIME = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg', 'image/png', 'image/webp', 'image/gif',
] as const
export type PolicyMime = (typeof POLICY_MIME)[number]

/** A real calendar day, YYYY-MM-DD (2026-02-30 is refused). */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}, 'not a day of the calendar')

export const PolicyDocumentBody = z.strictObject({
  title: text(1, 200),
  docNumber: text(0, 60).default(''),
  /** The policy's publication day, in the office's zone. */
  issuedAt: CalendarDate,
  position: z.number().int().min(0).max(1000).optional(),
})
export type PolicyDocumentBody = z.input<typeof PolicyDocumentBody>

export const InterpretationBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: text(1, 5000) }),
  z.strictObject({ type: z.literal('picture'), uploadId: Id, caption: text(0, 200).default('') }),
])
export const InterpretationQa = z.strictObject({ question: text(1, 500), answer: text(1, 3000) })
export const InterpretationBody = z.strictObject({
  /** What changes, for whom (the first thing a reader sees). */
  summary: text(0, 2000),
  body: z.array(InterpretationBlock).max(60),
  qa: z.array(InterpretationQa).max(50),
})
export type InterpretationBody = z.input<typeof InterpretationBody>
export type InterpretationBlockDto = { type: 'text'; text: string } | { type: 'picture'; uploadId: string; url: string; caption: string }
export interface InterpretationQaDto { question: string; answer: string }

export const PolicyRejectBody = z.strictObject({ reason: text(1, 200) })
export const PolicyAskBody = z.strictObject({
  token: CitizenToken,
  clientId: ClientId,
  nickname: text(1, 20),
  body: text(2, 500),
})
export type PolicyAskBody = z.input<typeof PolicyAskBody>
export const PolicyAdminQuery = z.strictObject({ late: z.enum(['true', 'false']).optional() })

export interface PolicyFileDto { url: string; mime: PolicyMime; size: number; name: string }

export interface InterpretationDto {
  summary: string
  body: InterpretationBlockDto[]
  qa: InterpretationQaDto[]
  publishedAt: IsoDate | null
}

export interface PolicyStaffDto {
  id: string
  eventId: string
  title: string
  docNumber: string
  issuedAt: string
  position: number
  file: PolicyFileDto
  interpretation: (InterpretationDto & { state: 'draft' | 'published'; updatedAt: IsoDate }) | null
  /** The end of the 3rd working day after the issue day (the office's calendar). */
  dueAt: IsoDate
  /** Published after dueAt. */
  late: boolean
  /** Not published, and dueAt has passed. */
  overdue: boolean
  questions: { pending: number; approved: number; rejected: number }
  /** The caller may change it (the lead unit, the admin); the joint unit and the staff read. */
  canManage: boolean
}

/** The event's documents, and whether the caller may add and change them (an empty list says nothing of that). */
export interface PolicyStaffListDto { canManage: boolean; documents: PolicyStaffDto[] }

export interface PolicyAdminItemDto {
  id: string
  title: string
  docNumber: string
  issuedAt: string
  event: { id: string; theme: string }
  leadUnit: string | null
  dueAt: IsoDate
  publishedAt: IsoDate | null
  late: boolean
  overdue: boolean
}

export interface PolicyQuestionStaffDto {
  id: string
  nickname: string
  body: string
  status: 'pending' | 'approved' | 'rejected' | 'answering' | 'answered' | 'merged'
  sensitiveHits: string[]
  rejectReason: string | null
  createdAt: IsoDate
  reply: { taskId: string; state: string; dueAt: IsoDate; published: boolean } | null
}

export interface PolicyListItemDto { id: string; title: string; docNumber: string; issuedAt: string; interpreted: boolean }

export interface PublicPolicyQuestionDto {
  id: string
  nickname: string
  body: string
  createdAt: IsoDate
  reply: PublicReplyDto | null
  /** Approved, its written reply not published yet. */
  awaitingReply: boolean
}

export interface PublicPolicyDto {
  id: string
  event: { id: string; theme: string }
  title: string
  docNumber: string
  issuedAt: string
  file: PolicyFileDto
  interpretation: InterpretationDto | null
  /** The briefing: its live page while on, its archive after. */
  briefing: { sessionId: string; title: string; status: 'scheduled' | 'live' | 'ended' | 'archived' } | null
  questions: PublicPolicyQuestionDto[]
  /** Citizens may ask here now (the briefing ended). */
  canAsk: boolean
}

export interface PolicyAskedDto { id: string; status: 'pending' }
