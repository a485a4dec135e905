import type { Db } from '../../db/client.ts'
import { type Actor, isSessionStaff } from '../auth/actor.ts'

/**
 * Who may see a session at all. The one rule, used by every path that shows or accepts anything
 * of a session (REST, socket commands, media and upload files, the archive):
 *
 *   a session is visible to everyone when its event is published (or done), and otherwise only
 *   to the session's staff and the admin.
 *
 * A session that is not visible answers exactly as one that does not exist (same code, same
 * message), so the public cannot even learn that a draft or planned event has sessions.
 */
export const PUBLIC_EVENT_STATUSES = ['published', 'done'] as const

export const isPublicEvent = (eventStatus: string): boolean => (PUBLIC_EVENT_STATUSES as readonly string[]).includes(eventStatus)

/** The rule itself, for callers that already know whether the viewer is staff of the session. */
export const mayView = (eventStatus: string, staff: boolean): boolean => staff || isPublicEvent(eventStatus)

/** A Prisma filter on Session: sessions everyone may see (lists that are the same for everyone). */
export const publicSessionWhere = { event: { status: { in: [...PUBLIC_EVENT_STATUSES] } } }

/**
 * Whether this viewer may see the session. The staff lookup runs only for sessions of unpublished
 * events, so public paths pay nothing for it.
 */
export async function visibleTo(db: Db, session: { id: string; event: { status: string } }, actor: Actor | null | undefined): Promise<boolean> {
  if (isPublicEvent(session.event.status)) return true
  return mayView(session.event.status, await isSessionStaff(db, actor, session.id))
}

/** Whether this viewer is staff of the session, or null when they may not see it (or it does not exist). */
export async function viewerOf(db: Db, session: { id: string; event: { status: string } } | null, actor: Actor | null | undefined): Promise<{ staff: boolean } | null> {
  if (!session) return null
  const staff = await isSessionStaff(db, actor, session.id)
  return mayView(session.event.status, staff) ? { staff } : null
}
