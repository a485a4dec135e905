import { PlanEntryCreateBody, PlanEntryParam, PlanEntryRemoveBody, PlanEntryUpdateBody, PlanPublishBody, PlanRevisionParam, PlanYearParam } from '@openday/protocol'
import { Router } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { PublishService } from './publish.ts'
import type { PlanService } from './service.ts'

/** Mounted at /api/admin/plan: the admin only, checked before the body is even read. */
export function planAdminRoutes(plan: PlanService, publish: PublishService): Router {
  const r = Router()
  r.get('/', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await plan.years())
  })
  r.get('/:year', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await plan.grid(PlanYearParam.parse(req.params).year))
  })
  r.post('/:year/entries', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { year } = PlanYearParam.parse(req.params)
    res.status(201).json(await plan.add(year, PlanEntryCreateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.put('/:year/entries/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { year, id } = PlanEntryParam.parse(req.params)
    res.json(await plan.update(year, id, PlanEntryUpdateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.delete('/:year/entries/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { year, id } = PlanEntryParam.parse(req.params)
    res.json(await plan.remove(year, id, PlanEntryRemoveBody.parse(req.body).revision, actor, req.ip ?? null))
  })
  r.post('/:year/publish', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { year } = PlanYearParam.parse(req.params)
    res.json(await publish.publish(year, PlanPublishBody.parse(req.body), actor, req.ip ?? null))
  })
  return r
}

/** Mounted at /api/plan: the published plan, for everyone. */
export function planPublicRoutes(publish: PublishService): Router {
  const r = Router()
  r.get('/:year', async (req, res) => {
    res.json(await publish.current(PlanYearParam.parse(req.params).year))
  })
  r.get('/:year/revisions/:n', async (req, res) => {
    const { year, n } = PlanRevisionParam.parse(req.params)
    res.json(await publish.revision(year, n))
  })
  return r
}
