import { AttendanceSettingsBody, CheckInBody, IdParam, InviteeBody, InviteeStatusBody, SignupBody } from '@openday/protocol'
import { Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { AppError } from '../../lib/errors.ts'
import { sendSheet } from '../../lib/sheet.ts'
import { requireRole } from '../auth/actor.ts'
import { parseInviteeXlsx, templateSheet } from './import.ts'
import type { AttendanceService } from './service.ts'

/** Everyone who may work a venue event's day (the service then checks they belong to this event). */
export const VENUE_STAFF = ['admin', 'unit_editor', 'host', 'guest', 'moderator', 'operator'] as const
const STAFF = VENUE_STAFF
const InviteeParam = z.strictObject({ id: IdParam.shape.id, iid: IdParam.shape.id })
const IMPORT_MAX_BYTES = 2 * 1024 * 1024

/** Mounted at /api, before the unit's event routes. Roles first; the service checks the event. */
export function attendanceRoutes(att: AttendanceService): Router {
  const r = Router()
  const id = (req: { params: unknown }) => IdParam.parse(req.params).id
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2 } }).single('file')

  r.post('/events/:id/signup', async (req, res) => {
    res.status(201).json(await att.signup(id(req), SignupBody.parse(req.body)))
  })

  r.get('/events/:id/signup', async (req, res) => {
    res.set('Cache-Control', 'no-store')
    res.json(await att.signupInfo(id(req)))
  })
  r.get('/invitations/:token', async (req, res) => {
    const { token } = z.strictObject({ token: z.string().min(1).max(200) }).parse(req.params)
    res.set('Cache-Control', 'no-store')
    res.json(await att.invitationByToken(token))
  })
  r.get('/unit/events/:id/invitations', async (req, res) => {
    res.set('Cache-Control', 'no-store')
    res.json(await att.invitations(id(req), requireRole(req.actor, STAFF)))
  })
  r.use('/unit/events/:id/attendance', (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.use('/unit/events/:id/invitees', (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.get('/unit/events/:id/attendance', async (req, res) => {
    res.json(await att.view(id(req), requireRole(req.actor, STAFF)))
  })
  r.put('/unit/events/:id/attendance/settings', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await att.saveSettings(id(req), AttendanceSettingsBody.parse(req.body), actor, req.ip ?? null))
  })
  r.get('/unit/events/:id/invitees/template.xlsx', async (req, res) => {
    requireRole(req.actor, STAFF)
    await sendSheet(res, 'xlsx', templateSheet(), '邀请名单导入模板', 'invitees-template')
  })
  r.post('/unit/events/:id/invitees', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.status(201).json(await att.add(id(req), InviteeBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/unit/events/:id/invitees/import', async (req, res, next) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const eventId = id(req)
    // Who may import is known before the file is read into memory.
    await att.requireManager(eventId, actor)
    upload(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      parseInviteeXlsx(req.file.buffer).then((rows) => att.importRows(eventId, rows, actor, req.ip ?? null)).then((x) => res.status(201).json(x), next)
    })
  })
  r.post('/unit/events/:id/invitees/:iid/status', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const p = InviteeParam.parse(req.params)
    res.json(await att.setStatus(p.id, p.iid, InviteeStatusBody.parse(req.body).status, actor, req.ip ?? null))
  })
  r.post('/unit/events/:id/invitees/:iid/reveal', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    const p = InviteeParam.parse(req.params)
    res.json(await att.reveal(p.id, p.iid, actor, req.ip ?? null))
  })
  r.get('/unit/events/:id/invitees/:iid/code', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    const p = InviteeParam.parse(req.params)
    res.json(await att.code(p.id, p.iid, actor))
  })
  r.post('/unit/events/:id/checkin', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    res.json(await att.checkIn(id(req), CheckInBody.parse(req.body), actor))
  })
  return r
}
