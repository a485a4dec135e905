import type { Satisfaction, WorkOrderDto, WorkOrderStatus } from '@openday/protocol'
import type { OrderRow } from './repository.ts'
import { isOverdue } from './state.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toWorkOrderDto(o: OrderRow, now: Date): WorkOrderDto {
  return {
    id: o.id,
    callId: o.callId,
    sessionId: o.call.sessionId,
    unitId: o.unitId,
    unitName: o.unit.name,
    status: o.status as WorkOrderStatus,
    overdue: isOverdue(o, now),
    dueAt: o.dueAt.toISOString(),
    domainId: o.call.domainId,
    appealTypeId: o.call.appealTypeId,
    content: o.call.content,
    phoneMasked: o.call.phoneMasked,
    reply: o.reply,
    satisfaction: o.satisfaction as Satisfaction | null,
    reopenCount: o.reopenCount,
    acceptedAt: iso(o.acceptedAt),
    repliedAt: iso(o.repliedAt),
    callbackAt: iso(o.callbackAt),
    closedAt: iso(o.closedAt),
    createdAt: o.createdAt.toISOString(),
  }
}
