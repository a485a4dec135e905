import { QuestionDef } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { SensitiveFilter } from '../../lib/sensitive.ts'
import { Tally } from './tally.ts'
import { cloudWords } from './words.ts'

const none = new SensitiveFilter([])
const q = (x: unknown) => QuestionDef.parse(x)

describe('the tally (surveys and polls count with it)', () => {
  it('counts choices with percentages of those who answered', () => {
    const t = new Tally(q({ id: 'c', kind: 'multiple', title: '渠道', options: [{ id: 'a', label: '网站' }, { id: 'b', label: 'APP' }, { id: 'c', label: '电视' }] }), none)
    for (const v of [['a'], ['a', 'b'], ['b'], ['a']]) t.add(v)
    const r = t.result()
    expect(r.kind === 'multiple' && r.options.map((o) => [o.id, o.count, o.percent])).toEqual([['a', 3, 75], ['b', 2, 50], ['c', 0, 0]])
    expect(r.answered).toBe(4)
  })
  it('gives the satisfaction rate (满意 + 基本满意) and keeps options an older version had', () => {
    const t = new Tally(q({ id: 's', kind: 'satisfaction', title: '满意度' }), none)
    for (const v of ['satisfied', 'basic', 'unsatisfied']) t.add(v)
    const r = t.result()
    expect(r.kind === 'satisfaction' && r.satisfactionRate).toBe(66.7)
    const old = new Tally(q({ id: 'x', kind: 'single', title: 'x', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }), none, [{ id: 'z', label: '旧选项' }])
    old.add('z')
    const o = old.result()
    expect(o.kind === 'single' && o.options.find((x) => x.id === 'z')).toEqual({ id: 'z', label: '旧选项', count: 1, percent: 100 })
  })
  it('averages and distributes ratings, and summarises numbers', () => {
    const t = new Tally(q({ id: 'r', kind: 'rating', title: '评分', scale: 5 }), none)
    for (const v of [5, 4, 4, 1]) t.add(v)
    const r = t.result()
    expect(r.kind === 'rating' && [r.mean, r.distribution.map((d) => d.count)]).toEqual([3.5, [1, 0, 0, 2, 1]])
    const n = new Tally(q({ id: 'n', kind: 'number', title: '人数' }), none)
    for (const v of [3, 1, 10, 2]) n.add(v)
    const nr = n.result()
    expect(nr.kind === 'number' && [nr.mean, nr.median, nr.min, nr.max]).toEqual([4, 2.5, 1, 10])
    expect(new Tally(q({ id: 'n', kind: 'number', title: '人数' }), none).result()).toMatchObject({ mean: null, median: null })
  })
  it('ranks by mean position, best first', () => {
    const t = new Tally(q({ id: 'k', kind: 'ranking', title: '排序', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] }), none)
    for (const v of [['b', 'a', 'c'], ['b', 'c', 'a'], ['a', 'b', 'c']]) t.add(v)
    const r = t.result()
    expect(r.kind === 'ranking' && r.options.map((o) => [o.id, o.meanRank, o.first])).toEqual([['b', 1.33, 2], ['a', 2, 1], ['c', 2.67, 0]])
  })
  it('builds a word cloud from Chinese answers, each word once per answer', () => {
    const t = new Tally(q({ id: 'w', kind: 'words', title: '一个词' }), none)
    for (const v of ['停车难', '停车难停车难', '公共交通不方便', '我们希望交通更方便']) t.add(v)
    const r = t.result()
    const words = r.kind === 'words' ? Object.fromEntries(r.words.map((w) => [w.word, w.count])) : {}
    expect(words['停车']).toBe(2)
    expect(words['交通']).toBe(2)
    expect(words['方便']).toBe(2)
    expect(words['我们']).toBeUndefined()
    expect(words['希望']).toBeUndefined()
  })
})

describe('cloud words', () => {
  it('segments Chinese into words (not characters), drops stop words, numbers and personal data', () => {
    expect(cloudWords('公共交通更加方便', none)).toEqual(['公共', '交通', '更加', '方便'])
    expect(cloudWords('电话13812345678联系我', none)).toEqual(['电话', '联系'])
    expect(cloudWords('的了是', none)).toEqual([])
  })
  it('drops words the sensitive-word list names, also when the segmenter splits them', () => {
    const f = new SensitiveFilter(['坏词', '恶意攻击'])
    expect(cloudWords('坏词很多 交通', f)).toEqual(['很多', '交通'])
    expect(cloudWords('恶意攻击交通', f)).toEqual(['交通'])
  })
})
