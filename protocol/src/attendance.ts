import { z } from 'zod'
import { Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'
import { Phone } from './hotline.ts'
import { WallTime } from './years.ts'

// Invitees and check-in (issue 14) for the forms with a venue: symposium (座谈交流) and on-site
// observation (现场观摩体验). The event's host units' editors, its sessions' staff and the admin manage
// invitees and check people in; citizens sign up on the event page within the deadline and capacity,
// and the unit confirms them. Each confirmed invitee's QR code carries a signed token that checks in once.
//   GET  /api/unit/events/:id/attendance -> AttendanceDto
//   PUT  /api/unit/events/:id/attendance/settings {AttendanceSettingsBody} -> AttendanceDto   (lead unit, admin)
//   POST /api/unit/events/:id/invitees {InviteeBody} -> InviteeDto
//   POST /api/unit/events/:id/invitees/import (XLSX, multipart "file") -> { added: number }  (a bad row: 400 with its line; nothing added)
//   GET  /api/unit/events/:id/invitees/template.xlsx
//   POST /api/unit/events/:id/invitees/:iid/status {InviteeStatusBody} -> InviteeDto         (confirm or decline a sign-up)
//   POST /api/unit/events/:id/invitees/:iid/reveal {} -> { phone }                            (audited)
//   GET  /api/unit/events/:id/invitees/:iid/code -> { token, url }                             (the invitation's QR payload)
//   POST /api/unit/events/:id/checkin {CheckInBody} -> CheckInResultDto
//   GET  /api/unit/events/:id/invitations -> InvitationDto[]                                   (every confirmed invitee's, to print)
//   POST /api/events/:id/signup {SignupBody} -> { id, status }                                 (public)
//   GET  /api/events/:id/signup -> SignupInfoDto                                               (public)
//   GET  /api/invitations/:token -> InvitationDto                                              (public: the token is the invitee's)

export const INVITEE_CATEGORIES = ['npc_deputy', 'cppcc_member', 'expert', 'citizen', 'media'] as const
export type InviteeCategory = (typeof INVITEE_CATEGORIES)[number]
/** Categories whose names are public by their role (the archive names them; citizens are counted). */
export const NAMED_CATEGORIES: readonly InviteeCategory[] = ['npc_deputy', 'cppcc_member', 'expert']
/** The category labels as the office writes them, also the import template's words. */
export const CATEGORY_LABELS: Record<InviteeCategory, string> = {
  npc_deputy: '人大代表', cppcc_member: '政协委员', expert: '专家学者', citizen: '普通市民', media: '媒体',
}
export const INVITEE_STATUSES = ['pending', 'confirmed', 'declined'] as const
export type InviteeStatus = (typeof INVITEE_STATUSES)[number]

export const InviteeBody = z.strictObject({
  category: z.enum(INVITEE_CATEGORIES),
  name: text(1, 40),
  org: text(0, 100).default(''),
  phone: Phone.optional(),
})
export type InviteeBody = z.input<typeof InviteeBody>
export const InviteeStatusBody = z.strictObject({ status: z.enum(['confirmed', 'declined']) })
export const SignupBody = z.strictObject({ name: text(1, 40), phone: Phone, org: text(0, 100).default('') })
export type SignupBody = z.input<typeof SignupBody>
export const AttendanceSettingsBody = z.strictObject({
  signupOpen: z.boolean(),
  signupDeadline: WallTime.nullable(),
  capacity: z.number().int().min(1).max(10000).nullable(),
})
export type AttendanceSettingsBody = z.input<typeof AttendanceSettingsBody>
/** By the token of a scanned code, or by an invitee picked from a name search. */
export const CheckInBody = z.union([
  z.strictObject({ token: z.string().min(1).max(200) }),
  z.strictObject({ inviteeId: Id }),
])
export type CheckInBody = z.input<typeof CheckInBody>

export interface InviteeDto {
  id: string
  category: InviteeCategory
  name: string
  org: string
  /** Masked (138****5678); the full number only through the audited reveal. */
  phone: string
  source: 'manual' | 'import' | 'signup'
  status: InviteeStatus
  checkedInAt: IsoDate | null
}

export interface AttendanceDto {
  eventId: string
  signupOpen: boolean
  signupDeadline: IsoDate | null
  capacity: number | null
  invitees: InviteeDto[]
  /** Per category: confirmed and checked in. */
  figures: Record<InviteeCategory, { confirmed: number; checkedIn: number }>
  canManage: boolean
}

/** The event page's sign-up box. */
export interface SignupInfoDto { open: boolean; deadline: IsoDate | null; placesLeft: number | null }

/** A printable invitation (staff) and what the invitee's phone shows (public, by its token). */
export interface InvitationDto {
  token: string
  url: string
  invitee: Pick<InviteeDto, 'name' | 'category'>
  event: { id: string; theme: string; startsAt: IsoDate; endsAt: IsoDate; location: string }
}

/** Why a scan did not check anyone in, in words the door staff act on. */
export const CHECKIN_REFUSALS = ['forged', 'other_event', 'not_confirmed', 'expired', 'already'] as const
export type CheckInRefusal = (typeof CHECKIN_REFUSALS)[number]
export type CheckInResultDto =
  | { ok: true; invitee: InviteeDto }
  | { ok: false; reason: CheckInRefusal; invitee: InviteeDto | null }
