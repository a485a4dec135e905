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

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024
export const UPLOAD_MIME = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const

/**
 * REST endpoints (JSON; errors are `{ error: { code, message } }` with an ErrorCode):
 *   POST /api/auth/login {LoginBody} -> StaffUserDto (sets httpOnly cookie)
 *   POST /api/auth/logout -> {}
 *   GET  /api/auth/me -> StaffUserDto | 401
 *   GET  /api/events -> EventDto[]            (published events of the year, newest first)
 *   GET  /api/events/:id -> EventDto
 *   GET  /api/sessions/:id -> { session: SessionSummaryDto, event: EventDto }
 *   GET  /api/staff/assignments -> AssignmentDto[]  (staff only)
 *   POST /api/sessions/:id/uploads multipart field "file" -> UploadDto (host/admin)
 *   GET  /uploads/:id -> the image
 *   GET  /api/archive -> ArchiveListItemDto[]
 *   GET  /api/archive/:sessionId -> ArchiveDto
 *   GET  /api/admin/sensitive-words -> SensitiveWordDto[]; POST {SensitiveWordBody}; DELETE /:id
 */
export const ApiPaths = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  events: '/api/events',
  event: (id: string) => `/api/events/${encodeURIComponent(id)}`,
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`,
  assignments: '/api/staff/assignments',
  uploads: (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/uploads`,
  archiveList: '/api/archive',
  archive: (sessionId: string) => `/api/archive/${encodeURIComponent(sessionId)}`,
  sensitiveWords: '/api/admin/sensitive-words',
  sensitiveWord: (id: string) => `/api/admin/sensitive-words/${encodeURIComponent(id)}`,
} as const

export const IdParam = z.strictObject({ id: Id })
