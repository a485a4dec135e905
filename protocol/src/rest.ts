import { z } from 'zod'
import { Id, text } from './common.ts'

// REST request bodies (parsed by the server's routes). Every mutating request must carry the
// header below: a cross-site form cannot set it, so together with SameSite cookies it stops CSRF.
export const CSRF_HEADER = 'x-openday-csrf'

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
})
export type LoginBody = z.infer<typeof LoginBody>

export const SensitiveWordBody = z.strictObject({ word: text(1, 50) })

/** The public archive list comes in pages (newest first); a page's size is bounded for everyone. */
export const ARCHIVE_PAGE_DEFAULT = 20
export const ARCHIVE_PAGE_MAX = 50
export const ArchiveListQuery = z.object({
  /** The previous page's nextCursor (opaque): the page starts after it. */
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'invalid cursor').optional(),
  size: z.coerce.number().int().min(1).max(ARCHIVE_PAGE_MAX).default(ARCHIVE_PAGE_DEFAULT),
})
export interface ArchivePageRequest { cursor?: string | null; size?: number }

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024
export const UPLOAD_MIME = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const

/**
 * REST endpoints (JSON; errors are `{ error: { code, message } }` with an ErrorCode). A session of
 * an event that is not published (draft, planned) answers NOT_FOUND, as a missing one, on every
 * public path (REST, sockets, /media, /uploads) except to its staff and the admin.
 *   POST /api/auth/login {LoginBody} -> StaffUserDto (sets httpOnly cookie)
 *   POST /api/auth/logout -> {}
 *   GET  /api/auth/me -> StaffUserDto | 401
 *   POST /api/auth/password {PasswordChangeBody} -> StaffUserDto; units and accounts (admin): protocol/src/accounts.ts
 *   POST /api/citizens/token -> { token }   (a device token for a citizen; limited per IP and IPv6 /64)
 *   GET  /api/events -> EventDto[]            (published events of the year, newest first)
 *   GET  /api/events/:id -> EventDto
 *   GET  /api/sessions/:id -> { session: SessionSummaryDto, event: EventDto }
 *   GET  /api/staff/assignments -> AssignmentDto[]  (staff only)
 *   POST /api/sessions/:id/uploads multipart field "file" -> UploadDto (host/admin)
 *   GET  /uploads/:id -> the image
 *   GET  /api/archive [?cursor=&size=] -> ArchiveListPageDto   (newest first; size 1..ARCHIVE_PAGE_MAX)
 *   GET  /api/archive/:sessionId -> ArchiveDto
 *   GET  /api/admin/sensitive-words -> SensitiveWordDto[]; POST {SensitiveWordBody}; DELETE /:id
 *
 * Staffing and the audit log (admin only; assignments.ts and audit.ts for bodies, DTOs and paths):
 *   GET    /api/admin/sessions -> AdminSessionDto[]            (every session, newest first, with its staff)
 *   GET    /api/admin/staff-candidates -> StaffPersonDto[]     (active accounts that may be assigned)
 *   PUT    /api/admin/sessions/:id/staff/:userId {AssignStaffBody} -> AdminSessionDto   (audited)
 *   DELETE /api/admin/sessions/:id/staff/:userId -> AdminSessionDto                     (audited)
 *   GET    /api/admin/audit [?AuditQuery] -> AuditPageDto; GET /api/admin/audit/actors -> AuditActorDto[]
 *
 * Hotline (protocol/src/hotline.ts for bodies and DTOs):
 *   GET  /api/units -> UnitOptionDto[]       (staff: hand-off targets, only `active` ones for new hand-offs)
 *   GET  /api/hotline/taxonomy -> TaxonomyDto                        (public: board labels)
 *   POST /api/admin/hotline/domains {DomainBody} -> DomainDto; PUT /api/admin/hotline/domains/:id
 *   POST /api/admin/hotline/appeal-types {AppealTypeBody} -> AppealTypeDto; PUT .../appeal-types/:id
 *   GET  /api/admin/calendar -> CalendarDayDto[]; PUT /api/admin/calendar/:date {CalendarDayBody}; DELETE /api/admin/calendar/:date
 *   GET  /api/hotline/sessions/:id/figures -> HotlineFiguresDto      (public)
 *   GET  /api/hotline/sessions/:id/calls -> CallStaffDto[]            (the session's staff, as in its staff room; admin)
 *   POST /api/hotline/calls/:id/reveal -> { phone, callerName }       (admin, the session's operators; audited)
 *   GET  /api/hotline/sessions/:id/calls.xlsx | calls.csv            (masked; the session's staff; a ?full=1 is refused)
 *   POST /api/hotline/sessions/:id/calls.xlsx | calls.csv {}         (names and numbers in clear: admin only, CSRF header,
 *                                                                    audited, one RATE_EXPORT_ROWS_PER_USER point per row)
 *   GET  /api/work-orders [?status=&overdue=1] -> WorkOrderDto[]      (unit editors: their unit; admin: all)
 *   POST /api/work-orders/:id/accept -> WorkOrderDto                 (the unit's editors, admin)
 *   POST /api/work-orders/:id/reply {WorkOrderReply} -> WorkOrderDto (the unit's editors, admin)
 *   POST /api/work-orders/:id/callback {WorkOrderCallback} -> WorkOrderDto (operators, admin)
 *   GET  /api/work-orders.xlsx | work-orders.csv [?status=&overdue=1] (masked, as the list; a ?full=1 is refused)
 *   POST /api/work-orders.xlsx | work-orders.csv {WorkOrderExportBody}  (in clear, as the calls' POST above)
 */
export const ApiPaths = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  citizenToken: '/api/citizens/token',
  events: '/api/events',
  event: (id: string) => `/api/events/${encodeURIComponent(id)}`,
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`,
  assignments: '/api/staff/assignments',
  uploads: (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/uploads`,
  archiveList: ({ cursor, size }: ArchivePageRequest = {}) => {
    const q = new URLSearchParams()
    if (cursor) q.set('cursor', cursor)
    if (size !== undefined) q.set('size', String(size))
    const query = q.toString()
    return query ? `/api/archive?${query}` : '/api/archive'
  },
  archive: (sessionId: string) => `/api/archive/${encodeURIComponent(sessionId)}`,
  sensitiveWords: '/api/admin/sensitive-words',
  sensitiveWord: (id: string) => `/api/admin/sensitive-words/${encodeURIComponent(id)}`,
  units: '/api/units',
  taxonomy: '/api/hotline/taxonomy',
  adminDomains: '/api/admin/hotline/domains',
  adminDomain: (id: string) => `/api/admin/hotline/domains/${encodeURIComponent(id)}`,
  adminAppealTypes: '/api/admin/hotline/appeal-types',
  adminAppealType: (id: string) => `/api/admin/hotline/appeal-types/${encodeURIComponent(id)}`,
  calendar: '/api/admin/calendar',
  calendarDay: (date: string) => `/api/admin/calendar/${encodeURIComponent(date)}`,
  hotlineFigures: (sessionId: string) => `/api/hotline/sessions/${encodeURIComponent(sessionId)}/figures`,
  hotlineCalls: (sessionId: string) => `/api/hotline/sessions/${encodeURIComponent(sessionId)}/calls`,
  /** GET: the masked file; POST: the full one. */
  hotlineCallsExport: (sessionId: string, format: 'xlsx' | 'csv') => `/api/hotline/sessions/${encodeURIComponent(sessionId)}/calls.${format}`,
  revealCall: (callId: string) => `/api/hotline/calls/${encodeURIComponent(callId)}/reveal`,
  workOrders: '/api/work-orders',
  workOrderAction: (id: string, action: 'accept' | 'reply' | 'callback') => `/api/work-orders/${encodeURIComponent(id)}/${action}`,
  /** GET: the masked file (the list's query); POST: the full one (the filter in the body). */
  workOrdersExport: (format: 'xlsx' | 'csv') => `/api/work-orders.${format}`,
} as const

export const IdParam = z.strictObject({ id: Id })
