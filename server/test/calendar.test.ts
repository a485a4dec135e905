import type { CalendarDto } from '@openday/protocol'
import ical from 'node-ical'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Fixture, seedYear, YEAR } from './calendar-helpers.ts'
import { type Harness, login, startServer } from './harness.ts'

// Issue 11, public outputs: the calendar (JSON) and the iCalendar feeds, read back with node-ical.
// Run with TZ=Asia/Shanghai and TZ=America/New_York: the instants must not move with the zone.

let h: Harness
let f: Fixture
beforeAll(async () => {
  h = await startServer({ PUBLIC_URL: 'https://open.example.gov.cn' })
  f = await seedYear(h.app.db, { publish: true })
})
afterAll(async () => { await h?.close() })

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${h.url}${path}`, { headers })
const calendar = async (query = '', headers: Record<string, string> = {}) => {
  const res = await get(`/api/calendar/${YEAR}${query}`, headers)
  expect(res.status).toBe(200)
  return (await res.json()) as CalendarDto
}
const vevents = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT')
const ics = async (path: string) => {
  const res = await get(path)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  return { res, text: await res.text() }
}
const poll = { 'cache-control': 'max-age=0' }
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

describe('GET /api/calendar/:year', () => {
  it('lists planned, published, cancelled events with theme, form, time, units, status; never a draft', async () => {
    const dto = await calendar()
    expect(dto.year).toBe(YEAR)
    expect(dto.revision).toBe(2)
    expect(dto.events.map((e) => e.theme)).toEqual([f.themes.may, f.themes.june, f.themes.july, f.themes.cancelled, f.themes.published])
    expect(JSON.stringify(dto)).not.toContain(f.themes.draft)
    const may = dto.events[0]!
    expect(may).toMatchObject({ id: f.events.may, form: 'press_release', status: 'planned', month: 5, startsAt: '2031-05-20T01:00:00.000Z', endsAt: '2031-05-20T04:00:00.000Z' })
    expect(may.units).toEqual([{ id: f.units.fgw, name: '市发展改革委', role: 'lead' }, { id: f.units.czj, name: '市财政局', role: 'joint' }])
    expect(dto.events.find((e) => e.id === f.events.cancelled)!.status).toBe('cancelled')
    // The filter's choices: units hosting a public event (the draft's joint unit rsj hosts others too).
    expect(dto.units.map((u) => u.id).sort()).toEqual([f.units.fgw, f.units.czj, f.units.rsj].sort())
  })

  it('says whether each preview page is open: planned far ahead no, published yes, cancelled no', async () => {
    const byId = Object.fromEntries((await calendar()).events.map((e) => [e.id, e]))
    expect(byId[f.events.may]!.previewOpen).toBe(false)
    // 00:00 Beijing on 17 May = 16 May 16:00 UTC.
    expect(byId[f.events.may]!.previewOpensAt).toBe('2031-05-16T16:00:00.000Z')
    expect(byId[f.events.published]!.previewOpen).toBe(true)
    expect(byId[f.events.cancelled]!.previewOpen).toBe(false)
  })

  it('filters by unit (lead or joint) and by form', async () => {
    expect((await calendar(`?unit=${f.units.czj}`)).events.map((e) => e.id)).toEqual([f.events.may, f.events.july])
    expect((await calendar('?form=hotline')).events.map((e) => e.id)).toEqual([f.events.july])
    expect((await calendar(`?unit=${f.units.fgw}&form=symposium`)).events).toEqual([])
    // The choices stay the whole year's whatever the filter.
    expect((await calendar('?form=hotline')).units).toHaveLength(3)
  })

  it('is the same for staff: an admin login sees no draft either', async () => {
    const dto = await calendar('', { cookie: await login(h.url, 'admin') })
    expect(JSON.stringify(dto)).not.toContain(f.themes.draft)
  })

  it('refuses malformed years and filters with BAD_REQUEST', async () => {
    for (const path of [`/api/calendar/20x1`, `/api/calendar/31`, `/api/calendar/${YEAR}?form=bogus`, `/api/calendar/${YEAR}?unit=%3Cscript%3E`,
      `/api/calendar/${YEAR}?unit=%ED%A0%80`, `/api/calendar/${YEAR}?other=1`, `/api/calendar/${YEAR}?unit=a&unit=b`]) {
      const res = await get(path)
      expect([path, res.status, await errorCode(res)]).toEqual([path, 400, 'BAD_REQUEST'])
    }
  })

  it('a year with no plan is an empty calendar, not an error', async () => {
    const res = await get('/api/calendar/2039')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ year: 2039, revision: 0, publishedAt: null, units: [], events: [] })
  })
})

describe('iCalendar feeds', () => {
  it('the year feed: stable UIDs, SEQUENCE, CANCELLED kept, no draft, 09:00 Beijing = 01:00Z', async () => {
    const { text } = await ics(`/api/calendar/${YEAR}.ics`)
    const evs = vevents(text)
    expect(evs.map((e) => e.uid).sort()).toEqual([f.events.may, f.events.june, f.events.july, f.events.cancelled, f.events.published].map((id) => `${id}@openday`).sort())
    expect(text).not.toContain(f.themes.draft)
    const byUid = Object.fromEntries(evs.map((e) => [e.uid, e]))
    const may = byUid[`${f.events.may}@openday`]!
    expect(may.summary).toBe(f.themes.may)
    expect(new Date(may.start).toISOString()).toBe('2031-05-20T01:00:00.000Z')
    expect(new Date(may.end!).toISOString()).toBe('2031-05-20T04:00:00.000Z')
    expect(String(may.description)).toContain('政策发布')
    expect(String(may.description)).toContain('市发展改革委')
    expect(String(may.description)).toContain('联合承办单位：市财政局')
    expect(String(may.description)).toContain(`https://open.example.gov.cn/events/${f.events.may}`)
    expect(Number(byUid[`${f.events.july}@openday`]!.sequence)).toBe(1)
    const cancelled = byUid[`${f.events.cancelled}@openday`]!
    expect([cancelled.status, Number(cancelled.sequence)]).toEqual(['CANCELLED', 2])
  })

  it('the unit feed has the events the unit leads or joins, and 404 for an unknown unit', async () => {
    const { text } = await ics(`/api/calendar/${YEAR}/units/${f.units.czj}.ics`)
    expect(vevents(text).map((e) => e.summary)).toEqual([f.themes.may, f.themes.july])
    // rsj joins the draft only as a joint unit, and leads June and the published one.
    const rsj = vevents((await ics(`/api/calendar/${YEAR}/units/${f.units.rsj}.ics`)).text)
    expect(rsj.map((e) => e.summary)).toEqual([f.themes.june, f.themes.published])
    expect(vevents((await ics(`/api/calendar/${YEAR}/units/${f.units.idle}.ics`)).text)).toEqual([])
    const res = await get(`/api/calendar/${YEAR}/units/nosuchunit.ics`)
    expect([res.status, await errorCode(res)]).toEqual([404, 'NOT_FOUND'])
  })

  it('a single event for its page; a draft or unknown event is 404 exactly alike', async () => {
    const { res, text } = await ics(`/api/events/${f.events.june}.ics`)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const [e] = vevents(text)
    expect([e!.uid, e!.summary, new Date(e!.start).toISOString()]).toEqual([`${f.events.june}@openday`, f.themes.june, '2031-06-17T06:00:00.000Z'])
    const draft = await get(`/api/events/${f.events.draft}.ics`)
    const unknown = await get('/api/events/nosuchevent.ics')
    expect([draft.status, await draft.json()]).toEqual([unknown.status, await unknown.json()])
    expect(draft.status).toBe(404)
    expect((await get('/api/events/%3Cx%3E.ics')).status).toBe(400)
  })

  it('answers a subscriber re-poll with 304 (ETag, Last-Modified), and a change with new bytes and a higher SEQUENCE', async () => {
    const path = `/api/calendar/${YEAR}.ics`
    const first = await get(path)
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(first.headers.get('cache-control')).toContain('max-age')
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0)
    // Same data, same bytes (no "now" in the feed).
    expect(await (await get(path)).text()).toBe(await first.text())
    // A calendar application's conditional GET. fetch() itself adds "Cache-Control: no-cache" to a
    // request with validators (the Fetch standard), which forbids a 304; a subscriber sends none.
    expect((await get(path, { 'if-none-match': etag, ...poll })).status).toBe(304)
    expect((await get(path, { 'if-modified-since': lastModified, ...poll })).status).toBe(304)
    // The plan moves June by a day: sequence + 1, as publishing does.
    await new Promise((r) => setTimeout(r, 1100)) // Last-Modified has whole seconds
    await h.app.db.event.update({ where: { id: f.events.june }, data: { startsAt: new Date('2031-06-18T06:00:00Z'), endsAt: new Date('2031-06-18T09:00:00Z'), sequence: { increment: 1 } } })
    const changed = await get(path, { 'if-none-match': etag, ...poll })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect((await get(path, { 'if-modified-since': lastModified, ...poll })).status).toBe(200)
    const june = vevents(await changed.text()).find((e) => e.uid === `${f.events.june}@openday`)!
    expect([Number(june.sequence), new Date(june.start).toISOString()]).toEqual([1, '2031-06-18T06:00:00.000Z'])
  })

  it('refuses a malformed year in a feed path', async () => {
    expect((await get('/api/calendar/abcd.ics')).status).toBe(400)
    expect((await get(`/api/calendar/${YEAR}/units/%3Cx%3E.ics`)).status).toBe(400)
  })
})
