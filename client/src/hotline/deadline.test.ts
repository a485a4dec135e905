import { describe, expect, it } from 'vitest'
import { calendarFrom, dueDay, isWorkingDay, zonedDay } from './deadline.ts'

// 2026-05-15 is a Friday. Instants are given in UTC; days are Beijing days.
describe('deadline preview in working days', () => {
  it('counts from the next day and skips weekends', () => {
    const friday = new Date('2026-05-15T02:00:00Z') // 10:00 Friday in Beijing
    expect(dueDay(friday, 1)).toBe('2026-05-18') // Monday
    expect(dueDay(friday, 3)).toBe('2026-05-20')
    expect(dueDay(friday, 13)).toBe('2026-06-03')
  })

  it('uses the Beijing day, not the UTC day', () => {
    // 23:30 Friday in Beijing is still Friday 15:30 UTC; 00:30 Saturday in Beijing is Friday 16:30 UTC.
    expect(zonedDay(new Date('2026-05-15T15:30:00Z'))).toBe('2026-05-15')
    expect(zonedDay(new Date('2026-05-15T16:30:00Z'))).toBe('2026-05-16')
    expect(dueDay(new Date('2026-05-15T16:30:00Z'), 1)).toBe('2026-05-18')
  })

  it('skips holidays and counts weekend days that are worked (调休)', () => {
    const cal = calendarFrom([
      { date: '2026-05-18', kind: 'holiday', name: 'h' },
      { date: '2026-05-19', kind: 'holiday', name: 'h' },
      { date: '2026-05-16', kind: 'workday', name: 'w' },
    ])
    expect(isWorkingDay('2026-05-16', cal)).toBe(true)
    expect(isWorkingDay('2026-05-18', cal)).toBe(false)
    const friday = new Date('2026-05-15T02:00:00Z')
    expect(dueDay(friday, 1, cal)).toBe('2026-05-16') // the worked Saturday
    expect(dueDay(friday, 2, cal)).toBe('2026-05-20') // Sunday off, Monday and Tuesday holidays
  })

  it('zero days is the same day', () => {
    expect(dueDay(new Date('2026-05-15T02:00:00Z'), 0)).toBe('2026-05-15')
  })
})
