import type { Db } from '../../db/client.ts'

export const findUserByUsername = (db: Db, username: string) =>
  db.user.findUnique({ where: { username }, include: { unit: true } })

export const createAuthSession = (db: Db, id: string, userId: string, expiresAt: Date) =>
  db.authSession.create({ data: { id, userId, expiresAt } })

export const findAuthSession = (db: Db, id: string) =>
  db.authSession.findUnique({ where: { id }, include: { user: { include: { unit: true } } } })

export const deleteAuthSession = (db: Db, id: string) => db.authSession.deleteMany({ where: { id } })

export const findAssignment = (db: Db, sessionId: string, userId: string) =>
  db.sessionStaff.findUnique({ where: { sessionId_userId: { sessionId, userId } } })

export const deleteExpired = (db: Db, now: Date) => db.authSession.deleteMany({ where: { expiresAt: { lt: now } } })

export type UserWithUnit = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>
