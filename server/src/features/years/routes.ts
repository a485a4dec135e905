import { IdParam, RemindBody, YearCreateBody, YearParam, YearUpdateBody } from '@openday/protocol'
import { Router } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { YearService } from './service.ts'

/** Mounted at /api: the admin's years and reminders, the year notice and the unit's notices for its editors. */
export function yearRoutes(years: YearService): Router {
  const r = Router()
  r.get('/admin/years', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await years.list())
  })
  r.post('/admin/years', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.status(201).json(await years.create(YearCreateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.put('/admin/years/:year', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await years.update(YearParam.parse(req.params).year, YearUpdateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.get('/admin/years/:year/missing', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await years.missing(YearParam.parse(req.params).year))
  })
  r.post('/admin/years/:year/remind', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await years.remind(YearParam.parse(req.params).year, RemindBody.parse(req.body ?? {}), actor, req.ip ?? null))
  })
  r.get('/years', async (req, res) => {
    requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await years.notices())
  })
  r.get('/years/:year/notice', async (req, res) => {
    requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await years.notice(YearParam.parse(req.params).year))
  })
  r.get('/unit/notices', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    res.json(await years.unitNotices(actor))
  })
  r.post('/unit/notices/:id/read', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    res.json(await years.readNotice(IdParam.parse(req.params).id, actor))
  })
  return r
}
