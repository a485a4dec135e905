import { EventYearQuery, IdParam, PutGuests, UnitAssignBody, UnitEventPatch, UnitStaffParams, UPLOAD_MAX_BYTES } from '@openday/protocol'
import { Router, type NextFunction, type Request, type Response } from 'express'
import multer from 'multer'
import { AppError } from '../../lib/errors.ts'
import type { EventService } from './service.ts'
import type { UnitEventService } from './unit-service.ts'

/** Mounted at /api: the public event list and preview pages (protocol/src/previews.ts). */
export function eventRoutes(events: EventService): Router {
  const r = Router()
  r.get('/events', async (req, res) => {
    const { year } = EventYearQuery.parse(req.query)
    res.json(year === undefined ? await events.publicEvents() : await events.year(year))
  })
  r.get('/events/:id', async (req: Request, res: Response, next: NextFunction) => {
    // Not an id (e.g. "<id>.ics", the calendar file): another route's.
    const p = IdParam.safeParse(req.params)
    if (!p.success) return next()
    const dto = await events.preview(p.data.id, req.actor)
    // Public: kept briefly, since an open page asks again every 20 s and must see the start soon.
    // A staff preview before the opening must not be kept by a shared cache.
    res.set('Cache-Control', dto.public ? 'public, max-age=10' : 'private, no-store')
    res.json(dto)
  })
  return r
}

/** Mounted at /api/unit/events: the unit editor prepares its events. The role is checked first, then the body. */
export function unitEventRoutes(units: UnitEventService): Router {
  const r = Router()
  const photo = multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5 } }).single('file')
  r.use((_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.get('/', async (req, res) => { res.json(await units.list(req.actor)) })
  r.get('/:id', async (req, res) => { res.json(await units.get(IdParam.parse(req.params).id, req.actor)) })
  r.patch('/:id', async (req, res) => {
    const { id } = IdParam.parse(req.params)
    await units.get(id, req.actor) // role and unit before the body is judged
    res.json(await units.update(id, UnitEventPatch.parse(req.body), req.actor))
  })
  r.put('/:id/guests', async (req, res) => {
    const { id } = IdParam.parse(req.params)
    await units.get(id, req.actor)
    res.json(await units.putGuests(id, PutGuests.parse(req.body), req.actor))
  })
  r.post('/:id/photos', async (req, res, next) => {
    const { id } = IdParam.parse(req.params)
    // Authorise before reading the body into memory.
    const actor = await units.requireLeadEditor(id, req.actor)
    photo(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      units.storePhoto(id, req.file.buffer, actor).then((u) => res.status(201).json(u), next)
    })
  })
  r.put('/:id/sessions/:sessionId/staff/:userId', async (req, res) => {
    const { id, sessionId, userId } = UnitStaffParams.parse(req.params)
    await units.get(id, req.actor)
    const { role } = UnitAssignBody.parse(req.body)
    res.json(await units.assign(id, sessionId, userId, role, req.actor, req.ip ?? null))
  })
  r.delete('/:id/sessions/:sessionId/staff/:userId', async (req, res) => {
    const { id, sessionId, userId } = UnitStaffParams.parse(req.params)
    res.json(await units.assign(id, sessionId, userId, null, req.actor, req.ip ?? null))
  })
  return r
}
