import { z } from 'zod'
import { text } from './common.ts'
import { Key, optionsOf, type QuestionDef, type ShowIf } from './survey-def.ts'

// Answers and skip logic. The respondent's page runs these to show and hide questions and to say
// what is missing before sending; the server runs the same functions and is the one that decides.

/** One answer as it travels: an option id or text, a number, or a list of option ids. */
export const AnswerValue = z.union([text(0, 2000), z.number().finite(), z.array(Key).max(30)])
export type AnswerValue = z.infer<typeof AnswerValue>
export const Answers = z.record(Key, AnswerValue).refine((a) => Object.keys(a).length <= 100, 'at most 100 answers')
export type Answers = Record<string, AnswerValue>

export const ANSWER_PROBLEMS = [
  'REQUIRED', 'UNKNOWN_QUESTION', 'HIDDEN', 'WRONG_TYPE', 'UNKNOWN_OPTION', 'DUPLICATE', 'TOO_FEW', 'TOO_MANY', 'OUT_OF_RANGE', 'TOO_LONG',
] as const
export type AnswerProblem = (typeof ANSWER_PROBLEMS)[number]
export interface AnswerIssue { questionId: string; problem: AnswerProblem }

/** An empty string or list is no answer: the page sends what its inputs hold. */
export const isEmpty = (v: AnswerValue | undefined): boolean => v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

/** The answers without the empty ones. */
export function compact(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => !isEmpty(v)))
}

function meets(cond: ShowIf, v: AnswerValue | undefined): boolean {
  if (isEmpty(v)) return false
  if (cond.anyOf) {
    const picked = Array.isArray(v) ? v : [v]
    return picked.some((p) => typeof p === 'string' && cond.anyOf!.includes(p))
  }
  if (typeof v !== 'number') return false
  return (cond.min === undefined || v >= cond.min) && (cond.max === undefined || v <= cond.max)
}

/**
 * Which questions the respondent is asked, given the answers so far. A question whose condition's
 * question is itself hidden is hidden too: an answer left over from before a change of mind does
 * not reopen a branch.
 */
export function shownIds(questions: readonly QuestionDef[], answers: Answers): Set<string> {
  const shown = new Set<string>()
  for (const q of questions) {
    if (!q.showIf || (shown.has(q.showIf.question) && meets(q.showIf, answers[q.showIf.question]))) shown.add(q.id)
  }
  return shown
}

/** What is wrong with one (non-empty) answer to a question, or null. */
export function answerProblem(q: QuestionDef, v: AnswerValue): AnswerProblem | null {
  switch (q.kind) {
    case 'single':
    case 'satisfaction':
      if (typeof v !== 'string') return 'WRONG_TYPE'
      return optionsOf(q).some((o) => o.id === v) ? null : 'UNKNOWN_OPTION'
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(v)) return 'WRONG_TYPE'
      const ids = new Set(q.options.map((o) => o.id))
      if (v.some((id) => !ids.has(id))) return 'UNKNOWN_OPTION'
      if (new Set(v).size !== v.length) return 'DUPLICATE'
      // A ranking orders every option unless the question asks for the top few.
      const min = q.min ?? (q.kind === 'ranking' ? q.max ?? q.options.length : 1)
      const max = q.max ?? q.options.length
      if (v.length < min) return 'TOO_FEW'
      if (v.length > max) return 'TOO_MANY'
      return null
    }
    case 'rating':
      if (typeof v !== 'number') return 'WRONG_TYPE'
      return Number.isInteger(v) && v >= 1 && v <= (q.scale ?? 5) ? null : 'OUT_OF_RANGE'
    case 'number':
      if (typeof v !== 'number') return 'WRONG_TYPE'
      return (q.min === undefined || v >= q.min) && (q.max === undefined || v <= q.max) ? null : 'OUT_OF_RANGE'
    case 'text':
    case 'words':
      if (typeof v !== 'string') return 'WRONG_TYPE'
      return [...v].length <= (q.max ?? (q.kind === 'words' ? 20 : 500)) ? null : 'TOO_LONG'
  }
}

/**
 * Every problem of a set of answers to these questions: answers to questions that do not exist
 * or are hidden by the skip logic, answers that do not fit, required questions left empty.
 */
export function checkAnswers(questions: readonly QuestionDef[], raw: Answers): AnswerIssue[] {
  const answers = compact(raw)
  const issues: AnswerIssue[] = []
  const byId = new Map(questions.map((q) => [q.id, q]))
  const shown = shownIds(questions, answers)
  for (const [id, v] of Object.entries(answers)) {
    const q = byId.get(id)
    if (!q) issues.push({ questionId: id, problem: 'UNKNOWN_QUESTION' })
    else if (!shown.has(id)) issues.push({ questionId: id, problem: 'HIDDEN' })
    else {
      const p = answerProblem(q, v)
      if (p) issues.push({ questionId: id, problem: p })
    }
  }
  for (const q of questions) {
    if (q.required && shown.has(q.id) && isEmpty(answers[q.id])) issues.push({ questionId: q.id, problem: 'REQUIRED' })
  }
  return issues
}

/** The answers a respondent's page sends after a change of mind: those of hidden questions dropped. */
export function keepShown(questions: readonly QuestionDef[], answers: Answers): Answers {
  const shown = shownIds(questions, compact(answers))
  return Object.fromEntries(Object.entries(compact(answers)).filter(([id]) => shown.has(id)))
}
