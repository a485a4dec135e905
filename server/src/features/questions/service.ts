import type { QuestionStaffDto, SessionStatus, SubmitQuestion } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPersonalData } from '../../lib/mask.ts'
import { type Actor, isSessionStaff } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { type NewEvent, type StoredEvent, insertEvents, reserveSeq } from '../live/repository.ts'
import { assertWritable, WRITE_WINDOW } from '../sessions/state.ts'
import type { WordsService } from '../words/service.ts'
import { isPublic, toStaffDto } from './dto.ts'
import * as repo from './repository.ts'
import { type Submitted, type VoteResult, writeQuestions, writeVotes } from './ingest.ts'
import { GroupCommit } from '../../lib/group-commit.ts'
import type { Question } from '../../generated/sqlite/client.ts'

export interface Changed { question: QuestionStaffDto; events: StoredEvent[] }

type Status = Question['status']

/** Writes the session's event rows for changed questions, in the transaction that changed them. */
async function logChanges(tx: Tx, sessionId: string, firstSeq: number, changes: { q: Question; type: string; wasPublic: boolean }[]) {
  const events: NewEvent[] = changes.map(({ q, type, wasPublic }) => ({
    type,
    // A question the public has seen stays public when it changes (so every screen drops a
    // withdrawn one); one it never saw is shown to staff and its author only.
    audience: isPublic(q.status) || wasPublic ? 'public' : 'citizen',
    citizenId: q.citizenId,
    payload: toStaffDto(q),
  }))
  return insertEvents(tx, sessionId, firstSeq, events)
}

/**
 * Upvotes wait this long to be written together: a count is shown at most once per tally interval,
 * so 50 ms is invisible, and a batch of 15 votes costs about what one vote did.
 */
const VOTE_LINGER_MS = 50

export function createQuestionService(db: Db, words: WordsService) {
  const submissions = new GroupCommit(db, writeQuestions)
  const votes = new GroupCommit(db, writeVotes, { lingerMs: VOTE_LINGER_MS })
  /** One moderation/answer step: load, check state, change, log, audit, all in one transaction. */
  async function transition(
    questionId: string,
    actor: Actor,
    window: readonly SessionStatus[],
    change: (q: Question, tx: Tx) => Promise<{ q: Question; type: string; extra?: { q: Question; type: string; wasPublic: boolean }[] }>,
    action: string,
  ): Promise<Changed & { extra: QuestionStaffDto[] }> {
    return inTransaction(db, async (tx) => {
      const found = await repo.findById(tx, questionId)
      if (!found) throw new AppError('NOT_FOUND', 'no such question')
      // Lock the session first (serialises its writers), then re-read: two moderators acting on
      // one question at once must not both succeed from the same stale state.
      const { status } = await reserveSeq(tx, found.sessionId, 0)
      assertWritable(status, window)
      const before = (await repo.findById(tx, questionId))!
      const result = await change(before, tx)
      const all = [{ q: result.q, type: result.type, wasPublic: isPublic(before.status) }, ...(result.extra ?? [])]
      const { firstSeq } = await reserveSeq(tx, before.sessionId, all.length)
      const events = await logChanges(tx, before.sessionId, firstSeq, all)
      await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'question', targetId: questionId, detail: { from: before.status, to: result.q.status } })
      return { question: toStaffDto(result.q), events, extra: (result.extra ?? []).map((e) => toStaffDto(e.q)) }
    })
  }

  function expect(q: Question, allowed: Status[]) {
    if (!allowed.includes(q.status)) throw new AppError('CONFLICT', `question is ${q.status}`)
  }

  return {
    /**
     * A citizen's question, masked and filtered here, stored by the group-commit batcher; a retry
     * with the same clientId returns the stored question unchanged.
     */
    async submit(input: SubmitQuestion, citizenTokenHash: string, actor: Actor | null = null): Promise<Submitted> {
      return submissions.submit({
        input,
        tokenHash: citizenTokenHash,
        body: maskPersonalData(input.body),
        nickname: maskPersonalData(input.nickname),
        hits: words.filter().hits(`${input.nickname} ${input.body}`),
        // Only a staff login can see a session of an unpublished event (sessions/visibility.ts).
        staff: await isSessionStaff(db, actor, input.sessionId),
      })
    },

    /** One vote per citizen device; voting twice is harmless and returns the current count. */
    async upvote(questionId: string, citizenTokenHash: string, actor: Actor | null = null): Promise<VoteResult> {
      const sessionId = actor ? (await repo.findById(db, questionId))?.sessionId : undefined
      return votes.submit({ questionId, tokenHash: citizenTokenHash, staff: sessionId !== undefined && await isSessionStaff(db, actor, sessionId) })
    },

    approve(questionId: string, actor: Actor, editedBody?: string) {
      return transition(questionId, actor, WRITE_WINDOW.moderate, async (q, tx) => {
        expect(q, ['pending', 'rejected'])
        const body = editedBody === undefined ? q.body : maskPersonalData(editedBody)
        return { q: await repo.update(tx, q.id, { status: 'approved', body, approvedAt: new Date(), rejectReason: null, moderatedById: actor.id }), type: 'question:approved' }
      }, editedBody === undefined ? 'question.approve' : 'question.edit_approve')
    },

    reject(questionId: string, actor: Actor, reason: string) {
      return transition(questionId, actor, WRITE_WINDOW.moderate, async (q, tx) => {
        expect(q, ['pending', 'approved'])
        return { q: await repo.update(tx, q.id, { status: 'rejected', rejectReason: reason, moderatedById: actor.id }), type: 'question:rejected' }
      }, 'question.reject')
    },

    /** Folds a duplicate into another question of the same session; the duplicate's author is told where. */
    merge(questionId: string, intoId: string, actor: Actor) {
      return transition(questionId, actor, WRITE_WINDOW.moderate, async (q, tx) => {
        expect(q, ['pending', 'approved'])
        const into = await repo.findById(tx, intoId)
        if (!into || into.sessionId !== q.sessionId || into.id === q.id) throw new AppError('BAD_REQUEST', 'merge target must be another question of this session')
        if (into.status === 'merged' || into.status === 'rejected') throw new AppError('CONFLICT', `merge target is ${into.status}`)
        return { q: await repo.update(tx, q.id, { status: 'merged', mergedIntoId: into.id, moderatedById: actor.id }), type: 'question:merged' }
      }, 'question.merge')
    },

    /** Highlights the question being answered now; the previous one (if unanswered) goes back to the queue. */
    markAnswering(questionId: string, actor: Actor) {
      return transition(questionId, actor, WRITE_WINDOW.live, async (q, tx) => {
        expect(q, ['approved'])
        const previous = (await repo.listByStatus(tx, q.sessionId, ['answering'])).filter((p) => p.id !== q.id)
        const extra = []
        for (const p of previous) extra.push({ q: await repo.update(tx, p.id, { status: 'approved' }), type: 'question:approved', wasPublic: true })
        return { q: await repo.update(tx, q.id, { status: 'answering' }), type: 'question:answering', extra }
      }, 'question.answering')
    },

    answer(questionId: string, actor: Actor, answer: string) {
      return transition(questionId, actor, WRITE_WINDOW.live, async (q, tx) => {
        expect(q, ['approved', 'answering', 'answered'])
        return { q: await repo.update(tx, q.id, { status: 'answered', answer, answeredBy: actor.displayName, answeredAt: new Date(), replyDueAt: null }), type: 'question:answered' }
      }, 'question.answer')
    },
  }
}
export type QuestionService = ReturnType<typeof createQuestionService>
