import { AssessmentMetricParam, AssessmentWeightsBody, Id, YearNumber } from '@openday/protocol'
import { Router } from 'express'
import { z } from 'zod'
import { sendSheet } from '../../lib/sheet.ts'
import { requireRole } from '../auth/actor.ts'
import type { AssessmentService } from './service.ts'

const YearP = z.strictObject({ year: YearNumber })
const RecordsP = z.strictObject({ year: YearNumber, unitId: Id, metric: AssessmentMetricParam })

/** Mounted at /api/admin/assessment: the admin only, checked before anything else. */
export function assessmentRoutes(a: AssessmentService): Router {
  const r = Router()
  r.use((req, res, next) => { requireRole(req.actor, ['admin']); res.set('Cache-Control', 'no-store'); next() })
  r.get('/:year.xlsx', async (req, res) => {
    const { year } = YearP.parse(req.params)
    await sendSheet(res, 'xlsx', await a.sheet(year), `${year}年政务公开主题日考核`, `assessment-${year}`)
  })
  r.get('/:year', async (req, res) => { res.json(await a.board(YearP.parse(req.params).year)) })
  r.get('/:year/units/:unitId/:metric', async (req, res) => {
    const { year, unitId, metric } = RecordsP.parse(req.params)
    res.json(await a.records(year, unitId, metric))
  })
  r.put('/:year/weights', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { year } = YearP.parse(req.params)
    res.json(await a.setWeights(year, AssessmentWeightsBody.parse(req.body).weights, actor, req.ip ?? null))
  })
  return r
}
