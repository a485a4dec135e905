import { IdParam } from '@openday/protocol'
import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import type { KeyedLimiter } from '../../lib/ratelimit.ts'
import { type SheetFormat, sendSheet } from '../../lib/sheet.ts'
import { requireActor, requireSessionRole, requireSessionStaff } from '../auth/actor.ts'
import type { HotlineService } from './service.ts'

/** `?full=1` asks for names and numbers in clear; anything else is the masked export. */
export const FullQuery = z.object({ full: z.enum(['0', '1']).optional() })

/** Mounted at /api. */
/** `reveals` counts full numbers shown per user (reveals and full exports alike). */
export function hotlineRoutes(db: Db, hotline: HotlineService, reveals: KeyedLimiter): Router {
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

  const exportCalls = (format: SheetFormat) => async (req: Request, res: Response) => {
    const { id } = IdParam.parse(req.params)
    const actor = await requireSessionStaff(db, req.actor, id)
    const full = FullQuery.parse(req.query).full === '1'
    if (full && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'only the city office may export full numbers')
    if (full) await reveals.consume(actor.id)
    const { sheet, title } = await hotline.callsSheet(id, full, actor, req.ip ?? null)
    await sendSheet(res, format, sheet, `12345来电记录-${title}`, `hotline-calls-${id}`)
  }
  r.get('/hotline/sessions/:id/calls.xlsx', exportCalls('xlsx'))
  r.get('/hotline/sessions/:id/calls.csv', exportCalls('csv'))

  // The full number and name of one call: the admin and the session's operators, audited.
  r.post('/hotline/calls/:id/reveal', async (req, res) => {
    const { id } = IdParam.parse(req.params)
    requireActor(req.actor)
    const actor = await requireSessionRole(db, req.actor, await hotline.sessionOfCall(id), ['operator'])
    await reveals.consume(actor.id)
    res.set('Cache-Control', 'no-store')
    res.json(await hotline.reveal(id, actor, req.ip ?? null))
  })
  return r
}
