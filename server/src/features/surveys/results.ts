import type { AnswerValue, Answers, OptionDef, QuestionDef, SurveyChannel, SurveyResultsDto } from '@openday/protocol'
import { allQuestions, optionsOf } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import type { SensitiveFilter } from '../../lib/sensitive.ts'
import { TtlCache } from '../../lib/ttl-cache.ts'
import type { Actor } from '../auth/actor.ts'
import * as repo from './repository.ts'
import { toTextDto } from './responses.ts'
import type { SurveyService } from './service.ts'
import { Tally } from './tally.ts'

export interface ResultDeps { db: Db; surveys: SurveyService; filter: () => SensitiveFilter; ipFlagOver: number; publicCacheMs: number; now?: () => Date }

/**
 * The questions results are counted by: the current version's, in its order, then those only older
 * versions asked. A question keeps its id across versions; an answer given under a version where
 * it was of another kind is not counted (it meant something else), and options an older version
 * had and this one dropped are kept, with their old labels, so no answer silently disappears.
 */
export function resultQuestions(versions: { number: number; definition: string }[], current: number): { question: QuestionDef; extra: OptionDef[]; kindIn: Map<number, string> }[] {
  const byVersion = [...versions].sort((a, b) => (a.number === current ? -1 : b.number === current ? 1 : b.number - a.number))
  const out = new Map<string, { question: QuestionDef; extra: OptionDef[]; kindIn: Map<number, string> }>()
  for (const v of byVersion) {
    for (const q of allQuestions(repo.parseDefinition(v.definition))) {
      const seen = out.get(q.id)
      if (!seen) { out.set(q.id, { question: q, extra: [], kindIn: new Map([[v.number, q.kind]]) }); continue }
      seen.kindIn.set(v.number, q.kind)
      if (q.kind === seen.question.kind) for (const o of optionsOf(q)) if (!optionsOf(seen.question).some((x) => x.id === o.id) && !seen.extra.some((x) => x.id === o.id)) seen.extra.push(o)
    }
  }
  return [...out.values()]
}

export function createResultService({ db, surveys, filter, ipFlagOver, publicCacheMs, now = () => new Date() }: ResultDeps) {
  const publicCache = new TtlCache<SurveyResultsDto>(publicCacheMs)

  async function compute(s: repo.SurveyRow, staff: boolean): Promise<SurveyResultsDto> {
    const qs = resultQuestions(s.versions, s.version)
    const numberOf = new Map(s.versions.map((v) => [v.id, v.number]))
    const tallies = qs.map((r) => ({ ...r, tally: new Tally(r.question, filter(), r.extra) }))
    const responses = await repo.validResponses(db, s.id)
    for (const r of responses) {
      const answers = JSON.parse(r.answers) as Answers
      const version = numberOf.get(r.versionId) ?? 0
      for (const t of tallies) {
        const v: AnswerValue | undefined = answers[t.question.id]
        if (v !== undefined && t.kindIn.get(version) === t.question.kind) t.tally.add(v)
      }
    }
    const texts = (await repo.texts(db, s.id, !staff)).map((t) => toTextDto(t, staff))
    const first = responses[0]?.createdAt ?? null
    const last = responses.at(-1)?.createdAt ?? null
    const base: SurveyResultsDto = {
      surveyId: s.id, title: s.title, unitName: s.unit.name, department: s.department || s.unit.name,
      period: { from: (s.opensAt ?? first)?.toISOString() ?? null, to: (s.closesAt ?? last)?.toISOString() ?? null },
      valid: responses.length,
      questions: tallies.map((t) => t.tally.result(texts.filter((x) => x.questionId === t.question.id))),
      generatedAt: now().toISOString(),
    }
    if (!staff) return base
    const byChannel: Record<SurveyChannel, number> = { online: 0, paper: 0, phone: 0 }
    for (const c of await repo.channelCounts(db, s.id)) byChannel[c.channel as SurveyChannel] = c._count._all
    const crowded = await repo.crowdedAddresses(db, s.id, ipFlagOver)
    return {
      ...base, total: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel,
      flaggedAddresses: { addresses: crowded.length, responses: crowded.reduce((a, c) => a + c.n, 0) },
    }
  }

  return {
    compute,
    /** Staff: live figures with every free text and its moderation state. */
    async staff(id: string, actor: Actor): Promise<SurveyResultsDto> {
      return compute(await surveys.readable(db, id, actor), true)
    },
    /** The public results page: only once the unit publishes it; free texts only as approved. */
    async public(id: string): Promise<SurveyResultsDto> {
      return publicCache.get(id, async () => {
        const s = await repo.find(db, id)
        if (!s || s.status === 'draft' || !s.resultsPublishedAt) throw new AppError('NOT_FOUND', 'no published results for this survey')
        return compute(s, false)
      })
    },
    invalidate: () => publicCache.clear(),
  }
}
export type ResultService = ReturnType<typeof createResultService>
