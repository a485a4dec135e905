import { z } from 'zod'
import { Id, Role, text } from './common.ts'
import type { IsoDate, UnitDto } from './dto.ts'

// The admin's units and staff accounts, and a staff member's own password (issue 11,
// "Administration"). Every route here answers with the usual `{ error: { code, message } }`:
//   GET  /api/admin/units -> AdminUnitDto[]                              (admin)
//   POST /api/admin/units {UnitCreateBody} -> AdminUnitDto (201)          (admin; CONFLICT: code taken)
//   PUT  /api/admin/units/:id {UnitUpdateBody} -> AdminUnitDto            (admin; rename, kind, parent, (de)activate)
//   GET  /api/admin/accounts [?role=&unitId=&active=true|false] -> AccountDto[]          (admin)
//   POST /api/admin/accounts {AccountCreateBody} -> OneTimePasswordDto (201)             (admin)
//   PUT  /api/admin/accounts/:id {AccountUpdateBody} -> AccountDto                       (admin)
//   POST /api/admin/accounts/:id/reset-password -> OneTimePasswordDto                    (admin)
//   POST /api/admin/accounts/:id/disable | /enable -> AccountDto                         (admin)
//   POST /api/auth/password {PasswordChangeBody} -> StaffUserDto        (any login, also one that must change)
// A one-time password is in exactly one response (creation or reset), sent `Cache-Control: no-store`.

/** 市直单位 | 县市区 | 管理区/经开区 */
export const UNIT_KINDS = ['city_dept', 'county', 'zone'] as const
export const UnitKind = z.enum(UNIT_KINDS)
export type UnitKind = z.infer<typeof UnitKind>

/** A unit's code names it in exports and seeds; chosen at creation, never changed. */
export const UnitCode = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, "_" or "-" (at most 32), starting with a letter or digit')
/** Usernames are typed at the login form exactly as made here. */
export const Username = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'lowercase letters, digits, ".", "_" or "-" (3 to 32), starting with a letter or digit')

const unitName = text(1, 60)
/** An empty English name clears it. */
const unitNameEn = text(0, 120).nullable()

export const UnitCreateBody = z.strictObject({
  code: UnitCode,
  name: unitName,
  nameEn: unitNameEn.optional(),
  kind: UnitKind,
  parentId: Id.nullable().optional(),
})
export type UnitCreateBody = z.input<typeof UnitCreateBody>

const nonEmpty = (b: object) => Object.keys(b).length > 0

/** Only the fields sent change; at least one. */
export const UnitUpdateBody = z.strictObject({
  name: unitName,
  nameEn: unitNameEn,
  kind: UnitKind,
  parentId: Id.nullable(),
  active: z.boolean(),
}).partial().refine(nonEmpty, 'nothing to change')
export type UnitUpdateBody = z.input<typeof UnitUpdateBody>

const displayName = text(1, 40)

export const AccountCreateBody = z.strictObject({
  username: Username,
  displayName,
  role: Role,
  unitId: Id.nullable().optional(),
}).refine((b) => b.role !== 'unit_editor' || !!b.unitId, { path: ['unitId'], message: 'a unit editor needs a unit' })
export type AccountCreateBody = z.input<typeof AccountCreateBody>

/** Only the fields sent change; at least one. A unit editor must still have a unit afterwards. */
export const AccountUpdateBody = z.strictObject({
  displayName,
  role: Role,
  unitId: Id.nullable(),
}).partial().refine(nonEmpty, 'nothing to change')
export type AccountUpdateBody = z.input<typeof AccountUpdateBody>

export const AccountListQuery = z.strictObject({
  role: Role.optional(),
  unitId: Id.optional(),
  active: z.enum(['true', 'false']).optional(),
})
export interface AccountFilter { role?: z.infer<typeof Role>; unitId?: string; active?: boolean }

/** reset-password, disable, enable: nothing to send (so nobody can slip in a password of their own). */
export const EmptyBody = z.strictObject({}).optional()

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 200

export const PasswordChangeBody = z.strictObject({
  current: z.string().min(1).max(PASSWORD_MAX),
  next: z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX),
}).refine((b) => b.next !== b.current, { path: ['next'], message: 'the new password must differ from the current one' })
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>

/** GET /api/units: every unit, with whether it still takes new hand-offs (old calls show deactivated ones). */
export interface UnitOptionDto extends UnitDto { kind: UnitKind; active: boolean }

export interface UnitEditorDto { id: string; username: string; displayName: string; active: boolean }

export interface AdminUnitDto extends UnitOptionDto {
  parentId: string | null
  createdAt: IsoDate
  /** The unit's liaison editors (accounts with role unit_editor in it), disabled ones included. */
  editors: UnitEditorDto[]
  counts: { accounts: number; children: number; events: number; workOrders: number }
}

export interface AccountDto {
  id: string
  username: string
  displayName: string
  role: z.infer<typeof Role>
  unit: UnitDto | null
  active: boolean
  mustChangePassword: boolean
  createdAt: IsoDate
}

/** The only answer that ever carries the password: show it once, it cannot be read again. */
export interface OneTimePasswordDto { account: AccountDto; oneTimePassword: string }

export type AccountAction = 'reset-password' | 'disable' | 'enable'

export const AccountPaths = {
  units: '/api/admin/units',
  unit: (id: string) => `/api/admin/units/${encodeURIComponent(id)}`,
  accounts: (f: AccountFilter = {}) => {
    const q = new URLSearchParams()
    if (f.role) q.set('role', f.role)
    if (f.unitId) q.set('unitId', f.unitId)
    if (f.active !== undefined) q.set('active', String(f.active))
    const s = q.toString()
    return s ? `/api/admin/accounts?${s}` : '/api/admin/accounts'
  },
  account: (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}`,
  accountAction: (id: string, action: AccountAction) => `/api/admin/accounts/${encodeURIComponent(id)}/${action}`,
  changePassword: '/api/auth/password',
} as const
