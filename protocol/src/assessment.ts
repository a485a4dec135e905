import { z } from 'zod'
import type { IsoDate } from './dto.ts'

// The annual assessment board (绩效考核), issue 12: per unit and year, figures counted from the
// records, weighted by the office's weights (data, versioned with the year) into a score and a rank.
//   GET /api/admin/assessment/:year -> AssessmentBoardDto                 (admin)
//   GET /api/admin/assessment/:year.xlsx                                  (admin: the board as a spreadsheet)
//   GET /api/admin/assessment/:year/units/:unitId/:metric -> AssessmentRecordDto[] (admin: the records behind a figure)
//   PUT /api/admin/assessment/:year/weights {AssessmentWeightsBody} -> AssessmentBoardDto (admin: a new version of the weights)

/** rate: a share (0..1) of what was owed; count: a number, scored against the best unit's. */
export const METRICS = [
  { key: 'proposalOnTime', kind: 'rate', weight: 10 },
  { key: 'eventsLed', kind: 'count', weight: 15 },
  { key: 'eventsJoined', kind: 'count', weight: 5 },
  { key: 'formsUsed', kind: 'count', weight: 5 },
  { key: 'answeredLive', kind: 'count', weight: 10 },
  { key: 'repliesOnTime', kind: 'rate', weight: 15 },
  { key: 'ordersOnTime', kind: 'rate', weight: 10 },
  { key: 'satisfaction', kind: 'rate', weight: 10 },
  { key: 'summaryOnTime', kind: 'rate', weight: 10 },
  { key: 'publicity', kind: 'count', weight: 5 },
  { key: 'journalBonus', kind: 'count', weight: 5 },
] as const
export type MetricKey = (typeof METRICS)[number]['key']
export const METRIC_KEYS = METRICS.map((m) => m.key) as [MetricKey, ...MetricKey[]]
export const DEFAULT_WEIGHTS = Object.fromEntries(METRICS.map((m) => [m.key, m.weight])) as Record<MetricKey, number>

export const AssessmentWeightsBody = z.strictObject({
  weights: z.strictObject(Object.fromEntries(METRICS.map((m) => [m.key, z.number().min(0).max(100)])) as Record<MetricKey, z.ZodNumber>)
    .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight above 0'),
})
export type AssessmentWeightsBody = z.input<typeof AssessmentWeightsBody>
export const AssessmentMetricParam = z.enum(METRIC_KEYS)

/** A figure: the value, and for a rate the counts it is made of (null when nothing was owed). */
export interface MetricValue { value: number | null; done?: number; owed?: number }

export interface AssessmentRowDto {
  unit: { id: string; name: string; kind: string }
  figures: Record<MetricKey, MetricValue>
  /** 0..100: the weighted mean of the figures, each scored 0..1 (a rate as it is, a count over the best unit's). */
  score: number
  rank: number
}

export interface AssessmentBoardDto {
  year: number
  weights: Record<MetricKey, number>
  /** The version of the weights in use (0: the defaults, never changed), and when it was set. */
  weightsVersion: number
  weightsSetAt: IsoDate | null
  rows: AssessmentRowDto[]
}

/** One record behind a figure: what it is, when, and how it counted. */
export interface AssessmentRecordDto { label: string; date: IsoDate | null; detail: string; counts: boolean; link: string | null }
