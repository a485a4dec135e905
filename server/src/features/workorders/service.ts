import type { Satisfaction, WorkOrderDto, WorkOrderStatus } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import type { DataCipher } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import type { FullExport, Sheet } from '../../lib/sheet.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { toWorkOrderDto } from './dto.ts'
import { ordersSheet } from './export.ts'
import * as repo from './repository.ts'
import { nextStatus, type WorkOrderAction } from './state.ts'

export interface WorkOrderQuery { status?: WorkOrderStatus; overdue?: boolean }

export interface WorkOrderDeps { db: Db; cipher: DataCipher; timeZone: string }

/**
 * The follow-up of handed-off calls. Who may do what is decided here from the order itself:
 * the responsible unit's editors accept and reply, the operators of the call's session call back,
 * the admin may do everything; nobody else sees or changes an order.
 */
export function createWorkOrderService({ db, cipher, timeZone }: WorkOrderDeps) {
  /** Which orders the actor may see at all. */
  async function scope(actor: Actor): Promise<repo.OrderFilter> {
    if (actor.role === 'admin') return {}
    if (actor.role === 'unit_editor') {
      if (!actor.unitId) throw new AppError('FORBIDDEN', 'your account belongs to no unit')
      return { unitId: actor.unitId }
    }
    const sessionIds = await repo.operatorSessions(db, actor.id)
    if (sessionIds.length) return { sessionIds }
    throw new AppError('FORBIDDEN', 'work orders are for the responsible unit, the operators and the city office')
  }

  async function mayAct(actor: Actor, o: repo.OrderRow, action: WorkOrderAction): Promise<void> {
    if (actor.role === 'admin') return
    if (action === 'callback') {
      if ((await repo.operatorSessions(db, actor.id)).includes(o.call.sessionId)) return
      throw new AppError('FORBIDDEN', 'callbacks are made by the operators of the call\'s session')
    }
    if (actor.role === 'unit_editor' && actor.unitId === o.unitId) return
    throw new AppError('FORBIDDEN', 'only the responsible unit may accept or reply to this work order')
  }

  /** One step: check who, check the state, change it (if nobody changed it since), audit. */
  async function step(id: string, actor: Actor, action: WorkOrderAction, change: (now: Date) => Omit<Parameters<typeof repo.updateIfStatus>[3], 'status'>, satisfaction?: Satisfaction): Promise<WorkOrderDto> {
    return inTransaction(db, async (tx) => {
      const o = await repo.findById(tx, id)
      if (!o) throw new AppError('NOT_FOUND', 'no such work order')
      await mayAct(actor, o, action)
      const from = o.status as WorkOrderStatus
      const to = nextStatus(from, action, satisfaction)
      const now = new Date()
      if (!(await repo.updateIfStatus(tx, id, from, { status: to, ...change(now) }))) {
        throw new AppError('CONFLICT', 'the work order was changed meanwhile; reload it')
      }
      await audit.record(tx, {
        actorId: actor.id, actorRole: actor.role, action: `workorder.${action}`, targetType: 'work_order', targetId: id,
        detail: { from, to, ...(satisfaction ? { satisfaction } : {}) },
      })
      return toWorkOrderDto((await repo.findById(tx, id))!, now)
    })
  }

  async function visible(actor: Actor, q: WorkOrderQuery, now: Date) {
    return repo.list(db, { ...(await scope(actor)), status: q.status, overdueAt: q.overdue ? now : undefined })
  }

  return {
    async list(actor: Actor, q: WorkOrderQuery = {}): Promise<WorkOrderDto[]> {
      const now = new Date()
      return (await visible(actor, q, now)).map((o) => toWorkOrderDto(o, now))
    },

    accept: (id: string, actor: Actor) => step(id, actor, 'accept', (now) => ({ acceptedAt: now })),

    reply: (id: string, actor: Actor, reply: string) => step(id, actor, 'reply', (now) => ({ reply, repliedAt: now })),

    /** Satisfied (or basically) closes the order; unsatisfied sends it back to the unit. */
    callback: (id: string, actor: Actor, satisfaction: Satisfaction, note?: string) =>
      step(id, actor, 'callback', (now) => ({
        satisfaction, callbackNote: note || null, callbackAt: now,
        ...(satisfaction === 'unsatisfied' ? { reopenCount: { increment: 1 } } : { closedAt: now }),
      }), satisfaction),

    /** The orders the actor may see, as a sheet; names and numbers in clear only when `full` (admin; paid for by row, then audited). */
    async sheet(actor: Actor, q: WorkOrderQuery, ip: string | null, full?: FullExport): Promise<Sheet> {
      if (full && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'only the city office may export full numbers')
      const now = new Date()
      const rows = await visible(actor, q, now)
      if (full) {
        await full.pay(rows.length)
        await audit.record(db, { actorId: actor.id, actorRole: actor.role, action: 'workorder.export_full', targetType: 'work_order', targetId: '*', detail: { orders: rows.length, ...q, format: full.format }, ip })
      }
      return ordersSheet(rows, { cipher, full: !!full, timeZone, now })
    },
  }
}
export type WorkOrderService = ReturnType<typeof createWorkOrderService>
