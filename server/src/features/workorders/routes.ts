import { IdParam, WorkOrderCallback, WorkOrderReply, WorkOrderStatus } from '@openday/protocol'
import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { requireActor } from '../auth/actor.ts'
import { type SheetFormat, sendSheet } from '../../lib/sheet.ts'
import type { KeyedLimiter } from '../../lib/ratelimit.ts'
import type { WorkOrderService } from './service.ts'

const ListQuery = z.object({
  status: WorkOrderStatus.optional(),
  overdue: z.enum(['0', '1']).optional(),
  full: z.enum(['0', '1']).optional(),
})

const query = (req: Request) => {
  const q = ListQuery.parse(req.query)
  return { filter: { status: q.status, overdue: q.overdue === '1' }, full: q.full === '1' }
}

/** Mounted at /api. */
/** `reveals`: the same per-user allowance of full numbers as the hotline's reveals and exports. */
export function workOrderRoutes(orders: WorkOrderService, reveals: KeyedLimiter): Router {
  const r = Router()
  r.get('/work-orders', async (req, res) => {
    const actor = requireActor(req.actor)
    res.set('Cache-Control', 'no-store')
    res.json(await orders.list(actor, query(req).filter))
  })

  const exportOrders = (format: SheetFormat) => async (req: Request, res: Response) => {
    const actor = requireActor(req.actor)
    const { filter, full } = query(req)
    if (full && actor.role === 'admin') await reveals.consume(actor.id)
    const sheet = await orders.sheet(actor, filter, full, req.ip ?? null)
    await sendSheet(res, format, sheet, '12345工单', 'work-orders')
  }
  r.get('/work-orders.xlsx', exportOrders('xlsx'))
  r.get('/work-orders.csv', exportOrders('csv'))

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
