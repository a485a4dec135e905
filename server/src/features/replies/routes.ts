import { IdParam, ReplyListQuery, ReplyPublishBody, ReplyReturnBody, ReplySaveBody, ReplySettingsBody } from '@openday/protocol'
import { Router } from 'express'
import type { Db } from '../../db/client.ts'
import { sendSheet } from '../../lib/sheet.ts'
import { requireLogin, requireRole } from '../auth/actor.ts'
import { questionsSheet } from './export.ts'
import type { ReplyService } from './service.ts'

/** Mounted at /api: the units' reply tasks and the office's checks. The role is checked before the body. */
export function replyRoutes(replies: ReplyService, db: Db, timeZone: string): Router {
  const r = Router()
  // Any session's questions in their final states, with live answers and written replies.
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`/sessions/:id/questions.${format}`, async (req, res) => {
      const actor = requireLogin(req.actor)
      const { sheet, title } = await questionsSheet(db, IdParam.parse(req.params).id, actor, timeZone)
      await sendSheet(res, format, sheet, `网友提问-${title}`, `questions-${req.params.id}`)
    })
  }
  r.use(['/replies', '/admin/replies', '/admin/reply-settings'], (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.get('/replies', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await replies.list(ReplyListQuery.parse(req.query), actor))
  })
  r.get('/replies/:id', async (req, res) => {
    const actor = requireLogin(req.actor)
    res.json(await replies.get(IdParam.parse(req.params).id, actor))
  })
  r.put('/replies/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const { id } = IdParam.parse(req.params)
    res.json(await replies.save(id, ReplySaveBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/replies/:id/publish', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const { id } = IdParam.parse(req.params)
    res.json(await replies.publish(id, ReplyPublishBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/admin/replies/:id/approve', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await replies.approve(IdParam.parse(req.params).id, actor, req.ip ?? null))
  })
  r.post('/admin/replies/:id/return', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    res.json(await replies.returnIt(id, ReplyReturnBody.parse(req.body).reason, actor, req.ip ?? null))
  })
  r.post('/admin/replies/:id/dismiss', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    res.json(await replies.dismiss(id, ReplyReturnBody.parse(req.body).reason, actor, req.ip ?? null))
  })
  r.get('/admin/reply-settings', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await replies.settings())
  })
  r.put('/admin/reply-settings', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await replies.saveSettings(ReplySettingsBody.parse(req.body), actor, req.ip ?? null))
  })
  return r
}
