import type { AnswerValue, CreatePoll, PollDto, PollResultsDto, PollState, PollVisibility, QuestionDef, UpdatePoll, VotePoll } from '@openday/protocol'
import { answerProblem, isEmpty, publicResults, voterResults } from '@openday/protocol'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { GroupCommit } from '../../lib/group-commit.ts'
import type { SensitiveFilter } from '../../lib/sensitive.ts'
import type { Actor } from '../auth/actor.ts'
import { insertEvents, type NewEvent, reserveSeq, type StoredEvent } from '../live/repository.ts'
import { Tally } from '../surveys/tally.ts'
import { assertWritable, WRITE_WINDOW } from '../sessions/state.ts'
import * as repo from './repository.ts'
import { PollTallies } from './tallies.ts'

type Vote = z.output<typeof VotePoll>
interface VoteItem { vote: Vote; deviceHash: string; question: QuestionDef; visibility: PollVisibility; answer: string }
interface Stored { pollId: string; sessionId: string; round: number; roundId: string; voteId: string; fresh: boolean; question: QuestionDef; visibility: PollVisibility; value: AnswerValue }

export interface PollDeps { db: Db; filter: () => SensitiveFilter; now?: () => Date }

const notFound = () => new AppError('NOT_FOUND', 'no such poll')

/** A poll row as its staff see it: every round's figures, the running ones included. */
export async function staffDto(p: repo.PollRow, tallies: PollTallies | null): Promise<PollDto> {
  const question = repo.questionOf(p)
  const rounds = p.rounds.map((r) => ({
    number: r.number, openedAt: r.openedAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null,
    results: r.results ? (JSON.parse(r.results) as PollResultsDto) : null,
  }))
  const cur = repo.currentRound(p)
  const results = !cur ? null : cur.results ? (JSON.parse(cur.results) as PollResultsDto) : tallies ? await tallies.results(p.id, cur.number, cur.id, question) : null
  return {
    id: p.id, sessionId: p.sessionId, question, visibility: p.visibility as PollVisibility, state: p.state as PollState,
    round: p.round, results, rounds, updatedAt: p.updatedAt.toISOString(),
  }
}

/** An archived session's polls that ran, each with every round's final figures as the public may see them. */
export async function archivedPolls(db: Db, sessionId: string): Promise<PollDto[]> {
  const rows = (await repo.listForSession(db, sessionId)).filter((p) => p.state !== 'draft')
  return Promise.all(rows.map(async (p) => viewerDto(await staffDto(p, null), undefined)))
}

/** The same poll as a viewer may see it: figures only as its visibility allows (protocol/polls.ts). */
export function viewerDto(p: PollDto, voted: boolean | undefined): PollDto {
  const visible = publicResults(p) || (voted === true && voterResults(p))
  // Earlier rounds are over: their figures are public once the current round's would be, or once shown.
  const rounds = p.rounds.map((r) => (r.number < p.round && p.visibility !== 'presenter') || visible ? r : { ...r, results: null })
  return { ...p, results: visible ? p.results : null, rounds, ...(voted !== undefined ? { voted } : {}) }
}

/**
 * Live polls: the session's host and moderators draft, open, close and show them (the handler
 * checks the role); viewers vote once per device and round. Votes are written in group commits
 * (a poll opening is a burst) and acked only once stored; the running figures follow the commits.
 */
export function createPollService({ db, filter, now = () => new Date() }: PollDeps) {
  const tallies = new PollTallies(db, filter)
  // What a vote needs before it is queued: the poll's question and visibility (fixed once it has run).
  const meta = new Map<string, { question: QuestionDef; visibility: PollVisibility; sessionId: string }>()
  const metaOf = (p: repo.PollRow) => ({ question: repo.questionOf(p), visibility: p.visibility as PollVisibility, sessionId: p.sessionId })
  async function metaFor(pollId: string) {
    let q = meta.get(pollId)
    if (!q) {
      const p = await repo.find(db, pollId)
      if (!p) throw notFound()
      // A draft may still change; it takes no votes anyway (the batch refuses it).
      q = metaOf(p)
      if (p.state !== 'draft') meta.set(p.id, q)
    }
    return q
  }

  // Thousands of viewers join within minutes and all get the same list: it is read once a second at
  // most (their figures then come with the frames). A join reads the session's sequence before its
  // polls, so the list must never be older than the sequence: a list read while a poll changes, or
  // before a change, is not kept (`generation` moves at a change's start and again at its end).
  type Listed = { dto: PollDto; roundId: string | null }[]
  const lists = new Map<string, { at: number; generation: number; value: Promise<Listed> }>()
  let generation = 0
  let changing = 0
  async function sessionPolls(sessionId: string): Promise<Listed> {
    const rows = await repo.listForSession(db, sessionId)
    return Promise.all(rows.map(async (p) => ({ dto: await staffDto(p, tallies), roundId: repo.currentRound(p)?.id ?? null })))
  }
  function listFor(sessionId: string): Promise<Listed> {
    const hit = lists.get(sessionId)
    if (hit && hit.generation === generation && Date.now() - hit.at < 1000) return hit.value
    const value = sessionPolls(sessionId)
    if (changing === 0) {
      if (lists.size > 1000) lists.clear()
      lists.set(sessionId, { at: Date.now(), generation, value })
      value.catch(() => lists.delete(sessionId))
    }
    return value
  }
  async function changes<T>(run: () => Promise<T>): Promise<T> {
    changing++
    generation++
    try {
      return await run()
    } finally {
      generation++
      changing--
    }
  }

  const votes = new GroupCommit<VoteItem, Stored>(db, writeVotes, {
    lingerMs: 10,
    afterCommit: (s) => { if (s.fresh) tallies.add(s.roundId, s.question, s.voteId, s.value) },
  })

  async function writeVotes(tx: Tx, batch: VoteItem[]): Promise<(Stored | Error)[]> {
    const ids = [...new Set(batch.map((b) => b.vote.pollId))].sort()
    await repo.lock(tx, ids)
    const polls = new Map((await repo.votingState(tx, ids)).map((p) => [p.id, p]))
    const at = now()
    const planned: { item: VoteItem; roundId: string; sessionId: string; id: string }[] = []
    const out: (Stored | Error | null)[] = batch.map((b) => {
      const p = polls.get(b.vote.pollId)
      if (!p) return notFound()
      if (p.state !== 'open' || p.round !== b.vote.round) return new AppError('NOT_OPEN', p.round !== b.vote.round ? 'round: the poll has moved on to another round' : 'the poll is not open for votes')
      const roundId = p.rounds.find((r) => r.number === p.round)!.id
      planned.push({ item: b, roundId, sessionId: p.sessionId, id: randomUUID() })
      return null
    })
    // Two votes of one device in one batch: the first is the one inserted, the second finds it.
    const firstOf = new Map<string, (typeof planned)[number]>()
    for (const p of planned) if (!firstOf.has(`${p.roundId}|${p.item.deviceHash}`)) firstOf.set(`${p.roundId}|${p.item.deviceHash}`, p)
    await repo.insertVotes(tx, [...firstOf.values()].map((p) => ({ id: p.id, roundId: p.roundId, deviceHash: p.item.deviceHash, answer: p.item.answer, createdAt: at })))
    const stored = new Map((await repo.votesOf(tx, [...firstOf.values()].map((p) => ({ roundId: p.roundId, deviceHash: p.item.deviceHash })))).map((v) => [`${v.roundId}|${v.deviceHash}`, v]))
    let next = 0
    return out.map((o, i) => {
      if (o) return o
      const p = planned[next++]!
      const v = stored.get(`${p.roundId}|${p.item.deviceHash}`)
      if (!v) return new AppError('INTERNAL', 'vote not stored')
      // The same vote again (a retry after a lost ack) is answered as stored; another one is refused.
      if (v.answer !== batch[i]!.answer) return new AppError('ALREADY_ANSWERED', 'this device has already voted in this round')
      return { pollId: p.item.vote.pollId, sessionId: p.sessionId, round: p.item.vote.round, roundId: p.roundId, voteId: v.id, fresh: v.id === p.id, question: p.item.question, visibility: p.item.visibility, value: JSON.parse(v.answer) as AnswerValue }
    })
  }

  /** One staff step: the poll's row locked through the session's sequence, one event logged. */
  async function step(pollId: string, type: string, audience: 'public' | 'staff', window: readonly ('scheduled' | 'live')[], change: (tx: Tx, p: repo.PollRow) => Promise<void>): Promise<{ poll: PollDto; events: StoredEvent[] }> {
    return changes(() => inTransaction(db, async (tx) => {
      const before = await repo.find(tx, pollId)
      if (!before) throw notFound()
      const { status, firstSeq } = await reserveSeq(tx, before.sessionId, 1)
      assertWritable(status, window)
      await repo.lock(tx, [pollId])
      const p = (await repo.find(tx, pollId))!
      await change(tx, p)
      const poll = await staffDto((await repo.find(tx, pollId))!, tallies)
      const events = await insertEvents(tx, p.sessionId, firstSeq, [{ type, audience, payload: poll }])
      return { poll, events }
    }))
  }

  return {
    tallies,

    async create(input: z.output<typeof CreatePoll>, actor: Actor): Promise<{ poll: PollDto; events: StoredEvent[] }> {
      return changes(() => inTransaction(db, async (tx) => {
        const prior = await repo.findByClientId(tx, input.sessionId, input.clientId)
        if (prior) return { poll: await staffDto(prior, tallies), events: [] }
        const { status, firstSeq } = await reserveSeq(tx, input.sessionId, 1)
        assertWritable(status, WRITE_WINDOW.moderate)
        const row = await repo.create(tx, { sessionId: input.sessionId, clientId: input.clientId, question: input.question, visibility: input.visibility, createdById: actor.id })
        const poll = await staffDto((await repo.find(tx, row.id))!, tallies)
        return { poll, events: await insertEvents(tx, input.sessionId, firstSeq, [{ type: 'poll:drafted', audience: 'staff', payload: poll }]) }
      }))
    },

    update: (input: z.output<typeof UpdatePoll>) => step(input.pollId, 'poll:drafted', 'staff', WRITE_WINDOW.moderate, async (tx, p) => {
      if (p.state !== 'draft') throw new AppError('CONFLICT', 'state: a poll that has run is not edited (its rounds would change meaning); make a new one')
      await repo.update(tx, p.id, { question: input.question, visibility: input.visibility })
    }),

    /** Opens the next round: the first from a draft, another after closing ("run it again"); earlier rounds keep their figures. */
    open: (pollId: string) => step(pollId, 'poll:opened', 'public', WRITE_WINDOW.live, async (tx, p) => {
      if (p.state === 'open') throw new AppError('CONFLICT', 'state: the poll is already open')
      const round = await repo.openRound(tx, p.id, p.round + 1, now())
      await repo.update(tx, p.id, { state: 'open', round: p.round + 1 })
      tallies.start(round.id, repo.questionOf(p))
      meta.set(p.id, metaOf(p))
    }),

    close: (pollId: string) => step(pollId, 'poll:closed', 'public', WRITE_WINDOW.live, async (tx, p) => {
      if (p.state !== 'open') throw new AppError('CONFLICT', 'state: only an open poll is closed')
      const cur = repo.currentRound(p)!
      // Votes still queued are refused once this commits (the round is no longer open); the figures frozen are those stored.
      const final = await tallies.results(p.id, cur.number, cur.id, repo.questionOf(p))
      const exact = { ...final, votes: (await repo.allVotes(tx, cur.id)).length }
      await repo.closeRound(tx, cur.id, now(), JSON.stringify(exact.votes === final.votes ? final : await recount(tx, p, cur)))
      await repo.update(tx, p.id, { state: 'closed' })
    }),

    show: (pollId: string) => step(pollId, 'poll:shown', 'public', WRITE_WINDOW.live, async (tx, p) => {
      if (p.state !== 'closed') throw new AppError('CONFLICT', 'state: close the poll before showing its results')
      await repo.update(tx, p.id, { state: 'shown' })
    }),

    /** A viewer's vote, acked once stored; the same vote again is answered as stored. */
    async vote(input: Vote, deviceHash: string): Promise<Stored> {
      const q = await metaFor(input.pollId)
      if (isEmpty(input.answer)) throw new AppError('ANSWER_INVALID', 'answer: empty')
      const problem = answerProblem(q.question, input.answer)
      if (problem) throw new AppError('ANSWER_INVALID', `answer: ${problem}`)
      return votes.submit({ vote: input, deviceHash, question: q.question, visibility: q.visibility, answer: JSON.stringify(input.answer) })
    },

    /** The session's polls as this viewer may see them: staff everything, others no drafts and figures by visibility. */
    async forViewer(sessionId: string, viewer: { staff: boolean; deviceHash: string | null }): Promise<PollDto[]> {
      const all = await listFor(sessionId)
      const dtos = all.filter((x) => viewer.staff || x.dto.state !== 'draft').map((x) => x.dto)
      if (viewer.staff) return dtos
      const current = all.flatMap((x) => (x.roundId ? [x.roundId] : []))
      const voted = viewer.deviceHash && current.length ? await repo.votedRounds(db, current, viewer.deviceHash) : new Set<string>()
      return all.filter((x) => x.dto.state !== 'draft').map((x) => viewerDto(x.dto, viewer.deviceHash ? (x.roundId ? voted.has(x.roundId) : false) : undefined))
    },

    /**
     * The session is ending: its open polls close, in the end's transaction, with figures counted
     * from the stored votes (only the transaction's own queries: SQLite has one connection).
     */
    async closeAllIn(tx: Tx, sessionId: string, at: Date): Promise<NewEvent[]> {
      const events: NewEvent[] = []
      for (const p of await repo.listForSession(tx, sessionId)) {
        const cur = repo.currentRound(p)
        if (p.state !== 'open' || !cur) continue
        await repo.lock(tx, [p.id])
        await repo.closeRound(tx, cur.id, at, JSON.stringify(await count(tx, p, cur)))
        await repo.update(tx, p.id, { state: 'closed' })
        tallies.drop(cur.id)
        events.push({ type: 'poll:closed', audience: 'public', payload: await staffDto((await repo.find(tx, p.id))!, tallies) })
      }
      // Inside the session end's transaction: lists read until it commits are of a session that is
      // ending; its viewers get session:archived and the archive reads the database.
      generation++
      return events
    },

    /** The session a poll belongs to (cached: it never changes). */
    sessionOf: async (pollId: string) => (await metaFor(pollId)).sessionId,

    /** The running figures of a round, as the live frames carry them (null when not in memory yet). */
    peek: (pollId: string, round: number, roundId: string) => tallies.peek(pollId, round, roundId),
  }

  /** A round's figures counted from its stored votes. */
  async function count(tx: Tx, p: repo.PollRow, cur: { id: string; number: number }): Promise<PollResultsDto> {
    const t = new Tally(repo.questionOf(p), filter())
    for (const v of await repo.allVotes(tx, cur.id)) t.add(JSON.parse(v.answer) as AnswerValue)
    return { pollId: p.id, round: cur.number, votes: t.answered, result: t.result() }
  }

  /** Counted afresh when memory and the database disagree on the number of votes (it should never happen; cheap to be sure). */
  async function recount(tx: Tx, p: repo.PollRow, cur: { id: string; number: number }): Promise<PollResultsDto> {
    tallies.drop(cur.id)
    return count(tx, p, cur)
  }
}
export type PollService = ReturnType<typeof createPollService>
export type { Stored as StoredVote }
