import { type AdminSessionDto, type EventForm, type Role, rolesForKind, type SessionRole, type StaffPersonDto } from '@openday/protocol'
import { EventEmitter } from 'node:events'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { reserveSeq } from '../live/repository.ts'
import { toSessionDto } from '../sessions/dto.ts'
import { isPublicEvent } from '../sessions/visibility.ts'
import * as repo from './repository.ts'

/**
 * One committed change of one person's assignment to one session (role null: removed). `hidden`:
 * the session's event is not published, so without the assignment the person may not see it at all.
 */
export interface AssignmentChange { sessionId: string; userId: string; role: SessionRole | null; hidden: boolean }

const CLOSED = ['ended', 'archived']

const toPerson = (u: repo.PersonRow): StaffPersonDto => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, unit: u.unit,
})

function toAdminSession(s: repo.AdminSessionRow): AdminSessionDto {
  const form = s.kind as EventForm
  return {
    session: { ...toSessionDto(s), archivedAt: s.archivedAt?.toISOString() ?? null },
    event: { id: s.event.id, theme: s.event.theme, status: s.event.status, form: s.event.form as EventForm },
    staff: s.staff
      .map((a) => ({ user: { ...toPerson(a.user), active: a.user.active }, role: a.role as SessionRole }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.user.displayName.localeCompare(b.user.displayName, 'zh-CN')),
    roles: [...rolesForKind(form)],
  }
}

/**
 * The admin staffs sessions. Each change is checked and written with its audit row in one
 * transaction that first locks the session row (as every session write does, live/repository.ts
 * reserveSeq), so it cannot slip in beside the session's end; listeners hear of it once committed
 * (the sockets of the person concerned, assignments/handlers.ts).
 */
export function createAssignmentService(db: Db) {
  const changes = new EventEmitter<{ changed: [AssignmentChange] }>()

  async function change(sessionId: string, userId: string, role: SessionRole | null, actor: Actor, ip: string | null): Promise<AdminSessionDto> {
    const changed = await inTransaction(db, async (tx): Promise<AssignmentChange | null> => {
      const { status } = await reserveSeq(tx, sessionId, 0)
      if (CLOSED.includes(status)) throw new AppError('SESSION_CLOSED', 'the session is archived: its staff can no longer change')
      const session = (await repo.findSession(tx, sessionId))!
      const user = await repo.findUser(tx, userId)
      if (!user) throw new AppError('NOT_FOUND', 'no such account')
      const before = await repo.findAssignment(tx, sessionId, userId)
      if (role === null) {
        if (!before) throw new AppError('NOT_FOUND', 'this person is not assigned to the session')
        await repo.deleteAssignment(tx, sessionId, userId)
      } else {
        if (!rolesForKind(session.kind as EventForm).includes(role)) {
          throw new AppError('BAD_REQUEST', `a ${session.kind} session takes ${rolesForKind(session.kind as EventForm).join(', ')}, not ${role}`)
        }
        if (!user.active) throw new AppError('CONFLICT', 'this account is disabled and cannot be assigned')
        if (user.role === 'admin') throw new AppError('BAD_REQUEST', 'the city office acts in every session already')
        if (before?.role === role) return null // nothing changes: no audit row, nobody to tell
        await repo.upsertAssignment(tx, sessionId, userId, role)
      }
      const action = role === null ? 'assignment.remove' : before ? 'assignment.change' : 'assignment.add'
      await audit.record(tx, {
        actorId: actor.id, actorRole: actor.role, action, targetType: 'session', targetId: sessionId, ip,
        detail: { userId, username: user.username, role: role ?? before!.role, ...(before && role !== null ? { from: before.role } : {}) },
      })
      return { sessionId, userId, role, hidden: !isPublicEvent(session.event) }
    })
    if (changed) changes.emit('changed', changed)
    return toAdminSession((await repo.findSession(db, sessionId))!)
  }

  return {
    async sessions(): Promise<AdminSessionDto[]> {
      return (await repo.listSessions(db)).map(toAdminSession)
    },
    async candidates(): Promise<StaffPersonDto[]> {
      return (await repo.listCandidates(db)).map(toPerson)
    },
    /** Assigns the person, or changes their role (a person holds one role per session). */
    assign: (sessionId: string, userId: string, role: SessionRole, actor: Actor, ip: string | null) => change(sessionId, userId, role, actor, ip),
    remove: (sessionId: string, userId: string, actor: Actor, ip: string | null) => change(sessionId, userId, null, actor, ip),
    onChange(listener: (c: AssignmentChange) => void): void {
      changes.on('changed', listener)
    },
  }
}
export type AssignmentService = ReturnType<typeof createAssignmentService>
