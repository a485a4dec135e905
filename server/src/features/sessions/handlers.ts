import { JoinSession, LeaveSession, PageSession, SessionCommand } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { requireSessionRole } from '../auth/actor.ts'
import { rooms } from '../live/hub.ts'

/** Refused joins or pages a socket may collect before it is closed: no client of ours loops like that. */
const STRIKES = 100

async function leaveStaff(socket: TypedSocket, sessionId: string): Promise<void> {
  await socket.leave(rooms.staff(sessionId))
  socket.data.staffOf.delete(sessionId)
}

/**
 * Whether the socket is staff of the session now. The staff room is the truth: a removed
 * assignment takes sockets out of it on every process, while only this process can clear its
 * sockets' `staffOf`.
 */
function isStaffSocket(socket: TypedSocket, sessionId: string): boolean {
  if (socket.rooms.has(rooms.staff(sessionId))) return socket.data.staffOf.has(sessionId)
  socket.data.staffOf.delete(sessionId)
  return false
}

export function registerSessionHandlers(socket: TypedSocket, d: SocketDeps): void {
  let strikes = 0
  // Even a refusal costs an answer; a socket that keeps asking after being refused is closed.
  const allow = async (limiter: SocketDeps['limits']['joins']) => {
    try {
      await limiter.consume(socket.id, socket.data.ipKey)
    } catch (err) {
      if (err instanceof AppError && err.code === 'RATE_LIMITED' && ++strikes >= STRIKES) socket.disconnect(true)
      throw err
    }
  }

  /** Join (or re-join after a reconnect): the rooms first, then the state, so nothing falls between. */
  command(socket, d.log, 'session:join', JoinSession, async ({ sessionId, sinceSeq }) => {
    await allow(d.limits.joins)
    // Not found, exactly as a missing session, when the viewer may not see it (sessions/visibility.ts).
    let { staff } = await d.sessions.viewer(sessionId, socket.data.actor)
    const fresh = !socket.rooms.has(rooms.session(sessionId))
    await socket.join(rooms.session(sessionId))
    if (staff) {
      await socket.join(rooms.staff(sessionId))
      socket.data.staffOf.add(sessionId)
      // An assignment removed while this join was on its way took the user's sockets out of the
      // rooms before this one was in them (assignments/handlers.ts): ask again, now that it is.
      const still = await d.sessions.viewer(sessionId, socket.data.actor).catch(async (err: unknown) => {
        await socket.leave(rooms.session(sessionId))
        await leaveStaff(socket, sessionId)
        throw err
      })
      staff = still.staff
      if (!staff) await leaveStaff(socket, sessionId)
    }
    if (fresh) d.hub.viewersChanged(sessionId)
    // Once per device and session, and only on its first join from this socket (re-joins after a drop are not new).
    if (fresh && !staff && socket.data.citizenTokenHash) d.sessions.recordViewer(sessionId, socket.data.citizenTokenHash)
    const res = await d.sync.sync(sessionId, { staff, citizenId: socket.data.citizenId, deviceHash: socket.data.citizenTokenHash }, sinceSeq, d.hub.viewers(sessionId))
    // Back after a drop or a reload: a voter of a poll whose figures only voters see gets them again.
    for (const p of res.polls) if (p.voted && p.visibility === 'voted' && p.state === 'open') await socket.join(rooms.voters(p.id, p.round))
    return res
  })

  // Older questions or live-record entries, a page at a time, as this socket may see them.
  command(socket, d.log, 'session:page', PageSession, async (req) => {
    await allow(d.limits.pages)
    if (!socket.rooms.has(rooms.session(req.sessionId))) throw new AppError('CONFLICT', 'join the session first')
    return d.sync.page(req, { staff: isStaffSocket(socket, req.sessionId), citizenId: socket.data.citizenId })
  })

  command(socket, d.log, 'session:leave', LeaveSession, async ({ sessionId }) => {
    await socket.leave(rooms.session(sessionId))
    await leaveStaff(socket, sessionId)
    d.hub.viewersChanged(sessionId)
    return null
  })

  command(socket, d.log, 'session:start', SessionCommand, async ({ sessionId }) => {
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['host'])
    const res = await d.sessions.start(sessionId, actor)
    d.hub.publish(sessionId, res.events)
    d.lifecycle.started(sessionId)
    return res.session
  })

  command(socket, d.log, 'session:end', SessionCommand, async ({ sessionId }) => {
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['host'])
    const res = await d.sessions.end(sessionId, actor)
    d.hub.publish(sessionId, res.events)
    await d.lifecycle.ended(sessionId)
    return res.session
  })
}
