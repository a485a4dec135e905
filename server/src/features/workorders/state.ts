import type { Satisfaction, WorkOrderStatus } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'

// A handed-off call's follow-up: assigned -> accepted (the unit takes it) -> replied (the unit's
// answer) -> callback: closed when the caller is (basically) satisfied, back to accepted when not.
// Closed is final. Anything else is a CONFLICT, so a stale screen cannot skip a step.

export type WorkOrderAction = 'accept' | 'reply' | 'callback'

const FROM: Record<WorkOrderAction, WorkOrderStatus> = { accept: 'assigned', reply: 'accepted', callback: 'replied' }

export function canApply(status: WorkOrderStatus, action: WorkOrderAction): boolean {
  return FROM[action] === status
}

/** The status after an action, or CONFLICT when the action does not apply to the current status. */
export function nextStatus(status: WorkOrderStatus, action: WorkOrderAction, satisfaction?: Satisfaction): WorkOrderStatus {
  if (!canApply(status, action)) throw new AppError('CONFLICT', `a work order that is ${status} cannot be given "${action}"`)
  switch (action) {
    case 'accept': return 'accepted'
    case 'reply': return 'replied'
    case 'callback':
      if (!satisfaction) throw new AppError('BAD_REQUEST', 'a callback needs the satisfaction')
      return satisfaction === 'unsatisfied' ? 'accepted' : 'closed'
  }
}

/** Overdue is computed on read: not closed and past its deadline. */
export function isOverdue(o: { status: string; dueAt: Date }, now: Date): boolean {
  return o.status !== 'closed' && now.getTime() > o.dueAt.getTime()
}
