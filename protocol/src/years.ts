import { z } from 'zod'
import { EventForm, Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'
import { zonedTime } from './zoned.ts'

// The year and the proposals (活动方案), issue 11. Every route answers errors as `{ error: { code, message } }`.
//   GET  /api/admin/years -> PlanYearDto[]                                      (admin)
//   POST /api/admin/years {YearCreateBody} -> PlanYearDto (201)                 (admin; CONFLICT: year exists)
//   PUT  /api/admin/years/:year {YearUpdateBody} -> PlanYearDto                 (admin)
//   GET  /api/admin/years/:year/missing -> MissingUnitDto[]                     (admin; active units without a submission)
//   POST /api/admin/years/:year/remind {RemindBody} -> { reminded: number }     (admin)
//   GET  /api/admin/proposals?year=&status=&unitId= -> ProposalSummaryDto[]     (admin)
//   POST /api/admin/proposals/:id/approve {} -> ProposalDto                     (admin; CONFLICT unless submitted)
//   POST /api/admin/proposals/:id/return {ReturnBody} -> ProposalDto            (admin; CONFLICT unless submitted)
//   GET  /api/years -> YearNoticeDto[]                                          (admin, unit_editor)
//   GET  /api/years/:year/notice -> YearNoticeDto                               (admin, unit_editor)
//   GET  /api/unit/proposals[?year=] -> ProposalSummaryDto[]                    (unit_editor: own unit's and joint ones)
//   POST /api/unit/proposals {ProposalCreateBody} -> ProposalDto (201)          (unit_editor: a draft of its unit)
//   GET  /api/proposals/:id -> ProposalDto                                      (admin; editors of the lead or a joint unit)
//   PUT  /api/proposals/:id {ProposalSaveBody} -> ProposalDto                   (lead unit's editors; CONFLICT: stale revision
//                                                                                or not editable — GET it again to see the current one)
//   POST /api/proposals/:id/submit {SubmitBody} -> ProposalDto                  (lead unit's editors; the same revision twice
//                                                                                is the same submission)
//   GET  /api/proposals/:id/versions -> ProposalVersionDto[]                    (as GET /api/proposals/:id)
//   GET  /api/proposals/:id/diff?from=&to= -> VersionDiffDto                    (as GET /api/proposals/:id)
//   GET  /api/unit/notices -> UnitNoticeDto[]                                   (unit_editor: its unit's unread notices)
//   POST /api/unit/notices/:id/read -> UnitNoticeDto                            (unit_editor of that unit)
// A submitted proposal is locked until the office returns it (there is no withdrawal: the office's
// list must not change under it while deciding). Contacts are only in ProposalDto/ProposalVersionDto,
// which only the units' editors and the admin get; no public route carries them.

export const PROPOSAL_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const
export const ProposalStatus = z.enum(PROPOSAL_STATUSES)
export type ProposalStatus = z.infer<typeof ProposalStatus>
export const HalfDay = z.enum(['am', 'pm'])
export type HalfDay = z.infer<typeof HalfDay>

export const YearNumber = z.coerce.number().int().min(2000).max(2100)
export const YearParam = z.strictObject({ year: YearNumber })
const Month = z.number().int().min(1).max(12)
/** A wall-clock time in the office's zone (Asia/Shanghai), as a datetime-local input gives it. */
export const WallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a date and time YYYY-MM-DDTHH:mm')

const months = z.array(Month).min(1).max(12)
  .refine((m) => new Set(m).size === m.length, 'each month once')
  .transform((m) => [...m].sort((a, b) => a - b))

export const YearCreateBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  months,
  deadline: WallTime,
  notice: text(0, 4000).default(''),
  previewDays: z.number().int().min(0).max(60).default(3),
})
export type YearCreateBody = z.input<typeof YearCreateBody>
export const YearUpdateBody = z.strictObject({
  months, deadline: WallTime, notice: text(0, 4000), previewDays: z.number().int().min(0).max(60),
}).partial().refine((b) => Object.keys(b).length > 0, 'nothing to change')
export type YearUpdateBody = z.input<typeof YearUpdateBody>

export interface PlanYearDto {
  year: number
  months: number[]
  deadline: IsoDate
  /** The deadline as the office's wall time, YYYY-MM-DDTHH:mm. */
  deadlineLocal: string
  notice: string
  previewDays: number
  /** The published plan revision (0: not published). */
  revision: number
}
export type YearNoticeDto = Omit<PlanYearDto, 'revision'>

/** One contact; a draft may hold half-typed ones, a submission needs name and phone (and a valid e-mail, if any). */
export const Contact = z.strictObject({
  name: text(0, 40), position: text(0, 60), phone: text(0, 30), email: text(0, 120),
})
export type Contact = z.infer<typeof Contact>
export const PHONE_RE = /^[0-9+()\- ]{5,30}$/
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const ProposalCreateBody = z.strictObject({ year: z.number().int().min(2000).max(2100) })
export type ProposalCreateBody = z.input<typeof ProposalCreateBody>

/** The whole editable proposal, as autosave sends it, with the revision it was edited from. */
export const ProposalSaveBody = z.strictObject({
  revision: z.number().int().min(0),
  theme: text(0, 200),
  month: Month.nullable(),
  halfDay: HalfDay,
  form: EventForm.nullable(),
  steps: text(0, 8000),
  contacts: z.array(Contact).max(20),
  jointUnitIds: z.array(Id).max(10).refine((a) => new Set(a).size === a.length, 'each unit once'),
})
export type ProposalSaveBody = z.input<typeof ProposalSaveBody>
export const SubmitBody = z.strictObject({ revision: z.number().int().min(0) })
export const ReturnBody = z.strictObject({ reason: text(1, 1000) })
export const DecideBody = z.strictObject({}).optional()
export const RemindBody = z.strictObject({ unitIds: z.array(Id).min(1).max(500).optional(), message: text(0, 500).optional() })
export type RemindBody = z.input<typeof RemindBody>
export const ProposalListQuery = z.strictObject({ year: YearNumber.optional(), status: ProposalStatus.optional(), unitId: Id.optional() })
export const DiffQuery = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) })

export interface ProposalUnitRef { id: string; name: string }
export interface ProposalSummaryDto {
  id: string
  year: number
  unit: ProposalUnitRef
  jointUnits: ProposalUnitRef[]
  theme: string
  month: number | null
  halfDay: HalfDay
  form: EventForm | null
  status: ProposalStatus
  revision: number
  submittedAt: IsoDate | null
  late: boolean
  returnReason: string | null
  versions: number
  updatedAt: IsoDate
}
export interface ProposalDto extends ProposalSummaryDto {
  steps: string
  contacts: Contact[]
  submittedRevision: number | null
  decidedAt: IsoDate | null
  /** Whether the asking editor may change it now (lead unit, draft or returned). */
  canEdit: boolean
}
export interface ProposalVersionContent { theme: string; month: number | null; halfDay: HalfDay; form: EventForm | null; steps: string; jointUnitIds: string[] }
export interface ProposalVersionDto extends ProposalVersionContent {
  number: number
  late: boolean
  submittedAt: IsoDate
  submittedBy: string
  contacts: Contact[]
}
/** A run of text: unchanged, or added / removed between the two versions (the `diff` package's parts). */
export interface DiffPart { value: string; added?: boolean; removed?: boolean }
export interface FieldDiff { field: 'theme' | 'month' | 'halfDay' | 'form' | 'steps' | 'jointUnits' | 'contacts'; changed: boolean; parts: DiffPart[] }
export interface VersionDiffDto { from: number; to: number; fields: FieldDiff[] }

export interface MissingUnitDto { id: string; name: string; kind: string; drafts: number; lastRemindedAt: IsoDate | null }

export const NOTICE_KINDS = ['reminder', 'returned', 'approved', 'plan_published'] as const
export interface UnitNoticeDto { id: string; kind: (typeof NOTICE_KINDS)[number] | string; year: number | null; message: string; createdAt: IsoDate; readAt: IsoDate | null }

// ---- The deadline, judged in the office's zone whatever zone the server or the browser is in ----

/** The instant of a wall-clock time "YYYY-MM-DDTHH:mm" in the zone (never the machine's zone). */
export function wallTimeToInstant(wall: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall)
  if (!m) throw new Error(`not a wall time: ${wall}`)
  return zonedTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), 0, 0, timeZone)
}

/** The instant as "YYYY-MM-DDTHH:mm" on the zone's wall clock. */
export function instantToWallTime(at: Date, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const g = (t: string) => p.find((x) => x.type === t)?.value ?? ''
  return `${g('year')}-${g('month')}-${g('day')}T${g('hour')}:${g('minute')}`
}

/**
 * Late = submitted after the deadline minute on the office's wall clock: with a deadline of
 * 23:59, anything up to 23:59:59.999 Beijing time is on time, 00:00 the next day is late.
 */
export function isLate(submittedAt: Date, deadline: Date, timeZone: string): boolean {
  return instantToWallTime(submittedAt, timeZone) > instantToWallTime(deadline, timeZone)
}
