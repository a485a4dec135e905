import { StageCancel, StageDecide, StageRequest } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { requireSessionRole } from '../auth/actor.ts'
import { rooms } from '../live/hub.ts'
import { toStageRequestDto } from './service.ts'

export function registerStageHandlers(socket: TypedSocket, d: SocketDeps): void {
  command(socket, d.log, 'stage:request', StageRequest, async ({ sessionId, nickname }) => {
    const tokenHash = socket.data.citizenTokenHash
    if (!tokenHash) throw new AppError('UNAUTHENTICATED', 'a citizen device token is required (handshake auth.citizenToken)')
    // The same budget as questions: asking to speak is as cheap to spam as asking a question.
    await d.limits.questions.consume(tokenHash, socket.data.ipKey)
    const r = await d.stage.request(sessionId, tokenHash, nickname, socket.data.actor)
    if (socket.data.citizenId !== r.citizenId) {
      socket.data.citizenId = r.citizenId
      await socket.join(rooms.citizen(r.citizenId))
    }
    d.board.changed(sessionId)
    return toStageRequestDto(r)
  })

  command(socket, d.log, 'stage:cancel', StageCancel, async ({ sessionId }) => {
    const r = await d.stage.cancel(sessionId, socket.data.citizenId)
    d.media.revoke(sessionId, `c:${r.id}`)
    d.board.changed(sessionId)
    return toStageRequestDto(r)
  })

  command(socket, d.log, 'stage:decide', StageDecide, async ({ requestId, decision }) => {
    const found = await d.stage.find(requestId)
    if (!found) throw new AppError('NOT_FOUND', 'no such request')
    const actor = await requireSessionRole(d.db, socket.data.actor, found.sessionId, ['host'])
    const r = await d.stage.decide(requestId, decision, actor, socket.data.ip)
    if (r.status === 'removed') d.media.revoke(r.sessionId, `c:${r.id}`)
    const dto = toStageRequestDto(r)
    d.io.to(rooms.citizen(r.citizenId)).emit('media:request', dto)
    d.board.changed(r.sessionId)
    return dto
  })
}
