import { z } from 'zod'
import { type EventForm, text } from './common.ts'

/**
 * The annual plan (年度计划): the office compiles it from approved proposals on a month grid and
 * publishes it; the public reads the published revisions.
 *   GET    /api/admin/plan -> PlanYearOptionDto[]                          (admin; the year picker)
 *   GET    /api/admin/plan/:year -> PlanGridDto                            (admin; conflicts computed now)
 *   POST   /api/admin/plan/:year/entries {PlanEntryCreateBody} -> PlanGridDto (201; admin)
 *   PUT    /api/admin/plan/:year/entries/:id {PlanEntryUpdateBody} -> PlanGridDto (admin; stale revision -> CONFLICT)
 *   DELETE /api/admin/plan/:year/entries/:id {PlanEntryRemoveBody} -> PlanGridDto (admin; stale revision -> CONFLICT)
 *   POST   /api/admin/plan/:year/publish {PlanPublishBody} -> PlanPublishResult (admin)
 *   GET    /api/plan/:year -> PublicPlanDto                                (public; 404 before the first publication)
 *   GET    /api/plan/:year/revisions/:n -> PlanRevisionDto                 (public)
 */

export const PlanYearParam = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) })
export const PlanEntryParam = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id') })
export const PlanRevisionParam = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), n: z.coerce.number().int().min(1).max(100_000) })

/** A calendar date in Asia/Shanghai, YYYY-MM-DD (checked to be a real day). */
export const PlanDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s }, 'no such date')
/** A wall-clock time in Asia/Shanghai, HH:MM. */
export const PlanTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM')

/** The default times of a half-day (Beijing), used when the office sets a date without times. */
export const HALF_DAY_TIMES = { am: { start: '09:00', end: '12:00' }, pm: { start: '14:30', end: '17:30' } } as const

const Revision = z.number().int().min(0).max(1_000_000_000)

export const PlanEntryCreateBody = z.strictObject({
  proposalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id'),
  month: z.number().int().min(1).max(12),
})

/**
 * Move an entry to a month and/or set its date and time. A move without a date clears the date
 * (it belonged to the old month). `date: null` clears it. Times default to the proposal's half-day.
 */
export const PlanEntryUpdateBody = z.strictObject({
  revision: Revision,
  month: z.number().int().min(1).max(12).optional(),
  date: PlanDate.nullable().optional(),
  start: PlanTime.optional(),
  end: PlanTime.optional(),
}).refine((b) => !(b.start && b.end) || b.start < b.end, { message: 'end must be after start', path: ['end'] })
  .refine((b) => (b.start === undefined && b.end === undefined) || (b.date !== undefined && b.date !== null), { message: 'times need a date', path: ['date'] })

export type PlanEntryUpdateBody = z.input<typeof PlanEntryUpdateBody>

export const PlanEntryRemoveBody = z.strictObject({ revision: Revision })

export const PlanPublishBody = z.strictObject({
  /** The grid's `state` the admin saw: publishing a grid that changed since is refused (CONFLICT). */
  state: z.string().regex(/^[a-f0-9]{16,64}$/, 'invalid state'),
  /** What changed; required for every publication after the first. */
  note: text(0, 2000).default(''),
  /** The admin read the warnings and publishes over them. */
  confirmWarnings: z.boolean().default(false),
})

export const PLAN_CONFLICT_KINDS = [
  'month_crowded', // two or more themes in one month
  'month_empty', // a month of the year with no theme
  'unit_leads_twice', // one unit leads two or more themes in the year
  'holiday', // on a public holiday (CalendarDay 'holiday')
  'weekend', // on a Saturday or Sunday that is not a 调休 working day
  'no_date', // placed, but no date yet: blocks publishing
  'not_approved', // placed, but its proposal is no longer approved: blocks publishing
  'unplaced', // an approved proposal that is not on the grid
] as const
export type PlanConflictKind = (typeof PLAN_CONFLICT_KINDS)[number]
/** The conflicts no confirmation can publish over; the others are warnings. */
export const BLOCKING_CONFLICTS: readonly PlanConflictKind[] = ['no_date', 'not_approved']

export interface PlanConflictDto {
  kind: PlanConflictKind
  blocking: boolean
  month: number | null
  entryIds: string[]
  proposalIds: string[]
  unitId: string | null
  /** YYYY-MM-DD (Beijing) for holiday / weekend. */
  date: string | null
}

export interface PlanUnitRef { id: string; name: string; role: 'lead' | 'joint' }

export interface PlanProposalDto {
  id: string
  theme: string
  form: EventForm | null
  month: number | null
  halfDay: 'am' | 'pm'
  status: string
  units: PlanUnitRef[]
}

export interface PlanEntryDto {
  id: string
  proposalId: string
  month: number
  /** Instants (ISO) and the same as Beijing date and times, or null before a date is set. */
  startsAt: string | null
  endsAt: string | null
  date: string | null
  start: string | null
  end: string | null
  revision: number
  proposal: PlanProposalDto
  /** The event made from it by a publication, if any. */
  event: { id: string; status: string; sequence: number } | null
}

export interface PlanRevisionSummaryDto {
  number: number
  note: string
  publishedAt: string
  changes: PlanChangesDto
}

export interface PlanGridDto {
  year: number
  months: number[]
  /** The published revision the public sees (0: not published). */
  revision: number
  /** A fingerprint of the grid as shown: publish names it. */
  state: string
  entries: PlanEntryDto[]
  unplaced: PlanProposalDto[]
  conflicts: PlanConflictDto[]
  /** Whether publishing now would change anything the public sees. */
  changed: boolean
  revisions: PlanRevisionSummaryDto[]
}

export interface PlanYearOptionDto { year: number; months: number[]; revision: number }

/** One event of a published plan, exactly as stored in PlanRevision.snapshot. */
export interface PlanSnapshotItem {
  eventId: string
  theme: string
  form: EventForm
  startsAt: string
  endsAt: string
  status: 'planned' | 'cancelled'
  units: PlanUnitRef[]
}

/** What a revision changed against the one before it (by event). */
export interface PlanChangesDto {
  added: { eventId: string; theme: string }[]
  removed: { eventId: string; theme: string }[]
  moved: { eventId: string; theme: string; from: string; to: string }[]
  changed: { eventId: string; theme: string }[]
}

export interface PlanRevisionDto { year: number; number: number; note: string; publishedAt: string; snapshot: PlanSnapshotItem[] }

export interface PublicPlanDto {
  year: number
  current: PlanRevisionDto
  revisions: PlanRevisionSummaryDto[]
}

export interface PlanPublishResult {
  /** The revision now public; `created` false when nothing had changed (a repeated click). */
  number: number
  created: boolean
  grid: PlanGridDto
}
