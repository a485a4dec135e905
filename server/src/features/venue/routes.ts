import { AgendaBody, IdParam, OpinionAssignBody, OpinionRecordBody, OpinionSendBody, OpinionStatusBody, PhotoBody, UPLOAD_MAX_BYTES } from '@openday/protocol'
import { Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { AppError } from '../../lib/errors.ts'
import { requireRole } from '../auth/actor.ts'
import type { AgendaService } from '../agenda/service.ts'
import { VENUE_STAFF } from '../attendance/routes.ts'
import type { OpinionService } from '../opinions/service.ts'
import type { PhotoService } from '../photos/service.ts'
import type { VenueService } from './service.ts'

const Sub = z.strictObject({ id: IdParam.shape.id, sub: IdParam.shape.id })
const Token = z.strictObject({ token: z.string().min(1).max(200) })
const EDITORS = ['admin', 'unit_editor'] as const

/**
 * Mounted at /api, before the unit's event routes: a venue event's agenda, opinions and photos for
 * its people, the participant's opinions by the invitation token, the public record. Roles first,
 * then the services check the event.
 */
export function venueRoutes(d: { agenda: AgendaService; opinions: OpinionService; photos: PhotoService; venue: VenueService }): Router {
  const r = Router()
  const id = (req: { params: unknown }) => IdParam.parse(req.params).id
  const ip = (req: { ip?: string | undefined }) => req.ip ?? null
  const photo = multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 3 } }).single('file')
  for (const p of ['agenda', 'opinions', 'day-photos']) r.use(`/unit/events/:id/${p}`, (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })

  r.get('/unit/events/:id/agenda', async (req, res) => { res.json(await d.agenda.list(id(req), requireRole(req.actor, VENUE_STAFF))) })
  r.put('/unit/events/:id/agenda', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    res.json(await d.agenda.save(id(req), AgendaBody.parse(req.body), actor, ip(req)))
  })

  r.get('/unit/events/:id/opinions', async (req, res) => { res.json(await d.opinions.list(id(req), requireRole(req.actor, VENUE_STAFF))) })
  r.post('/unit/events/:id/opinions', async (req, res) => {
    const actor = requireRole(req.actor, VENUE_STAFF)
    res.status(201).json(await d.opinions.record(id(req), OpinionRecordBody.parse(req.body), actor))
  })
  r.post('/unit/events/:id/opinions/:sub/status', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Sub.parse(req.params)
    res.json(await d.opinions.setStatus(p.id, p.sub, OpinionStatusBody.parse(req.body).status, actor, ip(req)))
  })
  r.post('/unit/events/:id/opinions/:sub/assign', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Sub.parse(req.params)
    res.json(await d.opinions.assign(p.id, p.sub, OpinionAssignBody.parse(req.body).unitId, actor, ip(req)))
  })

  r.get('/invitations/:token/opinions', async (req, res) => {
    res.set('Cache-Control', 'no-store')
    res.json(await d.opinions.participantView(Token.parse(req.params).token))
  })
  r.post('/invitations/:token/opinions', async (req, res) => {
    res.status(201).json(await d.opinions.send(Token.parse(req.params).token, OpinionSendBody.parse(req.body)))
  })

  r.get('/unit/events/:id/day-photos', async (req, res) => { res.json(await d.photos.list(id(req), requireRole(req.actor, VENUE_STAFF))) })
  r.post('/unit/events/:id/day-photos', async (req, res, next) => {
    const actor = requireRole(req.actor, EDITORS)
    const eventId = id(req)
    // Who may add one is known before the file is read into memory.
    await d.photos.requireManager(eventId, actor)
    photo(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      const caption = PhotoBody.shape.caption.safeParse((req.body as { caption?: unknown }).caption ?? '')
      if (!caption.success) return next(new AppError('BAD_REQUEST', 'caption: at most 200 characters of well-formed text'))
      d.photos.add(eventId, req.file.buffer, caption.data, actor, ip(req)).then((x) => res.status(201).json(x), next)
    })
  })
  r.put('/unit/events/:id/day-photos/:sub', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Sub.parse(req.params)
    res.json(await d.photos.update(p.id, p.sub, PhotoBody.parse(req.body), actor))
  })
  r.delete('/unit/events/:id/day-photos/:sub', async (req, res) => {
    const actor = requireRole(req.actor, EDITORS)
    const p = Sub.parse(req.params)
    await d.photos.remove(p.id, p.sub, actor, ip(req))
    res.status(204).end()
  })

  r.get('/events/:id/record', async (req, res) => {
    const { record, public: pub } = await d.venue.record(id(req), req.actor)
    // Opinions are published and answered over the following days: a short shared cache at most.
    res.set('Cache-Control', pub && !req.actor ? 'public, max-age=10' : 'private, no-store')
    res.json(record)
  })
  return r
}
