import { z } from 'zod'
import { type Cmd, ClientId, Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'

// 领导接听 12345: a hotline day is a session of kind 'hotline'. Operators log calls over the
// session's socket; the board and the archive show only anonymous figures; work orders follow
// handed-off calls to the responsible unit.

/**
 * A caller's number: a mobile (11 digits starting 1[3-9]) or a landline with its area code
 * (010 or 02x, else 0 + 3 digits, 0[3-9]xx; then a 7–8 digit local number, which never starts
 * with 0 or 1; optional extension digits). Spaces and dashes are allowed when typed.
 */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}(?:\d{1,6})?)$/
export const normalisePhone = (s: string) => s.replace(/[\s-]/g, '')
export const Phone = z.string().max(30).transform(normalisePhone).refine((s) => PHONE_PATTERN.test(s), 'not a mobile number or a landline with area code')

export const CallDisposition = z.enum(['answered', 'handed_off'])
export type CallDisposition = z.infer<typeof CallDisposition>

export const LogCall = z.strictObject({
  sessionId: Id,
  clientId: ClientId,
  callerName: text(0, 40).optional(),
  phone: Phone,
  domainId: Id,
  appealTypeId: Id,
  location: text(0, 100).optional(),
  content: text(2, 2000),
  /** The leader who answered (name as shown in the session's guests). */
  leader: text(1, 40),
  disposition: CallDisposition,
  /** Answered on the spot: what the leader said. */
  reply: text(1, 2000).optional(),
  /** Handed off: the unit that must follow up. */
  unitId: Id.optional(),
  /** The call timer, as the operator's console measured it. */
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
}).refine((c) => c.disposition !== 'answered' || !!c.reply, { message: 'an answered call needs the reply', path: ['reply'] })
  .refine((c) => c.disposition !== 'handed_off' || !!c.unitId, { message: 'a handed-off call needs a unit', path: ['unitId'] })
  .refine((c) => Date.parse(c.endedAt) >= Date.parse(c.startedAt), { message: 'the call ends before it starts', path: ['endedAt'] })
export type LogCall = z.infer<typeof LogCall>

export const WorkOrderStatus = z.enum(['assigned', 'accepted', 'replied', 'closed'])
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>
export const Satisfaction = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied'])
export type Satisfaction = z.infer<typeof Satisfaction>

/** REST bodies for work orders (POST /api/work-orders/:id/{accept|reply|callback}). */
export const WorkOrderReply = z.strictObject({ reply: text(1, 5000) })
export const WorkOrderCallback = z.strictObject({ satisfaction: Satisfaction, note: text(0, 500).optional() })
/** The full work-order export's body (POST /api/work-orders.xlsx|csv): the list's filter, as in its query. */
export const WorkOrderExportBody = z.strictObject({ status: WorkOrderStatus.optional(), overdue: z.boolean().optional() })
export type WorkOrderExportBody = z.infer<typeof WorkOrderExportBody>

/**
 * Admin: the taxonomy and the calendar are data. Domains and appeal types are created (POST) and
 * edited one at a time (PUT .../:id); a row that calls reference is deactivated, never deleted.
 */
export const DomainBody = z.strictObject({ name: text(1, 20), nameEn: text(0, 40).optional(), sortOrder: z.number().int().min(0).max(999), active: z.boolean() })
export const AppealTypeBody = DomainBody.extend({ deadlineDays: z.number().int().min(1).max(60) })
export const CalendarDayBody = z.strictObject({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  name: text(1, 20),
})

// ---- DTOs ----

export interface DomainDto { id: string; code: string; name: string; nameEn: string | null; sortOrder: number; active: boolean }
export interface AppealTypeDto extends DomainDto { deadlineDays: number }
export interface CalendarDayDto { date: string; kind: 'holiday' | 'workday'; name: string }
export interface TaxonomyDto { domains: DomainDto[]; appealTypes: AppealTypeDto[] }

/** A call as operators and the city office see it: the number masked (138****1234). */
export interface CallStaffDto {
  id: string
  sessionId: string
  clientId: string
  operatorName: string
  leader: string
  /** Masked like the number (王**); the full name only through the audited reveal. */
  callerName: string | null
  phoneMasked: string
  domainId: string
  appealTypeId: string
  location: string | null
  content: string
  disposition: CallDisposition
  reply: string | null
  unitId: string | null
  workOrderId: string | null
  dueAt: IsoDate | null
  /** Earlier calls from the same number in this session (0 = first call). */
  repeatCount: number
  startedAt: IsoDate
  endedAt: IsoDate
  createdAt: IsoDate
}

/** What the board and the public page get: no name, no number, no content. */
export interface CallPublicDto {
  id: string
  domainId: string
  appealTypeId: string
  disposition: CallDisposition
  createdAt: IsoDate
}

export interface WorkOrderDto {
  id: string
  callId: string
  sessionId: string
  unitId: string
  unitName: string
  status: WorkOrderStatus
  overdue: boolean
  dueAt: IsoDate
  domainId: string
  appealTypeId: string
  content: string
  phoneMasked: string
  reply: string | null
  satisfaction: Satisfaction | null
  reopenCount: number
  acceptedAt: IsoDate | null
  repliedAt: IsoDate | null
  callbackAt: IsoDate | null
  closedAt: IsoDate | null
  createdAt: IsoDate
}

/** The figures of a hotline session (board, archive). */
export interface HotlineFiguresDto {
  calls: number
  /** Calls per domain id (TaxonomyDto has the labels); domains without calls are left out. */
  byDomain: Record<string, number>
  /** Calls per appeal type id. */
  byAppealType: Record<string, number>
  answered: number
  handedOff: number
  closed: number
  closedOnTime: number
  /** Satisfied + basically satisfied, over callbacks made; null before any callback. */
  satisfactionRate: number | null
}


export interface HotlineClientToServerEvents {
  /** An operator logs a call (operators of the session and the admin). Idempotent by clientId. */
  'call:log': Cmd<typeof LogCall, CallStaffDto>
}
