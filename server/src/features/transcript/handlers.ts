import { PostTranscript } from '@openday/protocol'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { requireSessionRole } from '../auth/actor.ts'

export function registerTranscriptHandlers(socket: TypedSocket, d: SocketDeps): void {
  command(socket, d.log, 'transcript:post', PostTranscript, async (input) => {
    const actor = await requireSessionRole(d.db, socket.data.actor, input.sessionId, ['host', 'guest'])
    const res = await d.transcript.post(input, actor)
    d.hub.publish(input.sessionId, res.events)
    return res.entry
  })
}
