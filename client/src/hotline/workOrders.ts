import type { Role, Satisfaction, WorkOrderDto, WorkOrderStatus } from '@openday/protocol'

// Which buttons a work order shows to whom. The server decides (and refuses with FORBIDDEN or
// CONFLICT); the console only hides what would certainly be refused.
//   assigned -> accepted (the unit) -> replied (the unit) -> callback by the hotline:
//   satisfied / basically satisfied close it, unsatisfied reopens it for the unit.

export type WorkOrderAction = 'accept' | 'reply' | 'callback'

export const WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['assigned', 'accepted', 'replied', 'closed']
export const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'basically_satisfied', 'unsatisfied']

export interface Viewer { role: Role; unitId: string | null }

export function actionsFor(wo: WorkOrderDto, viewer: Viewer): WorkOrderAction[] {
  const admin = viewer.role === 'admin'
  const unit = admin || (viewer.role === 'unit_editor' && viewer.unitId === wo.unitId)
  const hotline = admin || viewer.role === 'operator'
  const out: WorkOrderAction[] = []
  if (wo.status === 'assigned' && unit) out.push('accept')
  if (wo.status === 'accepted' && unit) out.push('reply')
  if (wo.status === 'replied' && hotline) out.push('callback')
  return out
}

/** Open orders first, the most urgent (overdue, then nearest deadline) on top; closed ones last. */
export function sortWorkOrders(list: readonly WorkOrderDto[]): WorkOrderDto[] {
  const rank = (w: WorkOrderDto) => (w.status === 'closed' ? 2 : w.overdue ? 0 : 1)
  return [...list].sort((a, b) => rank(a) - rank(b) || Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1))
}

/** Closed in time: closed, and not after its deadline. */
export const closedOnTime = (w: WorkOrderDto): boolean => w.status === 'closed' && w.closedAt !== null && Date.parse(w.closedAt) <= Date.parse(w.dueAt)
