import { IdParam, InterpretationBody, POLICY_MAX_BYTES, PolicyAdminQuery, PolicyAskBody, PolicyDocumentBody, PolicyRejectBody, UPLOAD_MAX_BYTES } from '@openday/protocol'
import { Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { limitKey } from '../../http/client-ip.ts'
import { AppError } from '../../lib/errors.ts'
import type { DualLimiter } from '../../lib/ratelimit.ts'
import { requireRole } from '../auth/actor.ts'
import { VENUE_STAFF } from '../attendance/routes.ts'
import type { CitizenService } from '../citizens/service.ts'
import type { UploadService } from '../uploads/service.ts'
import type { PolicyQuestionService } from './questions.ts'
import type { PolicyService } from './service.ts'

const Doc = z.strictObject({ id: IdParam.shape.id, pid: IdParam.shape.id })
const Asked = z.strictObject({ id: IdParam.shape.id, pid: IdParam.shape.id, qid: IdParam.shape.id })
const EDITORS = ['admin', 'unit_editor'] as const

export interface PolicyRouteDeps {
  policies: PolicyService; questions: PolicyQuestionService; uploads: UploadService; citizens: CitizenService
  /** Questions per device and per address (the live questions' limits). */
  limiter: DualLimiter
}

/**
 * Mounted at /api, before the unit's event routes (protocol/src/policies.ts lists them). Roles
 * first, and who may add a file before its bytes are read; then the services check the event.
 */
export function policyRoutes({ policies, questions, uploads, citizens, limiter }: PolicyRouteDeps): Router {
  const r = Router()
  const id = (req: { params: unknown }) => IdParam.parse(req.params).id
  const ip = (req: { ip?: string | undefined }) => req.ip ?? null
  const file = multer({ storage: multer.memoryStorage(), limits: { fileSize: POLICY_MAX_BYTES, files: 1, fields: 5 } }).single('file')
  const picture = multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 1 } }).single('file')
  for (const p of ['/unit/events/:id/policies', '/unit/events/:id/policy-pictures', '/admin/policies']) r.use(p, (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })

  r.get('/unit/events/:id/policies', async (req, res) => { res.json(await policies.list(id(req), requireRole(req.actor, VENUE_STAFF))) })
  r.post('/unit/events/:id/policies', async (req, res, next) => {
    const actor = requireRole(req.actor, EDITORS)
    const eventId = id(req)
    await policies.requireManager(eventId, actor)
    file(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      const meta = PolicyDocumentBody.safeParse({ ...(req.body as object) })
      if (!meta.success) return next(meta.error)
      policies.add(eventId, req.file.buffer, req.file.originalname, meta.data, actor).then((d) => res.status(201).json(d), next)
    })
  })
  r.put('/unit/events/:id/policies/:pid', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Doc.parse(req.params)
    res.json(await policies.update(p.id, p.pid, PolicyDocumentBody.parse(req.body), actor))
  })
  r.delete('/unit/events/:id/policies/:pid', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Doc.parse(req.params)
    await policies.remove(p.id, p.pid, actor, ip(req))
    res.status(204).end()
  })
  r.post('/unit/events/:id/policy-pictures', async (req, res, next) => {
    const actor = requireRole(req.actor, EDITORS)
    const eventId = id(req)
    await policies.requireManager(eventId, actor)
    picture(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      uploads.storeForEvent(eventId, req.file.buffer, actor).then((u) => res.status(201).json(u), next)
    })
  })
  r.put('/unit/events/:id/policies/:pid/interpretation', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Doc.parse(req.params)
    res.json(await policies.saveInterpretation(p.id, p.pid, InterpretationBody.parse(req.body), actor, ip(req)))
  })
  r.post('/unit/events/:id/policies/:pid/interpretation/publish', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Doc.parse(req.params)
    res.json(await policies.publishInterpretation(p.id, p.pid, actor, ip(req)))
  })
  r.get('/unit/events/:id/policies/:pid/questions', async (req, res) => {
    const actor = requireRole(req.actor, VENUE_STAFF)
    const p = Doc.parse(req.params)
    res.json(await questions.list(p.id, p.pid, actor))
  })
  r.post('/unit/events/:id/policies/:pid/questions/:qid/approve', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Asked.parse(req.params)
    res.json(await questions.approve(p.id, p.pid, p.qid, actor, ip(req)))
  })
  r.post('/unit/events/:id/policies/:pid/questions/:qid/reject', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Asked.parse(req.params)
    res.json(await questions.reject(p.id, p.pid, p.qid, PolicyRejectBody.parse(req.body).reason, actor, ip(req)))
  })

  r.get('/admin/policies', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.json(await policies.adminList(actor, PolicyAdminQuery.parse(req.query).late === 'true'))
  })

  r.get('/events/:id/policies', async (req, res) => {
    const { list, public: pub } = await policies.eventList(id(req), req.actor)
    res.set('Cache-Control', pub && !req.actor ? 'public, max-age=10' : 'private, no-store')
    res.json(list)
  })
  r.get('/policies/:id', async (req, res) => {
    const { policy, public: pub } = await policies.publicView(id(req), req.actor)
    // Questions are approved and answered over the following days: a short shared cache at most.
    res.set('Cache-Control', pub && !req.actor ? 'public, max-age=10' : 'private, no-store')
    res.json(policy)
  })
  r.post('/policies/:id/questions', async (req, res) => {
    const body = PolicyAskBody.parse(req.body)
    const tokenHash = citizens.hashOf(body.token)
    if (!tokenHash) throw new AppError('BAD_REQUEST', 'token: not a device token of this server; fetch a new one')
    await limiter.consume(tokenHash, limitKey(req.ip ?? 'unknown'))
    res.status(201).json(await questions.ask(id(req), body, tokenHash))
  })
  return r
}
