import type { AccountCreateBody, AccountDto, AccountFilter, AccountUpdateBody, OneTimePasswordDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { takeLock } from '../../db/lock.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { type AuthService, hashPassword } from '../auth/service.ts'
import * as audit from '../audit/repository.ts'
import { toAccountDto } from './dto.ts'
import { oneTimePassword } from './password.ts'
import * as repo from './repository.ts'

type Create = z.output<typeof AccountCreateBody>
type Update = z.output<typeof AccountUpdateBody>

// Taken by every change that can take an admin away (demotion, disable), so two admins demoting
// each other at the same moment cannot both see the other one still there.
const ADMINS_LOCK = 'admins'

const usernameConflict = (username: string) => new AppError('CONFLICT', `username: "${username}" is taken`)

/** A unit that exists and still takes new accounts. */
async function checkUnit(tx: Tx, unitId: string): Promise<void> {
  const unit = await repo.findUnit(tx, unitId)
  if (!unit) throw new AppError('BAD_REQUEST', 'unitId: no such unit')
  if (!unit.active) throw new AppError('CONFLICT', 'unitId: the unit is deactivated')
}

async function checkNotLastAdmin(tx: Tx, user: repo.AccountRow): Promise<void> {
  if (user.role !== 'admin' || !user.active) return
  if ((await repo.countActiveAdminsOtherThan(tx, user.id)) === 0) {
    throw new AppError('CONFLICT', 'this is the last active admin: make another account admin first')
  }
}

export interface AccountServiceDeps { db: Db; auth: AuthService }

/**
 * The admin's staff accounts. Passwords: the admin never chooses or sees one except the one-time
 * password made here, returned once; only its argon2 hash is stored. Disabling, resetting and a
 * change of role or unit end the user's logins in the same transaction, then close their sockets.
 */
export function createAccountService({ db, auth }: AccountServiceDeps) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, targetId: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'user', targetId, detail, ip })

  return {
    async list(f: AccountFilter): Promise<AccountDto[]> {
      return (await repo.list(db, f)).map(toAccountDto)
    },

    async create(body: Create, actor: Actor, ip: string | null): Promise<OneTimePasswordDto> {
      const password = oneTimePassword()
      const passwordHash = await hashPassword(password)
      try {
        const row = await inTransaction(db, async (tx) => {
          if (await repo.usernameTaken(tx, body.username)) throw usernameConflict(body.username)
          if (body.unitId) await checkUnit(tx, body.unitId)
          const data = { username: body.username, displayName: body.displayName, role: body.role, unitId: body.unitId ?? null }
          const row = await repo.create(tx, { ...data, passwordHash })
          await record(tx, actor, ip, 'account.create', row.id, data)
          return row
        })
        return { account: toAccountDto(row), oneTimePassword: password }
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) throw usernameConflict(body.username)
        throw err
      }
    },

    /** Only the fields sent change. A new role or unit means new rights: the user logs in again. */
    async update(id: string, body: Update, actor: Actor, ip: string | null): Promise<AccountDto> {
      const { row, relogin } = await inTransaction(db, async (tx) => {
        if (body.role !== undefined) await takeLock(tx, ADMINS_LOCK)
        const user = await repo.find(tx, id)
        if (!user) throw new AppError('NOT_FOUND', 'no such account')
        const wanted: repo.AccountChanges = {
          ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
        }
        const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => user[k as keyof typeof user] !== v)) as repo.AccountChanges
        const role = changes.role ?? user.role
        const unitId = changes.unitId !== undefined ? changes.unitId : user.unitId
        if (role === 'unit_editor' && !unitId) throw new AppError('BAD_REQUEST', 'unitId: a unit editor needs a unit')
        if (changes.unitId) await checkUnit(tx, changes.unitId)
        if (changes.role !== undefined && changes.role !== 'admin') await checkNotLastAdmin(tx, user)
        if (!Object.keys(changes).length) return { row: user, relogin: false }
        const row = await repo.update(tx, id, changes)
        const relogin = changes.role !== undefined || changes.unitId !== undefined
        if (relogin) await repo.deleteLogins(tx, id)
        const detail = Object.fromEntries(Object.keys(changes).map((k) => [k, { from: user[k as keyof typeof user], to: changes[k as keyof typeof changes] }]))
        await record(tx, actor, ip, 'account.update', id, { username: user.username, ...detail, ...(relogin ? { loginsEnded: true } : {}) })
        return { row, relogin }
      })
      if (relogin) await auth.revokeUser(id)
      return toAccountDto(row)
    },

    /** A new one-time password, returned once; every login of the user ends at once. */
    async resetPassword(id: string, actor: Actor, ip: string | null): Promise<OneTimePasswordDto> {
      // The reset would log the admin out before they could read the password it made.
      if (id === actor.id) throw new AppError('CONFLICT', 'your own password is changed on the change-password page (POST /api/auth/password), not reset')
      const password = oneTimePassword()
      const passwordHash = await hashPassword(password)
      const row = await inTransaction(db, async (tx) => {
        const user = await repo.find(tx, id)
        if (!user) throw new AppError('NOT_FOUND', 'no such account')
        const row = await repo.setOneTimePassword(tx, id, passwordHash)
        await repo.deleteLogins(tx, id)
        await record(tx, actor, ip, 'account.reset_password', id, { username: user.username })
        return row
      })
      await auth.revokeUser(id)
      return { account: toAccountDto(row), oneTimePassword: password }
    },

    /** Disabling ends every login and open socket of the user at once; enabling lets them log in again. */
    async setActive(id: string, active: boolean, actor: Actor, ip: string | null): Promise<AccountDto> {
      const row = await inTransaction(db, async (tx) => {
        if (!active) await takeLock(tx, ADMINS_LOCK)
        const user = await repo.find(tx, id)
        if (!user) throw new AppError('NOT_FOUND', 'no such account')
        if (user.active === active) return user
        if (!active) await checkNotLastAdmin(tx, user)
        const row = await repo.update(tx, id, { active })
        if (!active) await repo.deleteLogins(tx, id)
        await record(tx, actor, ip, active ? 'account.enable' : 'account.disable', id, { username: user.username })
        return row
      })
      // Also when it was disabled already: whatever socket is still open closes now.
      if (!active) await auth.revokeUser(id)
      return toAccountDto(row)
    },
  }
}
export type AccountService = ReturnType<typeof createAccountService>
