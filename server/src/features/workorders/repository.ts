import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

export const orderRefs = {
  unit: { select: { name: true } },
  call: {
    select: {
      sessionId: true, domainId: true, appealTypeId: true, content: true, phoneMasked: true, phoneCipher: true, callerNameCipher: true,
      startedAt: true, domain: { select: { name: true } }, appealType: { select: { name: true } },
    },
  },
} as const

export const findById = (db: Client, id: string) => db.workOrder.findUnique({ where: { id }, include: orderRefs })

export interface OrderFilter {
  /** Limit to one unit's orders, or to the calls of some sessions; undefined = every order. */
  unitId?: string
  sessionIds?: string[]
  status?: string
  /** Only orders open past their deadline at this time. */
  overdueAt?: Date
}

export function list(db: Client, f: OrderFilter) {
  return db.workOrder.findMany({
    where: {
      AND: [
        f.unitId !== undefined ? { unitId: f.unitId } : {},
        f.sessionIds !== undefined ? { call: { sessionId: { in: f.sessionIds } } } : {},
        f.status ? { status: f.status } : {},
        f.overdueAt ? { status: { not: 'closed' }, dueAt: { lt: f.overdueAt } } : {},
      ],
    },
    include: orderRefs,
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  })
}

/** Applies a step only if the order is still in the status it was read in (no lost updates). */
export async function updateIfStatus(tx: Tx, id: string, from: string, data: {
  status: string; acceptedAt?: Date; reply?: string; repliedAt?: Date; satisfaction?: string; callbackNote?: string | null
  callbackAt?: Date; closedAt?: Date; reopenCount?: { increment: number }
}): Promise<boolean> {
  return (await tx.workOrder.updateMany({ where: { id, status: from }, data })).count === 1
}

/** Sessions in which the user logs calls (and so calls callers back). */
export async function operatorSessions(db: Client, userId: string): Promise<string[]> {
  return (await db.sessionStaff.findMany({ where: { userId, role: 'operator' }, select: { sessionId: true } })).map((a) => a.sessionId)
}

export type OrderRow = NonNullable<Awaited<ReturnType<typeof findById>>>
