import type { CalendarEventDto } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { beijingMonth, byMonth, feedUrls, stepMonth, viewFrom, viewQuery } from './view.ts'

const ev = (id: string, startsAt: string) => ({ id, startsAt }) as CalendarEventDto

describe('calendar view', () => {
  it('reads the view from the address, and falls back on anything malformed', () => {
    const now = new Date('2031-03-31T17:00:00Z') // 1 April 01:00 Beijing
    expect(viewFrom(new URLSearchParams('year=2032&view=month&month=7&unit=u1&form=hotline'), now)).toEqual({ year: 2032, view: 'month', month: 7, unit: 'u1', form: 'hotline' })
    expect(viewFrom(new URLSearchParams('year=abc&view=x&month=13&unit=<x>&form=bogus'), now)).toEqual({ year: 2031, view: 'year', month: 4, unit: null, form: null })
  })

  it('writes back only what is not the default', () => {
    expect(viewQuery({ year: 2031, view: 'year', month: 5, unit: null, form: null }).toString()).toBe('year=2031')
    expect(viewQuery({ year: 2031, view: 'month', month: 5, unit: 'u1', form: 'survey' }).toString()).toBe('year=2031&view=month&month=5&unit=u1&form=survey')
  })

  it('groups by the Beijing month, not the browser\'s (30 April 23:00 UTC is 1 May in Beijing)', () => {
    expect(beijingMonth('2031-04-30T23:00:00Z')).toBe(5)
    const groups = byMonth([ev('b', '2031-06-01T01:00:00Z'), ev('a', '2031-04-30T23:00:00Z'), ev('c', '2031-05-20T01:00:00Z')])
    expect(groups.map(([m, list]) => [m, list.map((e) => e.id)])).toEqual([[5, ['a', 'c']], [6, ['b']]])
  })

  it('steps months across the year', () => {
    const v = { year: 2031, view: 'month' as const, month: 12, unit: null, form: null }
    expect(stepMonth(v, 1)).toMatchObject({ year: 2032, month: 1 })
    expect(stepMonth({ ...v, month: 1 }, -1)).toMatchObject({ year: 2030, month: 12 })
  })

  it('makes the subscribe address webcal://', () => {
    expect(feedUrls('/api/calendar/2031.ics', 'https://open.example.gov.cn')).toEqual({ https: 'https://open.example.gov.cn/api/calendar/2031.ics', webcal: 'webcal://open.example.gov.cn/api/calendar/2031.ics' })
  })
})
