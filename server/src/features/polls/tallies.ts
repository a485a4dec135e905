import type { AnswerValue, PollResultsDto, QuestionDef } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import type { SensitiveFilter } from '../../lib/sensitive.ts'
import { Tally } from '../surveys/tally.ts'
import * as repo from './repository.ts'

interface RoundTally { tally: Tally; counted: Set<string> }

/**
 * The running figures of open poll rounds, kept in memory and fed each vote as it commits, so a
 * burst of votes costs one addition each rather than a recount. A round this process has not seen
 * (after a restart) is read from the database once; vote ids counted are remembered, so a vote read
 * by that load and also reported by its commit is counted once. Closed rounds keep their figures in
 * the database (PollRound.results) and leave memory.
 */
export class PollTallies {
  private readonly rounds = new Map<string, RoundTally>()
  private readonly loading = new Map<string, Promise<RoundTally>>()

  constructor(private readonly db: Db, private readonly filter: () => SensitiveFilter) {}

  /** A new round starts with nothing. */
  start(roundId: string, question: QuestionDef): void {
    this.rounds.set(roundId, { tally: new Tally(question, this.filter()), counted: new Set() })
  }

  private async get(roundId: string, question: QuestionDef): Promise<RoundTally> {
    const have = this.rounds.get(roundId)
    if (have) return have
    let p = this.loading.get(roundId)
    if (!p) {
      p = (async () => {
        const t: RoundTally = { tally: new Tally(question, this.filter()), counted: new Set() }
        for (const v of await repo.allVotes(this.db, roundId)) {
          t.counted.add(v.id)
          t.tally.add(JSON.parse(v.answer) as AnswerValue)
        }
        // Votes that committed while the load ran are in it, or were reported to add() and are
        // counted when it retries below: ids decide, never the order of events.
        this.rounds.set(roundId, t)
        return t
      })()
      this.loading.set(roundId, p)
      void p.finally(() => this.loading.delete(roundId)).catch(() => undefined)
    }
    return p
  }

  /** A committed vote. Synchronous for a round in memory (the usual case); loads the round otherwise. */
  add(roundId: string, question: QuestionDef, voteId: string, answer: AnswerValue): void {
    const have = this.rounds.get(roundId)
    if (have) {
      if (!have.counted.has(voteId)) { have.counted.add(voteId); have.tally.add(answer) }
      return
    }
    // Not in memory: load it (the load may or may not have read this vote; counting by id settles it).
    void this.get(roundId, question).then((t) => {
      if (!t.counted.has(voteId)) { t.counted.add(voteId); t.tally.add(answer) }
    }, () => undefined)
  }

  async results(pollId: string, round: number, roundId: string, question: QuestionDef): Promise<PollResultsDto> {
    const t = await this.get(roundId, question)
    return { pollId, round, votes: t.tally.answered, result: t.tally.result() }
  }

  /** The running figures of a round in memory, without waiting (null when not loaded). */
  peek(pollId: string, round: number, roundId: string): PollResultsDto | null {
    const t = this.rounds.get(roundId)
    return t ? { pollId, round, votes: t.tally.answered, result: t.tally.result() } : null
  }

  drop(roundId: string): void {
    this.rounds.delete(roundId)
  }
}
