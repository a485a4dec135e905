import { hash, verify } from '@node-rs/argon2'
import type { PasswordChangeBody, Role, StaffUserDto } from '@openday/protocol'
import { createHash, randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
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
    mustChangePassword: u.mustChangePassword,
  }
}

type ActorRow = { id: string; role: string; displayName: string; unitId: string | null; mustChangePassword: boolean }
const toActor = (u: ActorRow): Actor =>
  ({ id: u.id, role: u.role as Role, displayName: u.displayName, unitId: u.unitId, ...(u.mustChangePassword ? { mustChangePassword: true } : {}) })

export interface AuthOptions {
  /** Absolute lifetime of a login. */
  ttlHours: number
  /** A login unused (no request, no staff command) for this long ends. */
  idleMinutes: number
}

/** What ended: one login (logout, expiry) or every login of a user (disabled, password reset). */
export type Revocation = { loginId: string } | { userId: string }

/**
 * A login's activity is written at most this often (or a quarter of the idle timeout, if that is
 * shorter: a login in use must never look idle): the idle timeout does not need it finer.
 */
const TOUCH_EVERY_MS = 60_000

/** A resolved login: `loginId` (the stored hash of the cookie token) names it without the token. */
export interface Login { loginId: string; actor: Actor; user: StaffUserDto; expiresAt: Date }

export function createAuthService(db: Db, opts: AuthOptions) {
  // Verifying against a real hash when the user does not exist keeps the response time the same,
  // so the login form does not reveal which usernames exist.
  const dummyHash = hash('not-a-real-password')
  const idleMs = opts.idleMinutes * 60_000
  const touchEveryMs = Math.min(TOUCH_EVERY_MS, idleMs / 4)
  const touched = new Map<string, number>()
  // Sockets hold a login for hours; whoever ends one tells them here (features/auth/sockets.ts).
  const revocations = new EventEmitter<{ revoked: [Revocation] }>()

  const alive = (s: { expiresAt: Date; lastSeenAt: Date; user: { active: boolean } }, now: number) =>
    s.user.active && s.expiresAt.getTime() > now && s.lastSeenAt.getTime() + idleMs > now

  async function touch(loginId: string, lastSeenAt: Date, now: number): Promise<void> {
    const last = Math.max(touched.get(loginId) ?? 0, lastSeenAt.getTime())
    if (now - last < touchEveryMs) return
    touched.set(loginId, now)
    await repo.touchAuthSession(db, loginId, new Date(now))
  }

  return {
    /** Checks the password and opens a login; returns the token for the cookie (only its hash is stored). */
    async login(username: string, password: string, ip: string | null): Promise<{ token: string; user: StaffUserDto; expiresAt: Date }> {
      const user = await repo.findUserByUsername(db, username)
      const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false)
      if (!user || !ok || !user.active) {
        // The account tried, by id; a name that is no account is not kept: people type their
        // password into the username field, and the log must never hold one.
        await audit.record(db, { actorId: null, actorRole: 'anonymous', action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? 'unknown', ip })
        throw new AppError('UNAUTHENTICATED', 'wrong username or password')
      }
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(Date.now() + opts.ttlHours * 3_600_000)
      await repo.createAuthSession(db, sha256(token), user.id, expiresAt)
      await audit.record(db, { actorId: user.id, actorRole: user.role, action: 'auth.login', targetType: 'user', targetId: user.id, ip })
      return { token, user: toUserDto(user), expiresAt }
    },

    /**
     * The staff member behind a cookie token, or null when it is unknown, expired, idle too long or
     * disabled. Counts as activity for the idle timeout.
     */
    async resolve(token: string | undefined): Promise<Login | null> {
      if (!token || token.length > 100) return null
      const loginId = sha256(token)
      const s = await repo.findAuthSession(db, loginId)
      const now = Date.now()
      if (!s || !alive(s, now)) return null
      await touch(loginId, s.lastSeenAt, now)
      return { loginId, actor: toActor(s.user), user: toUserDto(s.user), expiresAt: s.expiresAt }
    },

    /**
     * Who acts through a login (by id) now, or null when it may no longer act; a staff command
     * calls it, so it counts as activity. Read afresh each time, so a socket opened hours ago acts
     * with the account as it is (e.g. its one-time password since changed).
     */
    async check(loginId: string): Promise<Actor | null> {
      const [s] = await repo.findLoginStates(db, [loginId])
      const now = Date.now()
      if (!s || !alive(s, now)) return null
      await touch(loginId, s.lastSeenAt, now)
      return toActor(s.user)
    },

    /** Of these logins, the ones that may no longer act (for the periodic sweep of open sockets). */
    async invalid(loginIds: string[]): Promise<string[]> {
      if (!loginIds.length) return []
      const now = Date.now()
      const valid = new Set((await repo.findLoginStates(db, loginIds)).filter((s) => alive(s, now)).map((s) => s.id))
      return loginIds.filter((id) => !valid.has(id))
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token || token.length > 100) return
      const loginId = sha256(token)
      await repo.deleteAuthSession(db, loginId)
      touched.delete(loginId)
      revocations.emit('revoked', { loginId })
    },

    /**
     * The logged-in user sets their own password (also, and first of all, over a one-time one):
     * the current one is checked again, the flag is cleared, and every other login of the user ends
     * (this one stays). FORBIDDEN when the current password is wrong.
     */
    async changePassword(login: Login, body: PasswordChangeBody, ip: string | null): Promise<StaffUserDto> {
      const user = await repo.findUserById(db, login.actor.id)
      if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'staff login required')
      if (!(await verify(user.passwordHash, body.current).catch(() => false))) {
        await audit.record(db, { actorId: user.id, actorRole: user.role, action: 'auth.password_change_failed', targetType: 'user', targetId: user.id, ip })
        throw new AppError('FORBIDDEN', 'the current password is wrong')
      }
      if (body.next.trim().toLowerCase() === user.username.toLowerCase()) throw new AppError('BAD_REQUEST', 'next: the new password must not be the username')
      const passwordHash = await hashPassword(body.next)
      const { updated, ended } = await inTransaction(db, async (tx) => {
        const updated = await repo.setOwnPassword(tx, user.id, passwordHash)
        const ended = await repo.deleteOtherLogins(tx, user.id, login.loginId)
        await audit.record(tx, {
          actorId: user.id, actorRole: user.role, action: 'auth.password_change', targetType: 'user', targetId: user.id,
          detail: { wasOneTime: user.mustChangePassword, endedLogins: ended.length }, ip,
        })
        return { updated, ended }
      })
      for (const loginId of ended) {
        touched.delete(loginId)
        revocations.emit('revoked', { loginId })
      }
      return toUserDto(updated)
    },

    /** Ends every login of a user at once (account disabled, password reset). */
    async revokeUser(userId: string): Promise<void> {
      await repo.deleteAuthSessionsOfUser(db, userId)
      revocations.emit('revoked', { userId })
    },

    onRevoke(listener: (r: Revocation) => void): void {
      revocations.on('revoked', listener)
    },

    purgeExpired: async () => {
      touched.clear()
      await repo.deleteExpired(db, new Date(), new Date(Date.now() - idleMs))
    },
  }
}
export type AuthService = ReturnType<typeof createAuthService>
