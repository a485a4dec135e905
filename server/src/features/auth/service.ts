import { hash, verify } from '@node-rs/argon2'
import type { Role, StaffUserDto } from '@openday/protocol'
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import * as audit from '../audit/repository.ts'
import type { Actor } from './actor.ts'
import * as repo from './repository.ts'

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export const hashPassword = (password: string) => hash(password)

export function toUserDto(u: repo.UserWithUnit): StaffUserDto {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role,
    unit: u.unit ? { id: u.unit.id, code: u.unit.code, name: u.unit.name, nameEn: u.unit.nameEn } : null,
  }
}

const toActor = (u: repo.UserWithUnit): Actor => ({ id: u.id, role: u.role as Role, displayName: u.displayName, unitId: u.unitId })

export function createAuthService(db: Db, ttlHours: number) {
  // Verifying against a real hash when the user does not exist keeps the response time the same,
  // so the login form does not reveal which usernames exist.
  const dummyHash = hash('not-a-real-password')

  return {
    /** Checks the password and opens a login; returns the token for the cookie (only its hash is stored). */
    async login(username: string, password: string, ip: string | null): Promise<{ token: string; user: StaffUserDto; expiresAt: Date }> {
      const user = await repo.findUserByUsername(db, username)
      const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false)
      if (!user || !ok || !user.active) {
        await audit.record(db, { actorId: null, actorRole: 'anonymous', action: 'auth.login_failed', targetType: 'user', targetId: username, ip })
        throw new AppError('UNAUTHENTICATED', 'wrong username or password')
      }
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000)
      await repo.createAuthSession(db, sha256(token), user.id, expiresAt)
      await audit.record(db, { actorId: user.id, actorRole: user.role, action: 'auth.login', targetType: 'user', targetId: user.id, ip })
      return { token, user: toUserDto(user), expiresAt }
    },

    /** The staff member behind a cookie token, or null when it is unknown, expired or disabled. */
    async resolve(token: string | undefined): Promise<{ actor: Actor; user: StaffUserDto; expiresAt: Date } | null> {
      if (!token || token.length > 100) return null
      const s = await repo.findAuthSession(db, sha256(token))
      if (!s || s.expiresAt < new Date() || !s.user.active) return null
      return { actor: toActor(s.user), user: toUserDto(s.user), expiresAt: s.expiresAt }
    },

    async logout(token: string | undefined): Promise<void> {
      if (token) await repo.deleteAuthSession(db, sha256(token))
    },

    purgeExpired: () => repo.deleteExpired(db, new Date()),
  }
}
export type AuthService = ReturnType<typeof createAuthService>
