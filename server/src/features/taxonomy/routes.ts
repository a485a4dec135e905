import { AppealTypeBody, CalendarDayBody, DomainBody, IdParam } from '@openday/protocol'
import { Router } from 'express'
import { z } from 'zod'
import { requireActor, requireRole } from '../auth/actor.ts'
import type { TaxonomyService } from './service.ts'

const DateParam = z.strictObject({ date: z.iso.date() })

/** Mounted at /api: the unit list, the public taxonomy, and the admin's edits of both lists and the calendar. */
export function taxonomyRoutes(taxonomy: TaxonomyService): Router {
  const r = Router()
  r.get('/units', async (req, res) => {
    requireActor(req.actor)
    res.json(await taxonomy.units())
  })
  // Public: the board and archive label calls with it (inactive rows included, old calls use them).
  r.get('/hotline/taxonomy', async (_req, res) => { res.json(await taxonomy.taxonomy()) })

  r.post('/admin/hotline/domains', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.status(201).json(await taxonomy.createDomain(DomainBody.parse(req.body), actor))
  })
  r.put('/admin/hotline/domains/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await taxonomy.updateDomain(IdParam.parse(req.params).id, DomainBody.parse(req.body), actor))
  })
  r.post('/admin/hotline/appeal-types', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.status(201).json(await taxonomy.createAppealType(AppealTypeBody.parse(req.body), actor))
  })
  r.put('/admin/hotline/appeal-types/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await taxonomy.updateAppealType(IdParam.parse(req.params).id, AppealTypeBody.parse(req.body), actor))
  })

  // Any staff member may read the calendar (deadlines are shown to units); only the admin edits it.
  r.get('/admin/calendar', async (req, res) => {
    requireActor(req.actor)
    res.json(await taxonomy.calendar())
  })
  r.put('/admin/calendar/:date', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await taxonomy.putCalendarDay(DateParam.parse(req.params).date, CalendarDayBody.parse(req.body), actor))
  })
  r.delete('/admin/calendar/:date', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    await taxonomy.deleteCalendarDay(DateParam.parse(req.params).date, actor)
    res.json({})
  })
  return r
}
