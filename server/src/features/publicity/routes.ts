import { IdParam, JournalBody, PublicityBody, UPLOAD_MAX_BYTES } from '@openday/protocol'
import { Router } from 'express'
import multer from 'multer'
import { AppError } from '../../lib/errors.ts'
import { requireLogin, requireRole } from '../auth/actor.ts'
import type { PublicityService } from './service.ts'

/** Mounted at /api. The role and the event are checked before the body (or the file) is read. */
export function publicityRoutes(p: PublicityService): Router {
  const r = Router()
  const file = multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5 } }).single('file')
  r.use(['/unit/events/:id/publicity', '/unit/events/:id/publicity-files', '/publicity', '/journals', '/admin/journals'], (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.get('/unit/events/:id/publicity', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await p.list(IdParam.parse(req.params).id, actor))
  })
  r.post('/unit/events/:id/publicity', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const { id } = IdParam.parse(req.params)
    await p.requireHostEditor(id, actor)
    res.status(201).json(await p.create(id, PublicityBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/unit/events/:id/publicity-files', async (req, res, next) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const { id } = IdParam.parse(req.params)
    await p.requireHostEditor(id, actor)
    file(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      p.storeFile(id, req.file.buffer, actor).then((u) => res.status(201).json(u), next)
    })
  })
  r.put('/publicity/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const { id } = IdParam.parse(req.params)
    res.json(await p.update(id, PublicityBody.parse(req.body), actor, req.ip ?? null))
  })
  r.delete('/publicity/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    await p.remove(IdParam.parse(req.params).id, actor, req.ip ?? null)
    res.json({})
  })
  r.get('/journals', async (req, res) => {
    requireLogin(req.actor)
    res.json(await p.journals(true))
  })
  r.get('/admin/journals', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await p.journals(false))
  })
  r.post('/admin/journals', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.status(201).json(await p.createJournal(JournalBody.parse(req.body), actor, req.ip ?? null))
  })
  r.put('/admin/journals/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    res.json(await p.updateJournal(id, JournalBody.parse(req.body), actor, req.ip ?? null))
  })
  return r
}
