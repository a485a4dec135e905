import type { Db, Tx } from '../../db/client.ts'

export interface AuditEntry {
  actorId: string | null
  actorRole: string
  action: string
  targetType: string
  targetId: string
  detail?: Record<string, unknown>
  ip?: string | null
}

/** Staff actions leave a row in the same transaction as the change they describe. */
export function record(tx: Tx | Db, e: AuditEntry) {
  return tx.auditLog.create({ data: { ...e, detail: JSON.stringify(e.detail ?? {}) } })
}

export const listForTarget = (db: Db, targetType: string, targetId: string) =>
  db.auditLog.findMany({ where: { targetType, targetId }, orderBy: { at: 'asc' } })
