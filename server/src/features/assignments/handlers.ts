import { rooms } from '../live/hub.ts'
import { loginRooms } from '../../socket/staff.ts'
import type { TypedServer, TypedSocket } from '../../socket/types.ts'
import type { AssignmentService } from './service.ts'

/** This process's sockets in a room (the adapter's own map: no copies, their data can be written). */
function localSocketsIn(io: TypedServer, room: string): TypedSocket[] {
  const ns = io.of('/')
  return [...(ns.adapter.rooms.get(room) ?? [])].flatMap((id) => ns.sockets.get(id) ?? [])
}

/**
 * An assignment takes effect on the person's open sockets at once, without a reload. Every staff
 * socket is in its user's room (socket/staff.ts), so:
 * - removed: all of them leave the session's staff room, on every server process (the adapter
 *   carries socketsLeave), so not one more staff frame reaches them; this process also drops the
 *   session from their `staffOf`. Another process cannot write its sockets' data from here, which
 *   is why the handlers also ask the room itself (sessions/handlers.ts).
 * - added, or the role changed: their pages are told (`staff:assignments`) and join the session
 *   again, which makes them staff with a fresh snapshot (the join decides, not this message).
 * Commands need no help: each is authorised from SessionStaff as it comes (auth/actor.ts).
 */
export function watchAssignments(io: TypedServer, assignments: AssignmentService): void {
  assignments.onChange(({ sessionId, userId, role, hidden }) => {
    const user = loginRooms.user(userId)
    if (role === null) {
      // A session of an unpublished event is not theirs to watch at all any more (sessions/visibility.ts).
      io.in(user).socketsLeave(hidden ? [rooms.staff(sessionId), rooms.session(sessionId)] : rooms.staff(sessionId))
      for (const s of localSocketsIn(io, user)) s.data.staffOf.delete(sessionId)
    }
    io.to(user).emit('staff:assignments', { sessionId, role })
  })
}
