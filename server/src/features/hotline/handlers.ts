import { LogCall } from '@openday/protocol'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { requireSessionRole } from '../auth/actor.ts'

export function registerHotlineHandlers(socket: TypedSocket, d: SocketDeps): void {
  // The session's operators (and the admin) log calls; every viewer of the session sees it live,
  // staff as the (masked) call, everyone else as anonymous figures.
  command(socket, d.log, 'call:log', LogCall, async (input) => {
    const actor = await requireSessionRole(d.db, socket.data.actor, input.sessionId, ['operator'])
    await d.limits.calls.consume(actor.id)
    const res = await d.hotline.log(input, actor)
    d.hub.publish(input.sessionId, res.events)
    return res.call
  })
}
