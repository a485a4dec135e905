import { SummaryReturnBody, SummarySaveBody, SummarySettingsBody, SummarySubmitBody, YearNumber } from '@openday/protocol'
import { Router } from 'express'
import { z } from 'zod'
import { contentDisposition } from '../../lib/sheet.ts'
import { requireRole } from '../auth/actor.ts'
import type { SummaryService } from './service.ts'

const EventParam = z.strictObject({ eventId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id') })
const ListQuery = z.strictObject({ year: YearNumber.optional() })

/** Mounted at /api. The role is checked before the body is read. */
export function summaryRoutes(s: SummaryService): Router {
  const r = Router()
  r.use(['/summaries', '/admin/summaries', '/admin/summary-settings'], (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.get('/summaries', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await s.list(actor, ListQuery.parse(req.query).year))
  })
  // Before /summaries/:eventId, which would not take the dot.
  const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' }
  for (const format of ['docx', 'pdf'] as const) {
    r.get(`/summaries/:eventId.${format}`, async (req, res) => {
      const actor = requireRole(req.actor, ['admin', 'unit_editor'])
      const { eventId } = EventParam.parse(req.params)
      const { body, title } = await s.document(eventId, format, actor)
      res.set({ 'Content-Type': MIME[format], 'Content-Disposition': contentDisposition(`${title}.${format}`, `summary-${eventId}.${format}`) })
      res.send(body)
    })
  }
  r.get('/summaries/:eventId', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await s.get(EventParam.parse(req.params).eventId, actor))
  })
  r.put('/summaries/:eventId', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    const { eventId } = EventParam.parse(req.params)
    res.json(await s.save(eventId, SummarySaveBody.parse(req.body), actor))
  })
  r.post('/summaries/:eventId/submit', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    const { eventId } = EventParam.parse(req.params)
    res.json(await s.submit(eventId, SummarySubmitBody.parse(req.body).revision, actor, req.ip ?? null))
  })
  r.post('/admin/summaries/:eventId/accept', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await s.decide(EventParam.parse(req.params).eventId, { accept: true }, actor, req.ip ?? null))
  })
  r.post('/admin/summaries/:eventId/return', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { eventId } = EventParam.parse(req.params)
    res.json(await s.decide(eventId, { accept: false, reason: SummaryReturnBody.parse(req.body).reason }, actor, req.ip ?? null))
  })
  r.get('/admin/summary-settings', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await s.settings())
  })
  r.put('/admin/summary-settings', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await s.saveSettings(SummarySettingsBody.parse(req.body), actor, req.ip ?? null))
  })
  return r
}
