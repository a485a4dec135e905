import type { Role, SessionRole } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import * as repo from './repository.ts'

/** A logged-in staff member, as services need them: explicit, never a socket or a request. */
export interface Actor {
  id: string
  role: Role
  displayName: string
  unitId: string | null
  /** Logged in with a one-time password: may only change it (and read who they are). */
  mustChangePassword?: boolean
}

export const MUST_CHANGE_PASSWORD = 'you must change your one-time password before doing anything else (POST /api/auth/password)'

/** Any login, also one that must change its password first: only for /api/auth/me and /api/auth/password. */
export function requireLogin(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'staff login required')
  return actor
}

/**
 * Every staff path (REST and socket commands, through requireRole and requireSession*) starts
 * here, so a login still holding a one-time password is refused everything in this one place.
 */
export function requireActor(actor: Actor | null | undefined): Actor {
  const a = requireLogin(actor)
  if (a.mustChangePassword) throw new AppError('FORBIDDEN', MUST_CHANGE_PASSWORD)
  return a
}

/** The actor as staff, or null while they must change their password (they then see what the public sees). */
export const staffActor = (actor: Actor | null | undefined): Actor | null => (actor && !actor.mustChangePassword ? actor : null)

/**
 * Staff actions inside a session need the right assignment (SessionStaff) for that session;
 * the city office (admin) may act in every session.
 */
export async function requireSessionRole(db: Db, actor: Actor | null | undefined, sessionId: string, roles: readonly SessionRole[]): Promise<Actor> {
  const a = requireActor(actor)
  if (a.role === 'admin') return a
  const assignment = await repo.findAssignment(db, sessionId, a.id)
  if (!assignment || !roles.includes(assignment.role as SessionRole)) {
    throw new AppError('FORBIDDEN', 'you are not assigned to this session in a role that may do this')
  }
  return a
}

/** Whether the actor sees the session as staff (moderation queue, hits, every question). */
export async function isSessionStaff(db: Db, actor: Actor | null | undefined, sessionId: string): Promise<boolean> {
  actor = staffActor(actor)
  if (!actor) return false
  if (actor.role === 'admin') return true
  return (await repo.findAssignment(db, sessionId, actor.id)) !== null
}

export function requireRole(actor: Actor | null | undefined, roles: readonly Role[]): Actor {
  const a = requireActor(actor)
  if (!roles.includes(a.role)) throw new AppError('FORBIDDEN', 'your role may not do this')
  return a
}

/** Anyone assigned to the session in any role (its staff room), or the admin. */
export async function requireSessionStaff(db: Db, actor: Actor | null | undefined, sessionId: string): Promise<Actor> {
  const a = requireActor(actor)
  if (!(await isSessionStaff(db, a, sessionId))) throw new AppError('FORBIDDEN', 'you are not staff of this session')
  return a
}
