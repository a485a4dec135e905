import { describe, expect, it } from 'vitest'
import { formatDate, formatRange } from './format.ts'

// 2026-05-20 01:30 UTC is 09:30 in Shanghai; 16:30 UTC is already the next day there.
describe('dates are shown in Asia/Shanghai whatever the process zone', () => {
  it('formats times in the users zone', () => {
    expect(formatDate('2026-05-20T01:30:00.000Z', 'zh-CN', 'time')).toBe('09:30')
    expect(formatDate('2026-05-20T01:30:05.000Z', 'en', 'timeSeconds')).toBe('09:30:05')
  })

  it('rolls the date over at Shanghai midnight, not UTC midnight', () => {
    expect(formatDate('2026-05-20T16:30:00.000Z', 'zh-CN', 'dateTime')).toContain('2026/05/21')
    expect(formatDate('2026-05-20T16:30:00.000Z', 'zh-CN', 'date')).toContain('5月21日')
  })

  it('shows one date for a same-day range', () => {
    const r = formatRange('2026-05-20T01:30:00.000Z', '2026-05-20T03:30:00.000Z', 'zh-CN')
    expect(r).toContain('09:30–11:30')
    expect(r.match(/2026/g)).toHaveLength(1)
  })

  it('is empty for missing or broken dates', () => {
    expect(formatDate(null, 'zh-CN')).toBe('')
    expect(formatDate('not a date', 'zh-CN')).toBe('')
  })
})
