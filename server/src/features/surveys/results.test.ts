import { SurveyDefinition } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { resultQuestions } from './results.ts'

const v = (number: number, questions: unknown[]) => ({ number, definition: JSON.stringify(SurveyDefinition.parse({ sections: [{ id: 's', questions }] })) })
const choice = (options: [string, string][]) => ({ id: 'c', kind: 'single', title: '渠道', options: options.map(([id, label]) => ({ id, label })) })

describe('versions in the results', () => {
  it('counts by the current version, keeps options and questions only older versions had, and notes each version\'s kind', () => {
    const versions = [
      v(1, [choice([['a', '网站'], ['b', '电话']]), { id: 'old', kind: 'text', title: '旧题' }]),
      v(2, [choice([['a', '门户网站'], ['c', 'APP']]), { id: 'n', kind: 'number', title: '年龄' }]),
    ]
    const qs = resultQuestions(versions, 2)
    expect(qs.map((q) => q.question.id)).toEqual(['c', 'n', 'old'])
    const c = qs[0]!
    // The current label wins; the dropped option keeps its old label.
    expect(c.question.options.map((o) => o.label)).toEqual(['门户网站', 'APP'])
    expect(c.extra).toEqual([{ id: 'b', label: '电话' }])
    expect([...c.kindIn]).toEqual([[2, 'single'], [1, 'single']])
  })

  it('does not merge the options of a question whose kind changed (its old answers meant something else)', () => {
    const qs = resultQuestions([v(1, [{ id: 'c', kind: 'multiple', title: 'x', options: [{ id: 'z', label: 'Z' }, { id: 'y', label: 'Y' }] }]), v(2, [choice([['a', 'A'], ['b', 'B']])])], 2)
    expect(qs[0]!.extra).toEqual([])
    expect(qs[0]!.kindIn.get(1)).toBe('multiple')
  })
})
