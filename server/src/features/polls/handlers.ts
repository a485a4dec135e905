import { CreatePoll, type PollDto, PollCommand, publicResults, UpdatePoll, VotePoll, voterResults } from '@openday/protocol'
import { AppError } from '../../lib/errors.ts'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { requireSessionRole } from '../auth/actor.ts'
import type { StoredEvent } from '../live/repository.ts'
import { type PollAudience, rooms } from '../live/hub.ts'
import * as repo from './repository.ts'

/** Who runs polls: the session's host and moderators (requireSessionRole lets the admin too). */
const RUNNERS = ['host', 'moderator'] as const

/** Where a poll's running figures go while it is in this state. */
export function audienceOf(p: Pick<PollDto, 'visibility' | 'state'>, round: number): PollAudience {
  if (publicResults(p)) return { to: 'room' }
  if (voterResults(p)) return { to: 'voters', round }
  return { to: 'staff' }
}

export function registerPollHandlers(socket: TypedSocket, d: SocketDeps): void {
  const sessionOf = async (pollId: string) => {
    const p = await repo.find(d.db, pollId)
    if (!p) throw new AppError('NOT_FOUND', 'no such poll')
    return p.sessionId
  }
  const publish = (sessionId: string, res: { poll: PollDto; events: StoredEvent[] }) => {
    d.hub.publish(sessionId, res.events)
    return res.poll
  }

  command(socket, d.log, 'poll:create', CreatePoll, async (input) => {
    await requireSessionRole(d.db, socket.data.actor, input.sessionId, RUNNERS)
    return publish(input.sessionId, await d.polls.create(input, socket.data.actor!))
  })
  command(socket, d.log, 'poll:update', UpdatePoll, async (input) => {
    const sessionId = await sessionOf(input.pollId)
    await requireSessionRole(d.db, socket.data.actor, sessionId, RUNNERS)
    return publish(sessionId, await d.polls.update(input))
  })
  for (const [event, run] of [['poll:open', d.polls.open], ['poll:close', d.polls.close], ['poll:show', d.polls.show]] as const) {
    command(socket, d.log, event, PollCommand, async ({ pollId }) => {
      const sessionId = await sessionOf(pollId)
      await requireSessionRole(d.db, socket.data.actor, sessionId, RUNNERS)
      return publish(sessionId, await run(pollId))
    })
  }

  command(socket, d.log, 'poll:vote', VotePoll, async (input) => {
    const deviceHash = socket.data.citizenTokenHash
    if (!deviceHash) throw new AppError('UNAUTHENTICATED', 'a citizen device token is required (handshake auth.citizenToken)')
    await d.limits.votes.consume(deviceHash, socket.data.ipKey)
    // Only a viewer of the session votes: joining is where what one may see is decided (an event
    // not public yet, a cancelled one).
    if (!socket.rooms.has(rooms.session(await d.polls.sessionOf(input.pollId)))) throw new AppError('CONFLICT', 'join the session before voting in its polls')
    const stored = await d.polls.vote(input, deviceHash)
    // Votes are taken only while a round is open.
    const poll = { visibility: stored.visibility, state: 'open' as const }
    if (poll.visibility === 'voted') await socket.join(rooms.voters(stored.pollId, stored.round))
    const peek = () => d.polls.peek(stored.pollId, stored.round, stored.roundId)
    if (stored.fresh) d.hub.pollChanged(stored.sessionId, stored.pollId, peek, audienceOf(poll, stored.round))
    return { pollId: stored.pollId, round: stored.round, results: voterResults(poll) ? peek() : null }
  })
}
