import { z } from 'zod'
import { ClientId, CitizenToken, Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'
import { Answers } from './survey-answers.ts'
import { type QuestionKind, SurveyDefinition } from './survey-def.ts'
import { WallTime } from './years.ts'

// Surveys (问卷调查), issue 13. A unit's questionnaire, standing alone as an event of form `survey`
// or attached to any event (before or after it).
// Staff (the owning unit's editors; the admin):
//   GET  /api/unit/surveys -> SurveyListItemDto[]
//   POST /api/unit/surveys {SurveyCreateBody} -> SurveyStaffDto
//   GET  /api/unit/surveys/:id -> SurveyStaffDto
//   PUT  /api/unit/surveys/:id {SurveySaveBody} -> SurveyStaffDto     (a changed definition after responses: a new version)
//   POST /api/unit/surveys/:id/state {SurveyStateBody} -> SurveyStaffDto  (publish, close, reopen)
//   POST /api/unit/surveys/:id/results-public {ResultsPublicBody} -> SurveyStaffDto
//   GET  /api/unit/surveys/:id/results -> SurveyResultsDto (with every free text and its state, address flags)
//   GET  /api/unit/surveys/:id/responses.xlsx|csv                    (responses + codebook)
//   GET  /api/unit/surveys/:id/responses?before= -> SurveyResponseRowDto[]
//   POST /api/unit/surveys/:id/responses {PaperResponseBody} -> {id}  (paper questionnaires, audited)
//   POST /api/unit/surveys/:id/responses/:rid/validity {ValidityBody} -> SurveyResponseRowDto (audited)
//   POST /api/unit/surveys/:id/texts/:tid {TextDecisionBody} -> SurveyTextDto
//   GET  /api/unit/surveys/:id/invites -> SurveyInviteDto[]  · POST {InvitesBody} -> SurveyInviteDto[]
// Public:
//   GET  /api/surveys?eventId= -> PublicSurveyListItemDto[]  (published surveys)
//   GET  /api/surveys/:id -> PublicSurveyDto
//   POST /api/surveys/:id/responses {SurveyResponseBody} -> {id}  (ALREADY_ANSWERED, NOT_OPEN, ANSWER_INVALID)
//   GET  /api/surveys/:id/results -> SurveyResultsDto  (once the unit publishes them; free text only as approved)

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]
/** device: one response per device (the database's unique key); invite: one per single-use code. */
export const SURVEY_ACCESS = ['device', 'invite'] as const
export type SurveyAccess = (typeof SURVEY_ACCESS)[number]
export const SURVEY_PLACEMENTS = ['standalone', 'before', 'after'] as const
export type SurveyPlacement = (typeof SURVEY_PLACEMENTS)[number]
/** Where a response came from: the public page, a paper form entered by staff, a telephone interview entered by staff. */
export const SURVEY_CHANNELS = ['online', 'paper', 'phone'] as const
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number]

/** Times are the office's wall clock (Asia/Shanghai), as a datetime-local input gives them. */
const When = WallTime.nullable()

export const SurveyCreateBody = z.strictObject({
  title: text(1, 200),
  /** The admin names the unit; an editor's survey is its own unit's. */
  unitId: Id.optional(),
  eventId: Id.nullable().default(null),
  placement: z.enum(SURVEY_PLACEMENTS).default('standalone'),
})
export type SurveyCreateBody = z.input<typeof SurveyCreateBody>

export const SurveySaveBody = z.strictObject({
  revision: z.number().int().min(0),
  title: text(1, 200),
  intro: text(0, 2000),
  department: text(0, 100),
  eventId: Id.nullable(),
  placement: z.enum(SURVEY_PLACEMENTS),
  opensAt: When,
  closesAt: When,
  access: z.enum(SURVEY_ACCESS),
  definition: SurveyDefinition,
}).refine((b) => !b.opensAt || !b.closesAt || b.opensAt < b.closesAt, { path: ['closesAt'], message: 'closes before it opens' })
export type SurveySaveBody = z.input<typeof SurveySaveBody>

export const SurveyStateBody = z.strictObject({ revision: z.number().int().min(0), status: z.enum(['published', 'closed']) })
export const ResultsPublicBody = z.strictObject({ public: z.boolean() })
export const SurveyResponseBody = z.strictObject({
  clientId: ClientId,
  token: CitizenToken,
  /** The single-use code, when the survey is by invitation. */
  code: z.string().regex(/^[A-Z0-9]{8}$/, 'invalid code').optional(),
  answers: Answers,
})
export type SurveyResponseBody = z.input<typeof SurveyResponseBody>
export const PaperResponseBody = z.strictObject({
  clientId: ClientId,
  channel: z.enum(['paper', 'phone']),
  /** The number written on the paper form, to find it again. */
  paperRef: text(0, 40).default(''),
  answers: Answers,
})
export type PaperResponseBody = z.input<typeof PaperResponseBody>
export const ValidityBody = z.strictObject({ valid: z.boolean(), reason: text(0, 200).default('') })
export const TextDecisionBody = z.strictObject({ status: z.enum(['approved', 'rejected']) })
export const InvitesBody = z.strictObject({
  /** One line per invitee (a name or a note); or only a count of anonymous codes. */
  labels: z.array(text(0, 60)).max(2000).default([]),
  count: z.number().int().min(0).max(2000).default(0),
}).refine((b) => b.labels.length + b.count >= 1 && b.labels.length + b.count <= 2000, 'between 1 and 2000 codes')
export type InvitesBody = z.input<typeof InvitesBody>
export const SurveyResponsesQuery = z.strictObject({ before: Id.optional() })

export interface SurveyVersionDto { number: number; createdAt: IsoDate; responses: number }

export interface SurveyListItemDto {
  id: string
  title: string
  unit: { id: string; name: string }
  event: { id: string; theme: string } | null
  placement: SurveyPlacement
  status: SurveyStatus
  /** Whether it takes responses now (published, and within its times). */
  open: boolean
  opensAt: IsoDate | null
  closesAt: IsoDate | null
  responses: number
  resultsPublic: boolean
}

export interface SurveyStaffDto extends SurveyListItemDto {
  intro: string
  department: string
  access: SurveyAccess
  revision: number
  version: number
  definition: SurveyDefinition
  versions: SurveyVersionDto[]
  /** Free-text answers waiting for moderation. */
  textsPending: number
  canEdit: boolean
}

export interface PublicSurveyListItemDto {
  id: string; title: string; unitName: string; event: { id: string; theme: string } | null
  placement: SurveyPlacement; open: boolean; opensAt: IsoDate | null; closesAt: IsoDate | null; resultsPublic: boolean
}

export interface PublicSurveyDto extends PublicSurveyListItemDto {
  intro: string
  department: string
  access: SurveyAccess
  /** not_open: before opensAt or not published; closed: after closesAt or closed by the unit. */
  phase: 'not_open' | 'open' | 'closed'
  version: number
  definition: SurveyDefinition
}

export interface OptionResultDto { id: string; label: string; count: number; percent: number }

/** The figures of one question, as the engine counts them for surveys and polls alike. */
export type QuestionResultDto =
  | { id: string; kind: Extract<QuestionKind, 'single' | 'multiple'>; title: string; answered: number; options: OptionResultDto[] }
  | { id: string; kind: 'satisfaction'; title: string; answered: number; options: OptionResultDto[]; /** 满意率: satisfied + basically satisfied, of those who answered. */ satisfactionRate: number | null }
  | { id: string; kind: 'rating'; title: string; answered: number; scale: number; mean: number | null; distribution: { value: number; count: number; percent: number }[] }
  | { id: string; kind: 'number'; title: string; answered: number; mean: number | null; median: number | null; min: number | null; max: number | null }
  | { id: string; kind: 'ranking'; title: string; answered: number; /** best first: mean rank (1 = first), times ranked first */ options: (OptionResultDto & { meanRank: number | null; first: number })[] }
  | { id: string; kind: 'text'; title: string; answered: number; texts: SurveyTextDto[] }
  | { id: string; kind: 'words'; title: string; answered: number; words: { word: string; count: number }[] }

export interface SurveyTextDto {
  id: string
  questionId: string
  body: string
  /** Staff only: its moderation state and the listed words it contains. */
  status?: 'pending' | 'approved' | 'rejected'
  sensitiveHits?: string[]
  createdAt: IsoDate
}

export interface SurveyResultsDto {
  surveyId: string
  title: string
  unitName: string
  department: string
  /** The period the survey ran (its times, or first/last response when it had none). */
  period: { from: IsoDate | null; to: IsoDate | null }
  /** Responses counted (valid ones); the sample size. */
  valid: number
  /** Staff only: all responses, by channel, and those sharing an address with many others (a flag, never a block). */
  total?: number
  byChannel?: Record<SurveyChannel, number>
  flaggedAddresses?: { responses: number; addresses: number }
  questions: QuestionResultDto[]
  generatedAt: IsoDate
}

export interface SurveyResponseRowDto {
  id: string
  createdAt: IsoDate
  channel: SurveyChannel
  version: number
  valid: boolean
  invalidReason: string | null
  /** Staff who entered it (paper, phone). */
  enteredBy: string | null
  paperRef: string
  /** Shares its address with more responses than the flag threshold. */
  flagged: boolean
  answers: Answers
}

export interface SurveyInviteDto {
  id: string
  /** The invitee's name or note, masked. */
  label: string
  code: string
  usedAt: IsoDate | null
}
