import type { AdminUnitDto, UnitKind } from '@openday/protocol'
import type { AdminUnitRow } from './repository.ts'

export const toAdminUnitDto = (u: AdminUnitRow): AdminUnitDto => ({
  id: u.id, code: u.code, name: u.name, nameEn: u.nameEn, kind: u.kind as UnitKind, parentId: u.parentId, active: u.active,
  createdAt: u.createdAt.toISOString(),
  editors: u.users.map((e) => ({ id: e.id, username: e.username, displayName: e.displayName, active: e.active })),
  counts: { accounts: u._count.users, children: u._count.children, events: u._count.hostOf, workOrders: u._count.workOrders },
})
