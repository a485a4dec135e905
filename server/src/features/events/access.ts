import type { Db } from '../../db/client.ts'
import { type Actor, staffActor } from '../auth/actor.ts'
import { type EventVisibility, isPublicEvent } from '../sessions/visibility.ts'
import * as repo from './repository.ts'

/**
 * Who sees an event before its preview opens: the admin, the editors of its host units (they
 * prepare it) and anyone working one of its sessions. Everyone else meets it only once public
 * (sessions/visibility.ts), and until then it answers like an event that does not exist.
 */
export async function isEventInsider(db: Db, actor: Actor | null | undefined, eventId: string): Promise<boolean> {
  const a = staffActor(actor)
  if (!a) return false
  if (a.role === 'admin') return true
  if (a.role === 'unit_editor' && a.unitId && (await repo.hostRole(db, eventId, a.unitId)) !== null) return true
  return repo.isEventStaff(db, a.id, eventId)
}

export async function eventVisibleTo(db: Db, event: EventVisibility & { id: string }, actor: Actor | null | undefined, now = new Date()): Promise<boolean> {
  return isPublicEvent(event, now) || isEventInsider(db, actor, event.id)
}
