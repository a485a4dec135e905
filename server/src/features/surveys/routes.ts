import { IdParam, InvitesBody, PaperResponseBody, ResultsPublicBody, SurveyCreateBody, SurveyResponseBody, SurveyResponsesQuery, SurveySaveBody, SurveyStateBody, TextDecisionBody, ValidityBody } from '@openday/protocol'
import { Router } from 'express'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { sendSheet } from '../../lib/sheet.ts'
import { requireRole } from '../auth/actor.ts'
import type { CitizenService } from '../citizens/service.ts'
import { toPublicDto, toPublicListItem } from './dto.ts'
import { responsesBook } from './export.ts'
import * as repo from './repository.ts'
import type { ResponseService } from './responses.ts'
import type { ResultService } from './results.ts'
import type { SurveyService } from './service.ts'

export interface SurveyRouteDeps { db: Db; surveys: SurveyService; responses: ResponseService; results: ResultService; citizens: CitizenService; timeZone: string }

const PublicListQuery = z.strictObject({ eventId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() })
const TextParam = z.strictObject({ id: IdParam.shape.id, tid: IdParam.shape.id })
const ResponseParam = z.strictObject({ id: IdParam.shape.id, rid: IdParam.shape.id })
const STAFF = ['admin', 'unit_editor'] as const

/** Mounted at /api. Staff routes check the role before the body; the service checks the unit. */
export function surveyRoutes({ db, surveys, responses, results, citizens, timeZone }: SurveyRouteDeps): Router {
  const r = Router()
  const id = (req: { params: unknown }) => IdParam.parse(req.params).id

  // ---- public ----
  r.get('/surveys', async (req, res) => {
    const q = PublicListQuery.parse(req.query)
    const list = await repo.list(db, { published: true, ...(q.eventId ? { eventId: q.eventId } : {}) })
    res.set('Cache-Control', 'public, max-age=10')
    res.json(list.map((s) => toPublicListItem(s, new Date())))
  })
  r.get('/surveys/:id', async (req, res) => {
    const s = await repo.find(db, id(req))
    if (!s || s.status === 'draft') throw new AppError('NOT_FOUND', 'no such survey')
    res.set('Cache-Control', 'public, max-age=10')
    res.json(toPublicDto(s, new Date()))
  })
  r.post('/surveys/:id/responses', async (req, res) => {
    const body = SurveyResponseBody.parse(req.body)
    const deviceHash = citizens.hashOf(body.token)
    if (!deviceHash) throw new AppError('BAD_REQUEST', 'token: not a device token of this server; fetch a new one')
    res.status(201).json(await responses.submit(id(req), body, deviceHash, req.ip ?? 'unknown'))
  })
  r.get('/surveys/:id/results', async (req, res) => {
    res.set('Cache-Control', 'public, max-age=10')
    res.json(await results.public(id(req)))
  })

  // ---- the unit's editors and the admin ----
  r.use('/unit/surveys', (_req, res, next) => { res.set('Cache-Control', 'no-store'); next() })
  r.get('/unit/surveys', async (req, res) => {
    res.json(await surveys.list(requireRole(req.actor, STAFF)))
  })
  r.post('/unit/surveys', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    res.status(201).json(await surveys.create(SurveyCreateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.get('/unit/surveys/:id', async (req, res) => {
    res.json(await surveys.get(id(req), requireRole(req.actor, STAFF)))
  })
  r.put('/unit/surveys/:id', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    res.json(await surveys.save(id(req), SurveySaveBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/unit/surveys/:id/state', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    const b = SurveyStateBody.parse(req.body)
    res.json(await surveys.setState(id(req), b.status, b.revision, actor, req.ip ?? null))
  })
  r.post('/unit/surveys/:id/results-public', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    const dto = await surveys.setResultsPublic(id(req), ResultsPublicBody.parse(req.body).public, actor, req.ip ?? null)
    results.invalidate()
    res.json(dto)
  })
  r.get('/unit/surveys/:id/results', async (req, res) => {
    res.json(await results.staff(id(req), requireRole(req.actor, STAFF)))
  })
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`/unit/surveys/:id/responses.${format}`, async (req, res) => {
      const s = await surveys.readable(db, id(req), requireRole(req.actor, STAFF))
      const book = await responsesBook(db, s, timeZone)
      await sendSheet(res, format, [book.responses, book.codebook], `问卷答卷-${s.title}`, `survey-${s.id}`)
    })
  }
  r.get('/unit/surveys/:id/codebook.csv', async (req, res) => {
    const s = await surveys.readable(db, id(req), requireRole(req.actor, STAFF))
    await sendSheet(res, 'csv', (await responsesBook(db, s, timeZone)).codebook, `问卷编码说明-${s.title}`, `survey-${s.id}-codebook`)
  })
  r.get('/unit/surveys/:id/responses', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    res.json(await responses.page(id(req), actor, SurveyResponsesQuery.parse(req.query).before))
  })
  r.post('/unit/surveys/:id/responses', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    res.status(201).json(await responses.enter(id(req), PaperResponseBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/unit/surveys/:id/responses/:rid/validity', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    const p = ResponseParam.parse(req.params)
    const b = ValidityBody.parse(req.body)
    res.json(await responses.setValidity(p.id, p.rid, b.valid, b.reason, actor, req.ip ?? null))
  })
  r.post('/unit/surveys/:id/texts/:tid', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    const p = TextParam.parse(req.params)
    res.json(await responses.decideText(p.id, p.tid, TextDecisionBody.parse(req.body).status, actor, req.ip ?? null))
  })
  r.get('/unit/surveys/:id/invites', async (req, res) => {
    res.json(await surveys.invites(id(req), requireRole(req.actor, STAFF)))
  })
  r.post('/unit/surveys/:id/invites', async (req, res) => {
    const actor = requireRole(req.actor, STAFF)
    res.status(201).json(await surveys.addInvites(id(req), InvitesBody.parse(req.body), actor, req.ip ?? null))
  })
  return r
}
