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

/** Where the previous page ended: the last row's time and id. */
export interface AuditCursor { at: Date; id: string }

export interface AuditWhere {
  actorId?: string
  actionPrefix?: string
  targetType?: string
  targetId?: string
  /** Instants: at >= from and at < until. */
  from?: Date
  until?: Date
}

// Newest first; the id orders rows of the same instant, so keyset paging gives each row exactly once.
const order = [{ at: 'desc' }, { id: 'desc' }] as const

/** One page of the log (`take` rows at most), after the cursor, with the filters. */
export const listPage = (db: Db, w: AuditWhere, cursor: AuditCursor | null, take: number) =>
  db.auditLog.findMany({
    where: {
      AND: [
        w.actorId ? { actorId: w.actorId } : {},
        w.actionPrefix ? { action: { startsWith: w.actionPrefix } } : {},
        w.targetType ? { targetType: w.targetType } : {},
        w.targetId ? { targetId: w.targetId } : {},
        w.from || w.until ? { at: { ...(w.from ? { gte: w.from } : {}), ...(w.until ? { lt: w.until } : {}) } } : {},
        cursor ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : {},
      ],
    },
    orderBy: [...order],
    take,
  })

/** Everyone who appears in the log as the actor. */
export const actorIds = async (db: Db): Promise<string[]> =>
  (await db.auditLog.groupBy({ by: ['actorId'], where: { actorId: { not: null } } })).flatMap((r) => (r.actorId ? [r.actorId] : []))

export const findActors = (db: Db, ids: string[]) =>
  db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true, displayName: true, role: true } })
