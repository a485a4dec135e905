import type { Db, Tx } from '../../db/client.ts'

export const findUserByUsername = (db: Db, username: string) =>
  db.user.findUnique({ where: { username }, include: { unit: true } })

export const createAuthSession = (db: Db, id: string, userId: string, expiresAt: Date) =>
  db.authSession.create({ data: { id, userId, expiresAt } })

export const findAuthSession = (db: Db, id: string) =>
  db.authSession.findUnique({ where: { id }, include: { user: { include: { unit: true } } } })

const actorFields = { id: true, role: true, displayName: true, unitId: true, mustChangePassword: true, active: true } as const

/** The logins among `ids` that still exist, with what decides whether they are still valid and who acts. */
export const findLoginStates = (db: Db, ids: string[]) =>
  db.authSession.findMany({ where: { id: { in: ids } }, select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: actorFields } } })

export const findUserById = (db: Db | Tx, id: string) => db.user.findUnique({ where: { id }, include: { unit: true } })

export const setOwnPassword = (tx: Tx, id: string, passwordHash: string) =>
  tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: false }, include: { unit: true } })

/** Ends the user's other logins (a password change keeps the one that made it); returns their ids. */
export async function deleteOtherLogins(tx: Tx, userId: string, keepId: string): Promise<string[]> {
  const ids = (await tx.authSession.findMany({ where: { userId, id: { not: keepId } }, select: { id: true } })).map((s) => s.id)
  if (ids.length) await tx.authSession.deleteMany({ where: { id: { in: ids } } })
  return ids
}

export const touchAuthSession = (db: Db, id: string, at: Date) =>
  db.authSession.updateMany({ where: { id }, data: { lastSeenAt: at } })

export const deleteAuthSession = (db: Db, id: string) => db.authSession.deleteMany({ where: { id } })

export const deleteAuthSessionsOfUser = (db: Db, userId: string) => db.authSession.deleteMany({ where: { userId } })

export const findAssignment = (db: Db, sessionId: string, userId: string) =>
  db.sessionStaff.findUnique({ where: { sessionId_userId: { sessionId, userId } } })

/** Logins past their absolute expiry or idle for longer than allowed. */
export const deleteExpired = (db: Db, now: Date, idleSince: Date) =>
  db.authSession.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: idleSince } }] } })

export type UserWithUnit = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>
