import type { LiveEvent, PollDto, PollResultsDto } from '@openday/protocol'
import type { LiveAction } from '../live/store.ts'

// A session's polls on the client, fed by the same stream as the Q&A store (useLiveSession's
// observer): poll events carry the poll's state (sequenced), frames carry running figures (state,
// the newest wins), acks of our own commands and votes carry what the server stored.

export interface PollsState {
  sessionId: string
  polls: Record<string, PollDto>
  /** pollId -> seq of the event that last set it (absent: known from a join or an ack only). */
  seq: Record<string, number>
  /** pollId -> running figures from frames or our vote's ack, newer than the poll's own when set. */
  live: Record<string, PollResultsDto>
  /** pollId -> the round this device voted in. */
  voted: Record<string, number>
}

export type PollsAction =
  | LiveAction
  | { type: 'pollAck'; poll: PollDto }
  | { type: 'pollVoted'; pollId: string; round: number; results: PollResultsDto | null }

export const initialPolls = (sessionId: string): PollsState => ({ sessionId, polls: {}, seq: {}, live: {}, voted: {} })

/** Figures only move forward: a later round, or more votes in the same one. */
function newer(a: PollResultsDto | null | undefined, b: PollResultsDto | null | undefined): boolean {
  if (!a) return false
  if (!b) return true
  return a.round > b.round || (a.round === b.round && a.votes >= b.votes)
}

function putLive(live: Record<string, PollResultsDto>, r: PollResultsDto | null | undefined): Record<string, PollResultsDto> {
  if (!r || !newer(r, live[r.pollId])) return live
  return { ...live, [r.pollId]: r }
}

function applyPollEvent(s: PollsState, e: LiveEvent): PollsState {
  if (!('poll' in e)) return s
  const p = e.poll
  const known = s.seq[p.id]
  if (known !== undefined && known > e.seq) return s
  // Staff get each public event twice (the room's copy, then theirs with figures): keep theirs.
  const old = s.polls[p.id]
  if (known === e.seq && old?.results && !p.results) return s
  return { ...s, polls: { ...s.polls, [p.id]: p }, seq: { ...s.seq, [p.id]: e.seq } }
}

export function pollsReducer(s: PollsState, a: PollsAction): PollsState {
  switch (a.type) {
    case 'reset':
      return initialPolls(a.sessionId)
    case 'sync': {
      // The join's list is every poll as of its lastSeq (snapshot and delta alike); only what a
      // frame told us after that seq is newer and stays.
      const r = a.result
      if (r.session.id !== s.sessionId) return s
      const polls: Record<string, PollDto> = {}
      const seq: Record<string, number> = {}
      for (const p of r.polls) { polls[p.id] = p; seq[p.id] = r.lastSeq }
      for (const [id, n] of Object.entries(s.seq)) {
        if (n > r.lastSeq && s.polls[id]) { polls[id] = s.polls[id]; seq[id] = n }
      }
      const voted = { ...s.voted }
      for (const p of r.polls) if (p.voted) voted[p.id] = p.round
      let live = s.live
      for (const p of r.polls) live = putLive(live, p.results)
      return { ...s, polls, seq, voted, live }
    }
    case 'frame': {
      if (a.frame.sessionId !== s.sessionId) return s
      let next = (a.frame.events ?? []).reduce(applyPollEvent, s)
      for (const r of Object.values(a.frame.polls ?? {})) next = { ...next, live: putLive(next.live, r) }
      return next
    }
    case 'pollAck': {
      if (a.poll.sessionId !== s.sessionId) return s
      const old = s.polls[a.poll.id]
      // An ack has no seq: it may only add a poll we do not know yet or move its round/state forward.
      if (old && (a.poll.round < old.round || (a.poll.round === old.round && STATE_RANK[a.poll.state] < STATE_RANK[old.state]))) return s
      return { ...s, polls: { ...s.polls, [a.poll.id]: a.poll }, live: putLive(s.live, a.poll.results) }
    }
    case 'pollVoted':
      return { ...s, voted: { ...s.voted, [a.pollId]: a.round }, live: putLive(s.live, a.results) }
    default:
      return s
  }
}

const STATE_RANK: Record<PollDto['state'], number> = { draft: 0, open: 1, closed: 2, shown: 3 }

/** The figures to show for a poll now: the running ones of its current round, or its own. */
export function figuresOf(s: PollsState, p: PollDto): PollResultsDto | null {
  const live = s.live[p.id]
  // Running figures reach only those who may see them (the server decides by the poll's visibility).
  return live && live.round === p.round && newer(live, p.results) ? live : p.results
}

export const hasVoted = (s: PollsState, p: PollDto): boolean => s.voted[p.id] === p.round

/** Polls a viewer sees, newest activity first: open ones on top. */
export function visiblePolls(s: PollsState): PollDto[] {
  return Object.values(s.polls)
    .filter((p) => p.state !== 'draft')
    .sort((a, b) => (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1) || b.updatedAt.localeCompare(a.updatedAt))
}
