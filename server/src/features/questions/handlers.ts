import type { QuestionStaffDto, SessionRole } from '@openday/protocol'
import { AnswerQuestion, ApproveQuestion, MarkAnswering, MergeQuestion, RejectQuestion, SubmitQuestion, UpvoteQuestion } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { type Actor, requireSessionRole } from '../auth/actor.ts'
import type { StoredEvent } from '../live/repository.ts'
import { rooms } from '../live/hub.ts'
import { toPublicDto } from './dto.ts'
import * as repo from './repository.ts'

function requireCitizen(socket: TypedSocket): string {
  const hash = socket.data.citizenTokenHash
  if (!hash) throw new AppError('UNAUTHENTICATED', 'a citizen device token is required (handshake auth.citizenToken)')
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
    await d.limits.questions.consume(tokenHash, socket.data.ipKey)
    const res = await d.questions.submit(input, tokenHash, socket.data.actor)
    if (socket.data.citizenId !== res.citizenId) {
      socket.data.citizenId = res.citizenId
      await socket.join(rooms.citizen(res.citizenId))
    }
    d.hub.publish(input.sessionId, res.events)
    return toPublicDto(res.question)
  })

  command(socket, d.log, 'question:upvote', UpvoteQuestion, async ({ questionId }) => {
    const tokenHash = requireCitizen(socket)
    await d.limits.votes.consume(tokenHash, socket.data.ipKey)
    const res = await d.questions.upvote(questionId, tokenHash, socket.data.actor)
    if (res.counted) d.hub.vote(res.sessionId, questionId, res.upvotes)
    return { questionId, upvotes: res.upvotes }
  })

  /** A staff step on one question: authorise by the question's session, run it, broadcast what it logged. */
  const staffStep = (roles: SessionRole[], run: (questionId: string, actor: Actor) => Promise<{ question: QuestionStaffDto; events: StoredEvent[] }>) =>
    async (questionId: string) => {
      const sessionId = await sessionOf(questionId)
      const actor = await requireSessionRole(d.db, socket.data.actor, sessionId, roles)
      const res = await run(questionId, actor)
      d.hub.publish(sessionId, res.events)
      return res.question
    }

  // Moderation: the session's moderators (and the admin).
  command(socket, d.log, 'question:approve', ApproveQuestion, ({ questionId, body }) =>
    staffStep(['moderator'], (id, actor) => d.questions.approve(id, actor, body))(questionId))
  command(socket, d.log, 'question:reject', RejectQuestion, ({ questionId, reason }) =>
    staffStep(['moderator'], (id, actor) => d.questions.reject(id, actor, reason))(questionId))
  command(socket, d.log, 'question:merge', MergeQuestion, ({ questionId, intoId }) =>
    staffStep(['moderator'], (id, actor) => d.questions.merge(id, intoId, actor))(questionId))

  // Answering: the host and the guests on stage (and the admin).
  command(socket, d.log, 'question:answering', MarkAnswering, ({ questionId }) =>
    staffStep(['host', 'guest'], (id, actor) => d.questions.markAnswering(id, actor))(questionId))
  command(socket, d.log, 'question:answer', AnswerQuestion, ({ questionId, answer }) =>
    staffStep(['host', 'guest'], (id, actor) => d.questions.answer(id, actor, answer))(questionId))
}
