import { z } from 'zod'
import { text } from './common.ts'

// The one question engine of surveys (问卷调查) and live polls, issue 13. A survey is sections of
// questions; a poll is one question of the same shape. Definitions are data a client sends, so
// every rule a form builder enforces is checked again here, where the server parses them.

export const QUESTION_KINDS = ['single', 'multiple', 'rating', 'satisfaction', 'ranking', 'number', 'text', 'words'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]
/** What a questionnaire may ask (a word cloud only makes sense live). */
export const SURVEY_KINDS = ['single', 'multiple', 'rating', 'satisfaction', 'ranking', 'number', 'text'] as const satisfies readonly QuestionKind[]
/** What a live poll may ask. */
export const POLL_KINDS = ['single', 'multiple', 'rating', 'words', 'ranking'] as const satisfies readonly QuestionKind[]
export type PollKind = (typeof POLL_KINDS)[number]

/** Kinds answered by picking option ids. */
export const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'satisfaction', 'ranking']

/** Short stable keys: they name columns in exports and tie answers to questions across versions. */
export const Key = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, 'invalid key')

export const OptionDef = z.strictObject({ id: Key, label: text(1, 100) })
export type OptionDef = z.infer<typeof OptionDef>

/** The fixed three answers of a satisfaction question (满意度), as the office's forms have them. */
export const SATISFACTION_OPTIONS: readonly OptionDef[] = [
  { id: 'satisfied', label: '满意' },
  { id: 'basic', label: '基本满意' },
  { id: 'unsatisfied', label: '不满意' },
]

/**
 * Skip logic: the question is shown only when an earlier question's answer says so — one of the
 * listed options (choice questions), or a value within [min, max] (rating, number).
 */
export const ShowIf = z.strictObject({
  question: Key,
  anyOf: z.array(Key).min(1).max(30).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
})
export type ShowIf = z.infer<typeof ShowIf>

const QuestionShape = z.strictObject({
  id: Key,
  kind: z.enum(QUESTION_KINDS),
  title: text(1, 300),
  help: text(0, 500).default(''),
  required: z.boolean().default(false),
  /** single, multiple, ranking (satisfaction has its fixed three). */
  options: z.array(OptionDef).max(30).default([]),
  /** multiple: fewest/most choices; ranking: how many to rank; number: smallest/largest value; text, words: longest answer. */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** rating: 1..5 or 1..10, with labelled ends. */
  scale: z.union([z.literal(5), z.literal(10)]).optional(),
  lowLabel: text(0, 20).default(''),
  highLabel: text(0, 20).default(''),
  showIf: ShowIf.optional(),
})

type Issue = { path: (string | number)[]; message: string }

/** The rules of one question on its own (the definition adds those between questions). */
export function questionIssues(q: z.infer<typeof QuestionShape>): Issue[] {
  const out: Issue[] = []
  const bad = (path: string, message: string) => out.push({ path: [path], message })
  const choices = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking'
  if (choices) {
    if (q.options.length < 2) bad('options', 'a choice question needs at least two options')
    if (new Set(q.options.map((o) => o.id)).size !== q.options.length) bad('options', 'option ids must be unique')
  } else if (q.options.length) bad('options', `a ${q.kind} question has no options of its own`)
  const int = (v: number | undefined) => v === undefined || Number.isInteger(v)
  if (q.kind === 'multiple' || q.kind === 'ranking') {
    if (!int(q.min) || !int(q.max)) bad('min', 'choice counts are whole numbers')
    if ((q.min ?? 1) < 1) bad('min', 'at least one choice')
    if ((q.max ?? q.options.length) > q.options.length) bad('max', 'more choices than options')
  }
  if (q.kind === 'text' || q.kind === 'words') {
    if (!int(q.max) || (q.max !== undefined && (q.max < 1 || q.max > (q.kind === 'words' ? 20 : 2000)))) bad('max', 'length out of range')
    if (q.min !== undefined) bad('min', 'a text answer has no minimum')
  }
  if (q.kind === 'rating' && q.scale === undefined) bad('scale', 'a rating needs a scale of 5 or 10')
  if (q.kind !== 'rating' && q.scale !== undefined) bad('scale', 'only a rating has a scale')
  if (q.kind === 'rating' || q.kind === 'satisfaction' || q.kind === 'single') {
    if (q.min !== undefined || q.max !== undefined) bad('min', `a ${q.kind} question has no min/max`)
  }
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) bad('min', 'min is greater than max')
  return out
}

export const QuestionDef = QuestionShape.superRefine((q, ctx) => {
  for (const i of questionIssues(q)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message })
})
export type QuestionDef = z.output<typeof QuestionDef>
export type QuestionDefInput = z.input<typeof QuestionDef>

export const SectionDef = z.strictObject({
  id: Key,
  title: text(0, 200).default(''),
  description: text(0, 1000).default(''),
  questions: z.array(QuestionDef).min(1).max(100),
})
export type SectionDef = z.output<typeof SectionDef>

/** Every question, in the order a respondent meets them. */
export const allQuestions = (def: { sections: { questions: QuestionDef[] }[] }): QuestionDef[] => def.sections.flatMap((s) => s.questions)

export const SurveyDefinition = z.strictObject({ sections: z.array(SectionDef).min(1).max(20) }).superRefine((def, ctx) => {
  const seen = new Map<string, QuestionDef>()
  const sectionIds = new Set<string>()
  let count = 0
  def.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: 'section ids must be unique' })
    sectionIds.add(s.id)
    s.questions.forEach((q, qi) => {
      const path = ['sections', si, 'questions', qi]
      count++
      if (!(SURVEY_KINDS as readonly string[]).includes(q.kind)) ctx.addIssue({ code: 'custom', path: [...path, 'kind'], message: `a survey cannot ask ${q.kind}` })
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: 'question ids must be unique' })
      if (q.showIf) {
        const message = showIfIssue(q.showIf, seen.get(q.showIf.question))
        if (message) ctx.addIssue({ code: 'custom', path: [...path, 'showIf'], message })
      }
      seen.set(q.id, q)
    })
  })
  if (count > 100) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'at most 100 questions' })
})
export type SurveyDefinition = z.output<typeof SurveyDefinition>
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>

/** Why a condition cannot work: it must look back at an earlier question, in terms that question answers in. */
function showIfIssue(cond: ShowIf, target: QuestionDef | undefined): string | null {
  if (!target) return 'a condition must refer to an earlier question'
  if (target.kind === 'single' || target.kind === 'multiple' || target.kind === 'satisfaction') {
    if (!cond.anyOf || cond.min !== undefined || cond.max !== undefined) return 'a condition on a choice question lists options (anyOf)'
    const ids = new Set(optionsOf(target).map((o) => o.id))
    if (cond.anyOf.some((id) => !ids.has(id))) return 'a condition names an option the question does not have'
    return null
  }
  if (target.kind === 'rating' || target.kind === 'number') {
    if (cond.anyOf || (cond.min === undefined && cond.max === undefined)) return 'a condition on a rating or number gives min and/or max'
    return null
  }
  return `a condition cannot depend on a ${target.kind} question`
}

/** A question's options (the fixed three for satisfaction). */
export function optionsOf(q: Pick<QuestionDef, 'kind' | 'options'>): readonly OptionDef[] {
  return q.kind === 'satisfaction' ? SATISFACTION_OPTIONS : q.options
}

/** A poll's question: one of the poll kinds, with no skip logic. */
export const PollQuestion = QuestionDef.superRefine((q, ctx) => {
  if (!(POLL_KINDS as readonly string[]).includes(q.kind)) ctx.addIssue({ code: 'custom', path: ['kind'], message: `a poll cannot ask ${q.kind}` })
  if (q.showIf) ctx.addIssue({ code: 'custom', path: ['showIf'], message: 'a poll has one question: nothing to depend on' })
})
