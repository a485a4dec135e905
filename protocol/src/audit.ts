import { z } from 'zod'
import { Id, type Role, text } from './common.ts'
import type { IsoDate } from './dto.ts'

// The audit log viewer (GET /api/admin/audit): newest first, a page at a time, with filters.

export const AUDIT_PAGE_DEFAULT = 50
export const AUDIT_PAGE_MAX = 100

/**
 * The query of one page. `from` and `to` are calendar days (YYYY-MM-DD) in the office's zone
 * (config TIMEZONE), both included, whatever zone the server or the browser is in. `action` is a
 * prefix ("assignment." or "auth.login"); actions are lower case, so the prefix is too.
 */
export const AuditQuery = z.strictObject({
  /** The previous page's nextCursor (opaque). */
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'invalid cursor').optional(),
  size: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
  actorId: Id.optional(),
  action: z.string().trim().toLowerCase().regex(/^[a-z0-9_.]{1,64}$/, 'an action prefix is letters, digits, "_" and "."').optional(),
  targetType: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'invalid target type').optional(),
  targetId: text(1, 200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
export type AuditQuery = z.infer<typeof AuditQuery>
export type AuditFilter = Omit<z.input<typeof AuditQuery>, 'cursor' | 'size'>

export interface AuditActorDto { id: string; username: string; displayName: string; role: Role }

export interface AuditEntryDto {
  id: string
  at: IsoDate
  /** Who did it: the account as it is now (null for anonymous rows, e.g. a failed login). */
  actor: AuditActorDto | null
  /** The role the actor had when it was done (or "anonymous"). */
  actorRole: string
  action: string
  targetType: string
  targetId: string
  /** The row's detail, as recorded (services never put passwords or full phone numbers in it). */
  detail: unknown
  ip: string | null
}

export interface AuditPageDto {
  items: AuditEntryDto[]
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null
}

export const AuditPaths = {
  page: (q: AuditFilter & { cursor?: string | null; size?: number } = {}) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
    const s = p.toString()
    return s ? `/api/admin/audit?${s}` : '/api/admin/audit'
  },
  actors: '/api/admin/audit/actors',
} as const
