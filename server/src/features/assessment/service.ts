import { DEFAULT_WEIGHTS, METRICS, type AssessmentBoardDto, type AssessmentRecordDto, type MetricKey } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import type { Sheet } from '../../lib/sheet.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { loadFigures } from './figures.ts'
import { recordsFor } from './records.ts'
import { scoreRows } from './scoring.ts'

export const METRIC_LABEL: Record<MetricKey, string> = {
  proposalOnTime: '方案按时报送', eventsLed: '承办活动', eventsJoined: '联合承办', formsUsed: '活动形式', answeredLive: '现场答复',
  repliesOnTime: '书面答复按时率', ordersOnTime: '工单按时办结率', satisfaction: '回访满意率', summaryOnTime: '总结按时报送',
  publicity: '宣传报道', journalBonus: '刊物加分',
}

/** The assessment board: figures from the records, the office's weights (versioned), scores, ranks. */
export function createAssessmentService({ db, now = () => new Date() }: { db: Db; now?: () => Date }) {
  async function weightsOf(year: number) {
    const w = await db.assessmentWeights.findFirst({ where: { year }, orderBy: { version: 'desc' } })
    return w ? { weights: { ...DEFAULT_WEIGHTS, ...(JSON.parse(w.weights) as Record<MetricKey, number>) }, version: w.version, setAt: w.createdAt.toISOString() } : { weights: DEFAULT_WEIGHTS, version: 0, setAt: null }
  }
  const board = async (year: number): Promise<AssessmentBoardDto> => {
    const w = await weightsOf(year)
    return { year, weights: w.weights, weightsVersion: w.version, weightsSetAt: w.setAt, rows: scoreRows(await loadFigures(db, year, now()), w.weights) }
  }
  return {
    board,
    async setWeights(year: number, weights: Record<MetricKey, number>, actor: Actor, ip: string | null): Promise<AssessmentBoardDto> {
      await inTransaction(db, async (tx) => {
        const last = await tx.assessmentWeights.findFirst({ where: { year }, orderBy: { version: 'desc' }, select: { version: true } })
        const version = (last?.version ?? 0) + 1
        await tx.assessmentWeights.create({ data: { year, version, weights: JSON.stringify(weights), createdById: actor.id } })
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'assessment.weights', targetType: 'assessment', targetId: String(year), detail: { version, weights }, ip })
      })
      return board(year)
    },
    records: (year: number, unitId: string, metric: MetricKey): Promise<AssessmentRecordDto[]> => recordsFor(db, year, unitId, metric, now()),
    /** The board as a spreadsheet: rank, unit, score, then each figure (a rate as a percentage with its counts). */
    async sheet(year: number): Promise<Sheet> {
      const b = await board(year)
      const cellOf = (v: { value: number | null; done?: number; owed?: number }, kind: string) => v.value === null ? '—' : kind === 'rate' ? `${Math.round(v.value * 1000) / 10}%（${v.done}/${v.owed}）` : v.value
      return {
        name: `${year}年考核`,
        headers: ['排名', '单位', '得分', ...METRICS.map((m) => `${METRIC_LABEL[m.key]}（权重${b.weights[m.key]}）`)],
        rows: b.rows.map((r) => [r.rank, r.unit.name, r.score, ...METRICS.map((m) => cellOf(r.figures[m.key], m.kind))]),
      }
    },
  }
}
export type AssessmentService = ReturnType<typeof createAssessmentService>
