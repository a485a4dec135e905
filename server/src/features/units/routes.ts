import { IdParam, UnitCreateBody, UnitUpdateBody } from '@openday/protocol'
import { Router } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { UnitService } from './service.ts'

/** Mounted at /api/admin/units: the admin only, checked before the body is even read. */
export function unitRoutes(units: UnitService): Router {
  const r = Router()
  r.get('/', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await units.list())
  })
  r.post('/', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.status(201).json(await units.create(UnitCreateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.put('/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    res.json(await units.update(id, UnitUpdateBody.parse(req.body), actor, req.ip ?? null))
  })
  return r
}
