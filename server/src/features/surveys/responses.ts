import type { Answers, AnswerIssue, PaperResponseBody, SurveyResponseBody, SurveyResponseRowDto, SurveyChannel, SurveyTextDto } from '@openday/protocol'
import { allQuestions, checkAnswers, compact } from '@openday/protocol'
import { createHmac } from 'node:crypto'
import type { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPersonalData } from '../../lib/mask.ts'
import { KeyedLimiter } from '../../lib/ratelimit.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { sha256 } from '../auth/service.ts'
import type { WordsService } from '../words/service.ts'
import { phaseOf } from './dto.ts'
import * as repo from './repository.ts'
import type { SurveyService } from './service.ts'

export interface ResponseDeps {
  db: Db
  surveys: SurveyService
  words: WordsService
  /** Key of the addresses' hashes: an address is compared, never stored. */
  ipKey: Buffer
  /** Responses from one address above which the results flag them for review. */
  ipFlagOver: number
  /** Responses one device may send per minute (over all surveys): only a bound on scripts. */
  perDevicePerMinute: number
  onStored?: (surveyId: string) => void
  now?: () => Date
}

export const describeIssues = (issues: AnswerIssue[]) => issues.slice(0, 10).map((i) => `${i.questionId}: ${i.problem}`).join('; ')

/**
 * Responses: a citizen's from the public page (one per device, or per single-use code), and the
 * paper and telephone ones staff type in (marked with the channel and who entered them, audited).
 * Answers are checked against the version the survey has now, with the same engine the page uses;
 * free texts are masked before anything is stored and wait for moderation before they are public.
 */
export function createResponseService({ db, surveys, words, ipKey, ipFlagOver, perDevicePerMinute, onStored, now = () => new Date() }: ResponseDeps) {
  const limiter = new KeyedLimiter(perDevicePerMinute, 60, 'survey responses from this device')
  const ipHash = (ip: string) => createHmac('sha256', ipKey).update(ip).digest('hex').slice(0, 32)

  /** Checks and prepares the answers for storage: masked texts, their moderation rows. */
  function prepare(s: repo.SurveyRow, raw: Answers) {
    const def = repo.parseDefinition(repo.currentVersion(s).definition)
    const questions = allQuestions(def)
    const issues = checkAnswers(questions, raw)
    if (issues.length) throw new AppError('ANSWER_INVALID', describeIssues(issues))
    const answers = compact(raw)
    const texts: { questionId: string; body: string; sensitiveHits: string }[] = []
    for (const q of questions) {
      const v = answers[q.id]
      if (q.kind !== 'text' || typeof v !== 'string') continue
      const body = maskPersonalData(v)
      answers[q.id] = body
      texts.push({ questionId: q.id, body, sensitiveHits: words.filter().hits(body).join(',') })
    }
    return { answers, texts, versionId: repo.currentVersion(s).id }
  }

  /** A unique key said no: the same request again (its id is answered), or a second response. */
  async function retried(surveyId: string, clientId: string): Promise<{ id: string }> {
    const prior = await repo.findByClientId(db, surveyId, clientId)
    if (prior) return { id: prior.id }
    throw new AppError('ALREADY_ANSWERED', 'this device (or code) has already answered this survey')
  }

  return {
    async submit(surveyId: string, body: z.output<typeof SurveyResponseBody>, deviceHash: string, ip: string): Promise<{ id: string }> {
      await limiter.consume(deviceHash)
      const s = await repo.find(db, surveyId)
      if (!s || s.status === 'draft') throw new AppError('NOT_FOUND', 'no such survey')
      const phase = phaseOf(s, now())
      if (phase !== 'open') throw new AppError('NOT_OPEN', phase === 'closed' ? 'the survey has closed' : 'the survey is not open yet')
      const p = prepare(s, body.answers)
      const invite = s.access === 'invite'
      if (invite && !body.code) throw new AppError('FORBIDDEN', 'code: this survey is answered with the code of an invitation')
      try {
        const id = await inTransaction(db, async (tx) => {
          let inviteId: string | null = null
          if (invite) {
            const inv = await repo.findInvite(tx, sha256(body.code!))
            if (!inv || inv.surveyId !== s.id) throw new AppError('FORBIDDEN', 'code: no such invitation code for this survey')
            const prior = await repo.findByClientId(tx, s.id, body.clientId)
            if (prior?.inviteId === inv.id) return prior.id
            if (!(await repo.claimInvite(tx, inv.id, now()))) throw new AppError('ALREADY_ANSWERED', 'this code has already been used')
            inviteId = inv.id
          }
          return repo.insertResponse(tx, {
            surveyId: s.id, versionId: p.versionId, clientId: body.clientId, deviceHash: invite ? null : deviceHash, inviteId,
            channel: 'online', enteredById: null, paperRef: '', ipHash: ipHash(ip), answers: JSON.stringify(p.answers), texts: p.texts,
          })
        })
        onStored?.(s.id)
        return { id }
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) return retried(s.id, body.clientId)
        throw err
      }
    },

    /** A paper (or telephone) questionnaire typed in by staff: also after closing, never while a draft. */
    async enter(surveyId: string, body: z.output<typeof PaperResponseBody>, actor: Actor, ip: string | null): Promise<{ id: string }> {
      const s = await surveys.readable(db, surveyId, actor)
      if (s.status === 'draft') throw new AppError('NOT_OPEN', 'publish the survey before entering responses')
      const p = prepare(s, body.answers)
      try {
        const id = await inTransaction(db, async (tx) => {
          const id = await repo.insertResponse(tx, {
            surveyId: s.id, versionId: p.versionId, clientId: body.clientId, deviceHash: null, inviteId: null,
            channel: body.channel, enteredById: actor.id, paperRef: body.paperRef, ipHash: null, answers: JSON.stringify(p.answers), texts: p.texts,
          })
          await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'survey.response.enter', targetType: 'survey', targetId: s.id, detail: { responseId: id, channel: body.channel, paperRef: body.paperRef }, ip })
          return id
        })
        onStored?.(s.id)
        return { id }
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) {
          const prior = await repo.findByClientId(db, s.id, body.clientId)
          if (prior) return { id: prior.id }
        }
        throw err
      }
    },

    /** Counts a response out of the results (or back in), with the reason, audited. */
    async setValidity(surveyId: string, responseId: string, valid: boolean, reason: string, actor: Actor, ip: string | null): Promise<SurveyResponseRowDto> {
      const s = await surveys.readable(db, surveyId, actor)
      if (!valid && !reason) throw new AppError('BAD_REQUEST', 'reason: say why the response is not counted')
      await inTransaction(db, async (tx) => {
        const r = await repo.findResponse(tx, responseId)
        if (!r || r.surveyId !== s.id) throw new AppError('NOT_FOUND', 'no such response')
        await tx.surveyResponse.update({ where: { id: r.id }, data: { valid, invalidReason: valid ? null : reason } })
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: valid ? 'survey.response.count' : 'survey.response.discount', targetType: 'survey', targetId: s.id, detail: { responseId, reason }, ip })
      })
      onStored?.(s.id)
      return (await this.page(surveyId, actor, undefined, responseId))[0]!
    },

    async decideText(surveyId: string, textId: string, status: 'approved' | 'rejected', actor: Actor, ip: string | null): Promise<SurveyTextDto> {
      const s = await surveys.readable(db, surveyId, actor)
      const t = await inTransaction(db, async (tx) => {
        const t = await tx.surveyText.findUnique({ where: { id: textId } })
        if (!t || t.surveyId !== s.id) throw new AppError('NOT_FOUND', 'no such answer')
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: `survey.text.${status}`, targetType: 'survey', targetId: s.id, detail: { textId }, ip })
        return tx.surveyText.update({ where: { id: t.id }, data: { status, moderatedById: actor.id, moderatedAt: now() } })
      })
      onStored?.(s.id)
      return toTextDto(t, true)
    },

    /** The responses, newest first, a page at a time (or the one asked for). */
    async page(surveyId: string, actor: Actor, before?: string, only?: string): Promise<SurveyResponseRowDto[]> {
      const s = await surveys.readable(db, surveyId, actor)
      const at = before ? await repo.findResponse(db, before) : null
      const rows = only ? [await repo.findResponse(db, only)].filter((r) => r?.surveyId === s.id) : await repo.responsePage(db, s.id, at && at.surveyId === s.id ? at : null, 100)
      const crowded = new Set((await repo.crowdedAddresses(db, s.id, ipFlagOver)).map((c) => c.ipHash))
      const names = await repo.userNames(db, rows.flatMap((r) => (r?.enteredById ? [r.enteredById] : [])))
      const numberOf = new Map(s.versions.map((v) => [v.id, v.number]))
      return rows.map((r) => ({
        id: r!.id, createdAt: r!.createdAt.toISOString(), channel: r!.channel as SurveyChannel, version: numberOf.get(r!.versionId) ?? 0,
        valid: r!.valid, invalidReason: r!.invalidReason, enteredBy: r!.enteredById ? names.get(r!.enteredById) ?? null : null,
        paperRef: r!.paperRef, flagged: r!.ipHash !== null && crowded.has(r!.ipHash), answers: JSON.parse(r!.answers) as Answers,
      }))
    },
  }
}
export type ResponseService = ReturnType<typeof createResponseService>

export function toTextDto(t: { id: string; questionId: string; body: string; status: string; sensitiveHits: string; createdAt: Date }, staff: boolean): SurveyTextDto {
  return {
    id: t.id, questionId: t.questionId, body: t.body, createdAt: t.createdAt.toISOString(),
    ...(staff ? { status: t.status as 'pending' | 'approved' | 'rejected', sensitiveHits: t.sensitiveHits ? t.sensitiveHits.split(',') : [] } : {}),
  }
}
