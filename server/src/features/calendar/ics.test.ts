import ical from 'node-ical'
import { describe, expect, it } from 'vitest'
import { buildIcs, eventUid, type IcsEvent } from './ics.ts'
import { isPublicEvent, previewOpensAt } from '../sessions/visibility.ts'

// 09:00 Beijing on 20 May 2031 is 01:00 UTC, whatever zone this process runs in (the suite runs
// with TZ=Asia/Shanghai and TZ=America/New_York).
const ev = (over: Partial<IcsEvent> = {}): IcsEvent => ({
  id: 'ev1', theme: '优化营商环境政策解读', form: 'press_release', status: 'planned',
  startsAt: new Date('2031-05-20T01:00:00Z'), endsAt: new Date('2031-05-20T04:00:00Z'),
  sequence: 0, updatedAt: new Date('2031-04-01T02:03:04Z'), createdAt: new Date('2031-04-01T02:03:04Z'),
  units: [{ id: 'u1', name: '市发展改革委', role: 'lead' }, { id: 'u2', name: '市财政局', role: 'joint' }],
  ...over,
})
const opts = { name: '2031年政务公开主题日', publicUrl: 'https://open.example.gov.cn/' }
const parse = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT')

describe('buildIcs', () => {
  it('gives each event a UID from its id that survives a rebuild, and the same bytes for the same data', () => {
    const a = buildIcs([ev(), ev({ id: 'ev2', theme: '第二个主题' })], opts)
    const b = buildIcs([ev({ id: 'ev2', theme: '第二个主题' }), ev()], opts)
    expect(parse(a).map((e) => e.uid).sort()).toEqual(['ev1@openday', 'ev2@openday'])
    expect(parse(b).map((e) => e.uid).sort()).toEqual(['ev1@openday', 'ev2@openday'])
    expect(eventUid('ev1')).toBe('ev1@openday')
    // No "now" in it (DTSTAMP is the row's updatedAt): a rebuild is byte-identical, so ETags hold.
    expect(buildIcs([ev()], opts)).toBe(buildIcs([ev()], opts))
    expect(a).toContain('DTSTAMP:20310401T020304Z')
  })

  it('writes SEQUENCE from the event and marks a cancelled event CANCELLED (kept in the feed)', () => {
    const [e] = parse(buildIcs([ev({ status: 'cancelled', sequence: 3 })], opts))
    expect(e!.status).toBe('CANCELLED')
    expect(Number(e!.sequence)).toBe(3)
    const [p] = parse(buildIcs([ev({ sequence: 1 })], opts))
    expect(p!.status).toBe('CONFIRMED')
    expect(Number(p!.sequence)).toBe(1)
  })

  it('writes the Beijing time as the right instant (UTC) whatever the process zone', () => {
    const text = buildIcs([ev()], opts)
    expect(text).toContain('DTSTART:20310520T010000Z')
    expect(text).toContain('DTEND:20310520T040000Z')
    const [e] = parse(text)
    expect(new Date(e!.start).toISOString()).toBe('2031-05-20T01:00:00.000Z')
    expect(new Date(e!.end!).toISOString()).toBe('2031-05-20T04:00:00.000Z')
  })

  it('summary is the theme; description names the form, the units and the event page', () => {
    const text = buildIcs([ev()], opts)
    const [e] = parse(text)
    expect(e!.summary).toBe('优化营商环境政策解读')
    const d = String(e!.description)
    expect(d).toContain('政策发布')
    expect(d).toContain('承办单位：市发展改革委')
    expect(d).toContain('联合承办单位：市财政局')
    expect(d).toContain('https://open.example.gov.cn/events/ev1')
    expect(text).toMatch(/^URL(;[^:\r\n]*)?:https:\/\/open\.example\.gov\.cn\/events\/ev1\r?$/m)
  })
})

// The calendar's "its page is open" flag is the visibility rule itself (features/sessions/visibility.ts).
describe('preview opening', () => {
  it('opens at 00:00 Beijing previewDays before the Beijing date, across a month boundary', () => {
    // 1 May 2031 07:00 Beijing = 30 April 23:00 UTC: the Beijing date (1 May) counts, not UTC's.
    expect(previewOpensAt({ startsAt: new Date('2031-04-30T23:00:00Z'), previewDays: 3 }).toISOString()).toBe('2031-04-27T16:00:00.000Z')
  })
  it('planned is open from the opening on; published/done always; cancelled/draft never', () => {
    const startsAt = new Date('2031-05-20T01:00:00Z')
    const planned = { status: 'planned', startsAt, previewDays: 3 }
    expect(isPublicEvent(planned, new Date('2031-05-16T15:59:59Z'))).toBe(false)
    expect(isPublicEvent(planned, new Date('2031-05-16T16:00:00Z'))).toBe(true)
    expect(isPublicEvent({ ...planned, status: 'published' }, new Date('2031-01-01T00:00:00Z'))).toBe(true)
    expect(isPublicEvent({ ...planned, status: 'cancelled' }, new Date('2031-05-20T00:00:00Z'))).toBe(false)
    expect(isPublicEvent({ ...planned, status: 'draft' }, new Date('2031-05-20T00:00:00Z'))).toBe(false)
  })
})
