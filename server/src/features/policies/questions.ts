import type { PolicyAskBody, PolicyAskedDto, PolicyQuestionStaffDto, ReplySettingsDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPersonalData } from '../../lib/mask.ts'
import type { SensitiveFilter } from '../../lib/sensitive.ts'
import { addWorkingDays, workCalendar } from '../../lib/workdays.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { AttendanceService } from '../attendance/service.ts'
import * as citizens from '../citizens/repository.ts'
import { insertEvents, reserveSeq } from '../live/repository.ts'
import { toStaffDto as toLiveDto } from '../questions/dto.ts'
import * as questions from '../questions/repository.ts'
import * as replies from '../replies/repository.ts'
import { findEventVisibility } from '../sessions/repository.ts'
import { isPublicEvent } from '../sessions/visibility.ts'
import { listCalendar } from '../taxonomy/repository.ts'
import { issuedDay } from './due.ts'
import { toQuestionStaffDto } from './dto.ts'
import * as repo from './repository.ts'

export interface PolicyQuestionDeps {
  db: Db; attendance: AttendanceService; filter: () => SensitiveFilter; timeZone: string; replyDefaults: ReplySettingsDto
  /** A question became public or changed: the archive's cached list figures are stale. */
  onChanged?: () => void
  now?: () => Date
}

const notFound = () => new AppError('NOT_FOUND', 'no such question about this policy')

/**
 * Citizens' questions on a policy's page once its briefing has ended. Each is a Question of the
 * briefing session, so the unit's approval turns it into a written-reply task like those the
 * session's end makes (replies/), and the archive shows it with its reply. The session is closed to
 * the live core's writes; these come only through here, each logged in the session's event log
 * under its lock, so a viewer re-syncing the archived session gets the same state as a snapshot.
 * Nothing is broadcast: nobody is in a live room of an ended session, and a re-join reads the log.
 */
export function createPolicyQuestionService({ db, attendance, filter, timeZone, replyDefaults, onChanged = () => undefined, now = () => new Date() }: PolicyQuestionDeps) {
  async function managed(eventId: string, actor: Actor) {
    const a = await attendance.access(eventId, actor)
    if (a.e.form !== 'press_release') throw new AppError('NOT_FOUND', 'only a press release has policy documents')
    if (a.access !== 'lead' && a.access !== 'admin') throw new AppError('FORBIDDEN', 'only the lead unit and the admin moderate the questions on a policy')
    return a
  }
  async function documentOf(eventId: string, documentId: string) {
    const d = await repo.findDocument(db, documentId)
    if (!d || d.eventId !== eventId) throw new AppError('NOT_FOUND', 'no such policy document')
    return d
  }
  /** Loads the asked question under its session's lock; `pending` only (a decision is made once). */
  async function lockedPending(tx: Tx, documentId: string, questionId: string) {
    const found = await repo.findAsked(tx, questionId)
    if (!found || found.documentId !== documentId) throw notFound()
    await reserveSeq(tx, found.question.sessionId, 0)
    const q = (await questions.findById(tx, questionId))!
    if (q.status !== 'pending') throw new AppError('CONFLICT', `question is ${q.status}`)
    return q
  }
  const reread = async (questionId: string) => toQuestionStaffDto((await repo.findAsked(db, questionId))!)

  /** The same clientId again is the same question (its answer was lost); someone else's is refused. */
  async function sameAgain(tx: Db | Tx, sessionId: string, clientId: string, citizenId: string | null, documentId: string): Promise<PolicyAskedDto | null> {
    const old = await questions.findByClientId(tx, sessionId, clientId)
    if (!old) return null
    const asked = await repo.findAsked(tx, old.id)
    if (old.citizenId !== citizenId || asked?.documentId !== documentId) throw new AppError('CONFLICT', 'clientId: already used')
    return { id: old.id, status: 'pending' }
  }

  return {
    async ask(documentId: string, body: z.output<typeof PolicyAskBody>, tokenHash: string): Promise<PolicyAskedDto> {
      const d = await repo.findDocument(db, documentId)
      const e = d ? await findEventVisibility(db, d.eventId) : null
      // Citizens ask anonymously: only where anyone may read the policy.
      if (!d || !e || !isPublicEvent(e, now()) || issuedDay(d.issuedAt, timeZone) > issuedDay(now(), timeZone)) throw new AppError('NOT_FOUND', 'no such policy document')
      const s = await repo.briefing(db, d.eventId)
      if (!s || e.status === 'cancelled') throw new AppError('NOT_OPEN', 'this policy takes no questions')
      const nickname = maskPersonalData(body.nickname)
      const text = maskPersonalData(body.body)
      const hits = filter().hits(`${body.nickname} ${body.body}`)
      try {
        return await inTransaction(db, async (tx) => {
          const { status } = await reserveSeq(tx, s.id, 0)
          if (status !== 'ended' && status !== 'archived') throw new AppError('NOT_OPEN', 'questions are asked in the briefing while it is on, and here once it has ended')
          const citizenId = (await citizens.ensureMany(tx, [tokenHash])).get(tokenHash)!
          const again = await sameAgain(tx, s.id, body.clientId, citizenId, documentId)
          if (again) return again
          const q = await questions.create(tx, { sessionId: s.id, clientId: body.clientId, citizenId, nickname, body: text, sensitiveHits: hits })
          await repo.createAsked(tx, q.id, documentId)
          const { firstSeq } = await reserveSeq(tx, s.id, 1)
          await insertEvents(tx, s.id, firstSeq, [{ type: 'question:submitted', audience: 'citizen', citizenId, payload: toLiveDto(q) }])
          return { id: q.id, status: 'pending' as const }
        })
      } catch (err) {
        if (!isPrismaCode(err, 'P2002')) throw err
        // The same question at the same moment from two tabs: the other one stored it.
        const citizenId = await citizens.findIdByTokenHash(db, tokenHash)
        const again = await sameAgain(db, s.id, body.clientId, citizenId, documentId)
        if (!again) throw err
        return again
      }
    },

    async list(eventId: string, documentId: string, actor: Actor): Promise<PolicyQuestionStaffDto[]> {
      const a = await attendance.access(eventId, actor)
      if (a.e.form !== 'press_release') throw new AppError('NOT_FOUND', 'only a press release has policy documents')
      await documentOf(eventId, documentId)
      return (await repo.listAsked(db, documentId)).map(toQuestionStaffDto)
    },

    /** Public, and a written reply owed by the lead unit, due in the office's working days from now. */
    async approve(eventId: string, documentId: string, questionId: string, actor: Actor, ip: string | null): Promise<PolicyQuestionStaffDto> {
      await managed(eventId, actor)
      await documentOf(eventId, documentId)
      await inTransaction(db, async (tx) => {
        const q = await lockedPending(tx, documentId, questionId)
        const at = now()
        const { workingDays } = await replies.settings(tx, replyDefaults)
        const dueAt = addWorkingDays(at, workingDays, timeZone, workCalendar(await listCalendar(tx)))
        const changed = await questions.update(tx, q.id, { status: 'approved', approvedAt: at, moderatedById: actor.id, rejectReason: null, replyDueAt: dueAt })
        await replies.createTasks(tx, q.sessionId, (await repo.leadUnit(tx, eventId))?.unitId ?? null, [q.id], dueAt)
        const { firstSeq } = await reserveSeq(tx, q.sessionId, 1)
        await insertEvents(tx, q.sessionId, firstSeq, [{ type: 'question:approved', audience: 'public', citizenId: q.citizenId, payload: toLiveDto(changed) }])
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'policy.question_approve', targetType: 'question', targetId: q.id, detail: { eventId, documentId, replyDueAt: dueAt.toISOString() }, ip })
      })
      onChanged()
      return reread(questionId)
    },

    async reject(eventId: string, documentId: string, questionId: string, reason: string, actor: Actor, ip: string | null): Promise<PolicyQuestionStaffDto> {
      await managed(eventId, actor)
      await documentOf(eventId, documentId)
      await inTransaction(db, async (tx) => {
        const q = await lockedPending(tx, documentId, questionId)
        const changed = await questions.update(tx, q.id, { status: 'rejected', rejectReason: reason, moderatedById: actor.id })
        const { firstSeq } = await reserveSeq(tx, q.sessionId, 1)
        // Never public: its author (and staff) see the decision.
        await insertEvents(tx, q.sessionId, firstSeq, [{ type: 'question:rejected', audience: 'citizen', citizenId: q.citizenId, payload: toLiveDto(changed) }])
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'policy.question_reject', targetType: 'question', targetId: q.id, detail: { eventId, documentId }, ip })
      })
      onChanged()
      return reread(questionId)
    },
  }
}
export type PolicyQuestionService = ReturnType<typeof createPolicyQuestionService>
