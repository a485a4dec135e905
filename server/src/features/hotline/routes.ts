import { IdParam } from '@openday/protocol'
import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { refuseFullGet, type RevealLimits } from '../../http/full-export.ts'
import { type SheetFormat, sendSheet } from '../../lib/sheet.ts'
import { requireActor, requireSessionRole, requireSessionStaff } from '../auth/actor.ts'
import type { HotlineService } from './service.ts'

/** The body of a full calls export: nothing, the session is in the path. */
const CallsExportBody = z.strictObject({})

/** Mounted at /api. Full exports are POSTs (http/full-export.ts says why). */
export function hotlineRoutes(db: Db, hotline: HotlineService, limits: RevealLimits): Router {
  const r = Router()

  // Public: the board and the archive show these anonymous counts.
  r.get('/hotline/sessions/:id/figures', async (req, res) => {
    res.set('Cache-Control', 'no-cache')
    res.json(await hotline.figures(IdParam.parse(req.params).id, req.actor))
  })

  r.get('/hotline/sessions/:id/calls', async (req, res) => {
    const { id } = IdParam.parse(req.params)
    await requireSessionStaff(db, req.actor, id)
    await hotline.hotlineSession(id)
    res.set('Cache-Control', 'no-store')
    res.json(await hotline.staffCalls(id))
  })

  const maskedCalls = (format: SheetFormat) => async (req: Request, res: Response) => {
    refuseFullGet(req)
    const { id } = IdParam.parse(req.params)
    const actor = await requireSessionStaff(db, req.actor, id)
    const { sheet, title } = await hotline.callsSheet(id, actor, req.ip ?? null)
    await sendSheet(res, format, sheet, `12345来电记录-${title}`, `hotline-calls-${id}`)
  }
  const fullCalls = (format: SheetFormat) => async (req: Request, res: Response) => {
    const { id } = IdParam.parse(req.params)
    const actor = await requireSessionStaff(db, req.actor, id)
    CallsExportBody.parse(req.body ?? {})
    if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'only the city office may export full numbers')
    const pay = (rows: number) => limits.exportRows.consume(actor.id, rows)
    const { sheet, title } = await hotline.callsSheet(id, actor, req.ip ?? null, { format, pay })
    await sendSheet(res, format, sheet, `12345来电记录-${title}`, `hotline-calls-${id}`)
  }
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`/hotline/sessions/:id/calls.${format}`, maskedCalls(format))
    r.post(`/hotline/sessions/:id/calls.${format}`, fullCalls(format))
  }

  // The full number and name of one call: the admin and the session's operators, audited.
  r.post('/hotline/calls/:id/reveal', async (req, res) => {
    const { id } = IdParam.parse(req.params)
    requireActor(req.actor)
    const actor = await requireSessionRole(db, req.actor, await hotline.sessionOfCall(id), ['operator'])
    await limits.reveals.consume(actor.id)
    res.set('Cache-Control', 'no-store')
    res.json(await hotline.reveal(id, actor, req.ip ?? null))
  })
  return r
}
