import { METRICS, type AssessmentRowDto, type MetricKey, type MetricValue } from '@openday/protocol'

export type UnitFigures = { unit: AssessmentRowDto['unit']; figures: Record<MetricKey, MetricValue> }

/**
 * Scores and ranks: each figure is scored 0..1 — a rate as it is (nothing owed: not counted, so a
 * unit is not punished for a hotline day it never had), a count over the best unit's count — and
 * the score is the weighted mean × 100 over the figures that count. Ties share a rank.
 */
export function scoreRows(rows: UnitFigures[], weights: Record<MetricKey, number>): AssessmentRowDto[] {
  const best = Object.fromEntries(METRICS.filter((m) => m.kind === 'count').map((m) => [m.key, Math.max(0, ...rows.map((r) => r.figures[m.key].value ?? 0))])) as Record<MetricKey, number>
  const scored = rows.map((r) => {
    let sum = 0
    let total = 0
    for (const m of METRICS) {
      const w = weights[m.key]
      const v = r.figures[m.key].value
      if (!w || v === null) continue
      const part = m.kind === 'rate' ? v : best[m.key] ? v / best[m.key] : 0
      sum += w * part
      total += w
    }
    return { ...r, score: total ? Math.round((sum / total) * 1000) / 10 : 0, rank: 0 }
  })
  scored.sort((a, b) => b.score - a.score || a.unit.name.localeCompare(b.unit.name, 'zh-CN'))
  scored.forEach((r, i) => { r.rank = i > 0 && scored[i - 1]!.score === r.score ? scored[i - 1]!.rank : i + 1 })
  return scored
}

export const rate = (done: number, owed: number): MetricValue => ({ value: owed ? Math.round((done / owed) * 10_000) / 10_000 : null, done, owed })
export const count = (n: number): MetricValue => ({ value: n })
