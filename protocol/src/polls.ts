import { z } from 'zod'
import { type Cmd, ClientId, Id } from './common.ts'
import type { IsoDate } from './dto.ts'
import { AnswerValue } from './survey-answers.ts'
import { PollQuestion, type QuestionDef } from './survey-def.ts'
import type { QuestionResultDto } from './surveys.ts'

// Live polls in a session (issue 13), on the survey engine: a poll is one question.
// The session's host and moderators (and the admin) make and run them; viewers vote once per
// device and round. State changes are session events (poll:opened, ...), persisted and sequenced
// like questions; the running figures are state, sent in the live frames at most once per tally
// interval (LiveFrame.polls), never once per vote.

export const POLL_VISIBILITY = ['always', 'voted', 'closed', 'presenter'] as const
export type PollVisibility = (typeof POLL_VISIBILITY)[number]
export const POLL_STATES = ['draft', 'open', 'closed', 'shown'] as const
export type PollState = (typeof POLL_STATES)[number]

export const CreatePoll = z.strictObject({
  sessionId: Id,
  clientId: ClientId,
  question: PollQuestion,
  visibility: z.enum(POLL_VISIBILITY).default('always'),
})
export type CreatePoll = z.input<typeof CreatePoll>
export const UpdatePoll = z.strictObject({ pollId: Id, question: PollQuestion, visibility: z.enum(POLL_VISIBILITY) })
export type UpdatePoll = z.input<typeof UpdatePoll>
export const PollCommand = z.strictObject({ pollId: Id })
export const VotePoll = z.strictObject({ pollId: Id, round: z.number().int().min(1), answer: AnswerValue })
export type VotePoll = z.input<typeof VotePoll>

/** One round's running or final figures. */
export interface PollResultsDto {
  pollId: string
  round: number
  votes: number
  result: QuestionResultDto
}

export interface PollRoundDto {
  number: number
  openedAt: IsoDate
  closedAt: IsoDate | null
  /** Final figures of a closed round (earlier rounds are kept when a poll runs again). */
  results: PollResultsDto | null
}

export interface PollDto {
  id: string
  sessionId: string
  question: QuestionDef
  visibility: PollVisibility
  state: PollState
  round: number
  /** The current round's figures, when this viewer may see them; null otherwise. */
  results: PollResultsDto | null
  /** Earlier rounds (and the current one once closed), oldest first. */
  rounds: PollRoundDto[]
  /** For a citizen: whether this device has voted in the current round. */
  voted?: boolean
  updatedAt: IsoDate
}

export interface PollVoteResult { pollId: string; round: number; results: PollResultsDto | null }

export interface PollClientToServerEvents {
  'poll:create': Cmd<typeof CreatePoll, PollDto>
  'poll:update': Cmd<typeof UpdatePoll, PollDto>
  'poll:open': Cmd<typeof PollCommand, PollDto>
  'poll:close': Cmd<typeof PollCommand, PollDto>
  'poll:show': Cmd<typeof PollCommand, PollDto>
  'poll:vote': Cmd<typeof VotePoll, PollVoteResult>
}

/**
 * Whether the public sees a poll's figures now: `always` at once; `voted` and `closed` once the
 * round is closed (a `voted` viewer sees them earlier, after voting); `presenter` only once the
 * host shows them. Showing them always reveals them to everyone. The server sends figures by this
 * rule, and the venue screen (staff) uses it too, so the screen never shows what the room may not see.
 */
export function publicResults(p: { visibility: PollVisibility; state: PollState }): boolean {
  if (p.state === 'shown' || p.visibility === 'always') return true
  if (p.visibility === 'presenter' || p.state === 'draft') return false
  return p.state === 'closed'
}

/** Whether a viewer who voted in the current round sees its figures. */
export const voterResults = (p: { visibility: PollVisibility; state: PollState }): boolean =>
  publicResults(p) || (p.visibility === 'voted' && p.state === 'open')
