import { AnswerQuestion, ApproveQuestion, MarkAnswering, MergeQuestion, RejectQuestion, SubmitQuestion, UpvoteQuestion } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { requireSessionRole } from '../auth/actor.ts'
import { rooms } from '../live/hub.ts'
import { toPublicDto } from './dto.ts'
import * as repo from './repository.ts'

function requireCitizen(socket: TypedSocket): string {
  const hash = socket.data.citizenTokenHash
  if (!hash) throw new AppError('BAD_REQUEST', 'a citizen device token is required (handshake auth.citizenToken)')
  return hash
}

export function registerQuestionHandlers(socket: TypedSocket, d: SocketDeps): void {
  const sessionOf = async (questionId: string) => {
    const q = await repo.findById(d.db, questionId)
    if (!q) throw new AppError('NOT_FOUND', 'no such question')
    return q.sessionId
  }

  command(socket, d.log, 'question:submit', SubmitQuestion, async (input) => {
    const tokenHash = requireCitizen(socket)
    await d.limits.questions.consume(tokenHash, socket.data.ip)
    const res = await d.questions.submit(input, tokenHash)
    if (socket.data.citizenId !== res.citizenId) {
      socket.data.citizenId = res.citizenId
      await socket.join(rooms.citizen(res.citizenId))
    }
    d.hub.publish(input.sessionId, res.events)
    return toPublicDto(res.question)
  })

  command(socket, d.log, 'question:upvote', UpvoteQuestion, async ({ questionId }) => {
    const tokenHash = requireCitizen(socket)
    await d.limits.votes.consume(tokenHash, socket.data.ip)
    const res = await d.questions.upvote(questionId, tokenHash)
    if (res.counted) d.hub.vote(res.sessionId, questionId, res.upvotes)
    return { questionId, upvotes: res.upvotes }
  })

  // Moderation: the session's moderators (and the admin).
  command(socket, d.log, 'question:approve', ApproveQuestion, async ({ questionId, body }) => {
    const sessionId = await sessionOf(questionId)
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['moderator'])
    const res = await d.questions.approve(questionId, actor, body)
    d.hub.publish(sessionId, res.events)
    return res.question
  })

  command(socket, d.log, 'question:reject', RejectQuestion, async ({ questionId, reason }) => {
    const sessionId = await sessionOf(questionId)
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['moderator'])
    const res = await d.questions.reject(questionId, actor, reason)
    d.hub.publish(sessionId, res.events)
    return res.question
  })

  command(socket, d.log, 'question:merge', MergeQuestion, async ({ questionId, intoId }) => {
    const sessionId = await sessionOf(questionId)
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['moderator'])
    const res = await d.questions.merge(questionId, intoId, actor)
    d.hub.publish(sessionId, res.events)
    return res.question
  })

  // Answering: the host and the guests on stage (and the admin).
  command(socket, d.log, 'question:answering', MarkAnswering, async ({ questionId }) => {
    const sessionId = await sessionOf(questionId)
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['host', 'guest'])
    const res = await d.questions.markAnswering(questionId, actor)
    d.hub.publish(sessionId, res.events)
    return res.question
  })

  command(socket, d.log, 'question:answer', AnswerQuestion, async ({ questionId, answer }) => {
    const sessionId = await sessionOf(questionId)
    const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, ['host', 'guest'])
    const res = await d.questions.answer(questionId, actor, answer)
    d.hub.publish(sessionId, res.events)
    return res.question
  })
}
