import { IdParam, WorkOrderCallback, WorkOrderExportBody, WorkOrderReply, WorkOrderStatus } from '@openday/protocol'
import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { refuseFullGet, type RevealLimits } from '../../http/full-export.ts'
import { AppError } from '../../lib/errors.ts'
import { requireActor } from '../auth/actor.ts'
import { type SheetFormat, sendSheet } from '../../lib/sheet.ts'
import type { WorkOrderService } from './service.ts'

const ListQuery = z.object({
  status: WorkOrderStatus.optional(),
  overdue: z.enum(['0', '1']).optional(),
})

const filterOf = (req: Request) => {
  const q = ListQuery.parse(req.query)
  return { status: q.status, overdue: q.overdue === '1' }
}

/** Mounted at /api. Masked exports are GETs, full ones POSTs with the filter in the body (http/full-export.ts). */
export function workOrderRoutes(orders: WorkOrderService, limits: Pick<RevealLimits, 'exportRows'>): Router {
  const r = Router()
  r.get('/work-orders', async (req, res) => {
    const actor = requireActor(req.actor)
    res.set('Cache-Control', 'no-store')
    res.json(await orders.list(actor, filterOf(req)))
  })

  const maskedOrders = (format: SheetFormat) => async (req: Request, res: Response) => {
    refuseFullGet(req)
    const actor = requireActor(req.actor)
    await sendSheet(res, format, await orders.sheet(actor, filterOf(req), req.ip ?? null), '12345工单', 'work-orders')
  }
  const fullOrders = (format: SheetFormat) => async (req: Request, res: Response) => {
    const actor = requireActor(req.actor)
    if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'only the city office may export full numbers')
    const body = WorkOrderExportBody.parse(req.body ?? {})
    const pay = (rows: number) => limits.exportRows.consume(actor.id, rows)
    const sheet = await orders.sheet(actor, { status: body.status, overdue: body.overdue ?? false }, req.ip ?? null, { format, pay })
    await sendSheet(res, format, sheet, '12345工单', 'work-orders')
  }
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`/work-orders.${format}`, maskedOrders(format))
    r.post(`/work-orders.${format}`, fullOrders(format))
  }

  r.post('/work-orders/:id/accept', async (req, res) => {
    const actor = requireActor(req.actor)
    res.json(await orders.accept(IdParam.parse(req.params).id, actor))
  })
  r.post('/work-orders/:id/reply', async (req, res) => {
    const actor = requireActor(req.actor)
    res.json(await orders.reply(IdParam.parse(req.params).id, actor, WorkOrderReply.parse(req.body).reply))
  })
  r.post('/work-orders/:id/callback', async (req, res) => {
    const actor = requireActor(req.actor)
    const body = WorkOrderCallback.parse(req.body)
    res.json(await orders.callback(IdParam.parse(req.params).id, actor, body.satisfaction, body.note))
  })
  return r
}
