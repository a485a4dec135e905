import { describe, expect, it } from 'vitest'
import { checkAnswers, keepShown, shownIds } from './survey-answers.ts'
import { allQuestions, PollQuestion, SurveyDefinition, type SurveyDefinitionInput } from './survey-def.ts'

const def: SurveyDefinitionInput = {
  sections: [
    {
      id: 's1', title: '基本情况',
      questions: [
        { id: 'used', kind: 'single', title: '您办理过公积金业务吗？', required: true, options: [{ id: 'y', label: '办理过' }, { id: 'n', label: '没有' }] },
        { id: 'sat', kind: 'satisfaction', title: '您对办理过程满意吗？', required: true, showIf: { question: 'used', anyOf: ['y'] } },
        { id: 'why', kind: 'text', title: '不满意的原因', showIf: { question: 'sat', anyOf: ['unsatisfied'] } },
      ],
    },
    {
      id: 's2',
      questions: [
        { id: 'chan', kind: 'multiple', title: '您通过哪些渠道了解政策？', min: 1, max: 2, options: [{ id: 'web', label: '网站' }, { id: 'app', label: 'APP' }, { id: 'tv', label: '电视' }] },
        { id: 'score', kind: 'rating', title: '总体评分', scale: 10, lowLabel: '很差', highLabel: '很好' },
        { id: 'rank', kind: 'ranking', title: '最希望改进的', options: [{ id: 'a', label: '排队' }, { id: 'b', label: '材料' }, { id: 'c', label: '网办' }] },
        { id: 'age', kind: 'number', title: '年龄', min: 10, max: 120 },
        { id: 'old', kind: 'text', title: '老年人遇到的问题', showIf: { question: 'age', min: 60 } },
      ],
    },
  ],
}
const parsed = SurveyDefinition.parse(def)
const qs = allQuestions(parsed)

describe('survey definitions (validated on the server: a client can tamper with them)', () => {
  it('accepts a well-formed definition and fills defaults', () => {
    expect(qs).toHaveLength(8)
    expect(qs[0]!.help).toBe('')
  })
  const bad = (mutate: (d: SurveyDefinitionInput) => void) => {
    const d = structuredClone(def)
    mutate(d)
    return SurveyDefinition.safeParse(d).success
  }
  it('refuses conditions on later or unknown questions, options that do not exist, and conditions of the wrong shape', () => {
    expect(bad((d) => { d.sections[0]!.questions[0]!.showIf = { question: 'sat', anyOf: ['satisfied'] } })).toBe(false)
    expect(bad((d) => { d.sections[0]!.questions[1]!.showIf = { question: 'used', anyOf: ['maybe'] } })).toBe(false)
    expect(bad((d) => { d.sections[0]!.questions[1]!.showIf = { question: 'used', min: 1 } })).toBe(false)
    expect(bad((d) => { d.sections[1]!.questions[4]!.showIf = { question: 'why', anyOf: ['x'] } })).toBe(false)
  })
  it('refuses duplicate ids, choice questions without two options, bad ranges and kinds a survey cannot ask', () => {
    expect(bad((d) => { d.sections[1]!.questions[0]!.id = 'used' })).toBe(false)
    expect(bad((d) => { d.sections[1]!.id = 's1' })).toBe(false)
    expect(bad((d) => { d.sections[0]!.questions[0]!.options = [{ id: 'y', label: '是' }] })).toBe(false)
    expect(bad((d) => { d.sections[1]!.questions[0]!.max = 4 })).toBe(false)
    expect(bad((d) => { d.sections[1]!.questions[0]!.min = 3; d.sections[1]!.questions[0]!.max = 2 })).toBe(false)
    expect(bad((d) => { delete d.sections[1]!.questions[1]!.scale })).toBe(false)
    expect(bad((d) => { d.sections[1]!.questions[1]!.kind = 'words' })).toBe(false)
    // As JSON arrives: "__proto__" is an own key there, and an unknown one.
    expect(SurveyDefinition.safeParse(JSON.parse(JSON.stringify(def).replace('"id":"used"', '"__proto__":{"x":1},"id":"used"'))).success).toBe(false)
    expect(bad((d) => { (d.sections[0]!.questions[0] as Record<string, unknown>).extra = 1 })).toBe(false)
    expect(bad((d) => { d.sections[0]!.questions[0]!.title = 'a\uD800b' })).toBe(false)
  })
  it('polls ask one question of the poll kinds, with no condition', () => {
    expect(PollQuestion.safeParse({ id: 'p', kind: 'words', title: '一个词形容' }).success).toBe(true)
    expect(PollQuestion.safeParse({ id: 'p', kind: 'text', title: '说说看' }).success).toBe(false)
    expect(PollQuestion.safeParse({ id: 'p', kind: 'single', title: '选', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], showIf: { question: 'x', anyOf: ['a'] } }).success).toBe(false)
  })
})

describe('skip logic', () => {
  it('shows a question only when the earlier answer says so, and hides a whole branch', () => {
    expect([...shownIds(qs, {})]).toEqual(['used', 'chan', 'score', 'rank', 'age'])
    expect(shownIds(qs, { used: 'y' }).has('sat')).toBe(true)
    expect(shownIds(qs, { used: 'y', sat: 'unsatisfied' }).has('why')).toBe(true)
    // Changed their mind: 'why' hangs on 'sat', which is hidden again, so 'why' is hidden too.
    expect(shownIds(qs, { used: 'n', sat: 'unsatisfied' }).has('why')).toBe(false)
    expect(shownIds(qs, { age: 59 }).has('old')).toBe(false)
    expect(shownIds(qs, { age: 60 }).has('old')).toBe(true)
    expect(keepShown(qs, { used: 'n', sat: 'unsatisfied', why: '慢', age: 30 })).toEqual({ used: 'n', age: 30 })
  })
})

describe('answers', () => {
  const ok = { used: 'y', sat: 'basic', chan: ['web'], score: 8, rank: ['b', 'a', 'c'], age: 66, old: '字太小' }
  it('accepts answers that fit, and empty answers to optional questions', () => {
    expect(checkAnswers(qs, ok)).toEqual([])
    expect(checkAnswers(qs, { used: 'n', chan: [], why: '' })).toEqual([])
  })
  it('refuses what does not fit, each with its reason', () => {
    const problems = (a: Record<string, unknown>) => checkAnswers(qs, a as never).map((i) => `${i.questionId}:${i.problem}`)
    expect(problems({ ...ok, used: 'maybe' })).toContain('used:UNKNOWN_OPTION')
    expect(problems({ ...ok, chan: ['web', 'app', 'tv'] })).toEqual(['chan:TOO_MANY'])
    expect(problems({ ...ok, chan: ['web', 'web'] })).toEqual(['chan:DUPLICATE'])
    expect(problems({ ...ok, score: 11 })).toEqual(['score:OUT_OF_RANGE'])
    expect(problems({ ...ok, score: 7.5 })).toEqual(['score:OUT_OF_RANGE'])
    expect(problems({ ...ok, age: 5, old: undefined })).toEqual(['age:OUT_OF_RANGE'])
    expect(problems({ ...ok, rank: ['a', 'b'] })).toEqual(['rank:TOO_FEW'])
    expect(problems({ ...ok, score: '8' })).toEqual(['score:WRONG_TYPE'])
    expect(problems({ ...ok, nope: 'x' })).toEqual(['nope:UNKNOWN_QUESTION'])
    // An answer to a question the skip logic hides is refused, not silently kept.
    expect(problems({ ...ok, why: '太慢' })).toEqual(['why:HIDDEN'])
    expect(problems({ ...ok, used: 'n' })).toEqual(['sat:HIDDEN'])
    expect(problems({ chan: ['web'] })).toEqual(['used:REQUIRED'])
    expect(problems({ used: 'y' })).toEqual(['sat:REQUIRED'])
    expect(problems({ ...ok, old: 'x'.repeat(501) })).toEqual(['old:TOO_LONG'])
  })
})
