import { DEFAULT_WEIGHTS, METRIC_KEYS, type MetricKey, type MetricValue } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { count, rate, scoreRows, type UnitFigures } from './scoring.ts'

const none = () => Object.fromEntries(METRIC_KEYS.map((k) => [k, k === 'eventsLed' || k === 'publicity' ? count(0) : rate(0, 0)])) as Record<MetricKey, MetricValue>
const unit = (name: string, over: Partial<Record<MetricKey, MetricValue>>): UnitFigures => ({ unit: { id: name, name, kind: 'city_dept' }, figures: { ...none(), ...over } })
const only = (w: Partial<Record<MetricKey, number>>) => ({ ...Object.fromEntries(METRIC_KEYS.map((k) => [k, 0])), ...w }) as Record<MetricKey, number>

describe('scoring the assessment board', () => {
  it('a rate counts as it is, a count against the best unit, weighted; nothing owed is left out, not zero', () => {
    const rows = scoreRows([
      unit('甲', { repliesOnTime: rate(9, 10), eventsLed: count(2) }),
      unit('乙', { repliesOnTime: rate(1, 2), eventsLed: count(1) }),
      unit('丙', { repliesOnTime: rate(0, 0), eventsLed: count(1) }),
    ], only({ repliesOnTime: 3, eventsLed: 1 }))
    // 甲: (3×0.9 + 1×1)/4 = 92.5; 乙: (3×0.5 + 1×0.5)/4 = 50; 丙: no replies owed, so only events: 0.5 → 50.
    expect(rows.map((r) => [r.unit.name, r.score, r.rank])).toEqual([['甲', 92.5, 1], ['丙', 50, 2], ['乙', 50, 2]])
  })

  it('with the default weights every unit gets a score between 0 and 100, and the best one ranks first', () => {
    const rows = scoreRows([unit('A', { eventsLed: count(1), proposalOnTime: rate(1, 1) }), unit('B', { eventsLed: count(0), proposalOnTime: rate(0, 1) })], DEFAULT_WEIGHTS)
    expect(rows[0]!.unit.name).toBe('A')
    for (const r of rows) expect(r.score).toBeGreaterThanOrEqual(0)
    expect(rows[0]!.score).toBeLessThanOrEqual(100)
    expect(rows[1]!.score).toBe(0)
  })
})
