import { type ArchiveDto, type VenueRecordDto, EVENT_FORMS, instantToWallTime, type PublicSurveyListItemDto, type SurveyResultsDto, type CalendarDto, type ProposalSummaryDto, type PublicPlanDto, type UnitNoticeDto } from '@openday/protocol'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../prisma/migrate.ts'
import { openDb } from '../src/db/client.ts'
import { createDataCipher } from '../src/lib/crypto.ts'
import { DEMO_ARCHIVED_SESSION, DEMO_LIVE_SESSION, DEMO_VIDEO_SESSION, seedDemo } from '../src/seed/demo.ts'
import { freshDatabaseUrl, type Harness, login, startServer } from './harness.ts'

// The demo's year (seed/demo-year.ts), as `npm run demo` makes it: read back through the public and
// staff APIs, so the README's demo links show what they promise — a plan with two revisions, every
// month and every form, the past months held and archived, next year's proposals in each state.

let h: Harness
const now = new Date()
const year = Number(instantToWallTime(now, 'Asia/Shanghai').slice(0, 4))
beforeAll(async () => { h = await startServer({}, undefined, undefined, { seed: 'demo-year' }) }, 60_000)
afterAll(async () => { await h?.close() })

const json = async <T>(path: string, cookie?: string): Promise<T> => {
  const res = await fetch(`${h.url}${path}`, { headers: cookie ? { cookie } : {} })
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

describe('the demo year', () => {
  it('has surveys and polls: results published, an open poll live, the archived one\'s figures', async () => {
    const list = await json<PublicSurveyListItemDto[]>('/api/surveys')
    const mine = list.find((x) => x.title === '社保经办服务满意度调查')!
    expect(mine).toMatchObject({ open: true, resultsPublic: true })
    const r = await json<SurveyResultsDto>(`/api/surveys/${mine.id}/results`)
    expect(r.valid).toBe(38)
    const say = r.questions.find((q) => q.id === 'say')!
    // Free text only as approved, and masked.
    expect(say.kind === 'text' && say.texts.length).toBeGreaterThan(0)
    expect(JSON.stringify(say)).not.toContain('13812345678')
    // Each event of form 问卷调查 has its questionnaire; the held ones with published results.
    const surveyEvents = (await json<CalendarDto>(`/api/calendar/${year}`)).events.filter((e) => e.form === 'survey')
    expect(surveyEvents.length).toBeGreaterThan(0)
    for (const ev of surveyEvents) {
      const theirs = await json<PublicSurveyListItemDto[]>(`/api/surveys?eventId=${ev.id}`)
      expect(theirs, ev.theme).toHaveLength(1)
      if (new Date(ev.endsAt) < now) expect(theirs[0]!.resultsPublic).toBe(true)
    }
    // Symposia and observations have their invitees by category; the held ones were checked in.
    const venues = await h.app.db.event.findMany({ where: { form: { in: ['symposium', 'observation'] } }, include: { invitees: true } })
    expect(venues.length).toBeGreaterThan(0)
    for (const v of venues) {
      expect(new Set(v.invitees.map((i) => i.category)).size, v.theme).toBe(5)
      if (v.endsAt < now) expect(v.invitees.filter((i) => i.checkedInAt).length).toBe(5)
      // Their day on the public record: the agenda or route, the held ones' opinions and photos.
      const rec = await json<VenueRecordDto>(`/api/events/${v.id}/record`)
      expect(rec.agenda.length, v.theme).toBeGreaterThan(2)
      if (v.endsAt < now) {
        expect(rec.opinions).toHaveLength(3)
        expect(rec.attendance.find((a) => a.category === 'npc_deputy')?.names).toEqual(['刘建华'])
        expect(rec.photos).toHaveLength(2)
        const img = await fetch(`${h.url}${rec.photos[0]!.url}`)
        expect(img.headers.get('content-type')).toBe('image/png')
        expect((await img.arrayBuffer()).byteLength).toBeGreaterThan(1000)
      }
    }
    const held = venues.filter((v) => v.endsAt < now)
    const answered = (await Promise.all(held.map((v) => json<VenueRecordDto>(`/api/events/${v.id}/record`)))).flatMap((r) => r.opinions).filter((o) => o.reply)
    expect(answered.length).toBe(Math.ceil(held.length / 2))
    const archive = await json<ArchiveDto>(`/api/archive/${DEMO_ARCHIVED_SESSION}`)
    expect(archive.polls.map((p) => [p.question.kind, p.state, p.results?.votes])).toEqual([['single', 'shown', 12], ['words', 'closed', 8]])
  })

  it("this year's calendar has every month and every form, the live-core sessions among them", async () => {
    const cal = await json<CalendarDto>(`/api/calendar/${year}`)
    expect(cal.revision).toBe(2)
    const months = new Set(cal.events.map((e) => Number(instantToWallTime(new Date(e.startsAt), 'Asia/Shanghai').slice(5, 7))))
    expect(months.size).toBe(12)
    // The live-core demo fills two months at most: the ten or more others cycle through all six forms.
    expect(new Set(cal.events.map((e) => e.form))).toEqual(new Set(EVENT_FORMS))
    expect(cal.events.map((e) => e.id)).toEqual(expect.arrayContaining([`${DEMO_LIVE_SESSION}-event`]))
  })

  it('the plan is public with its revision history and the note of the change', async () => {
    const plan = await json<PublicPlanDto>(`/api/plan/${year}`)
    expect(plan.current.number).toBe(2)
    expect(plan.revisions.map((r) => r.number)).toEqual(expect.arrayContaining([1, 2]))
    expect(plan.revisions.find((r) => r.number === 2)!.note).toMatch(/调整/)
  })

  it('the past events were held: their sessions are archived, and an asking one has an answered question', async () => {
    const past = await h.app.db.event.findMany({ where: { year, proposalId: { not: null }, endsAt: { lt: now } }, include: { sessions: { include: { questions: true } } } })
    for (const e of past) for (const s of e.sessions) expect(s.status, e.theme).toBe('archived')
    const asked = past.flatMap((e) => e.sessions).filter((s) => s.questions.length > 0)
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.some((s) => s.questions.some((q) => q.status === 'answered'))).toBe(true)
    // Written replies to questions: published on time, but one still owed (opinions: above).
    const tasks = await h.app.db.replyTask.findMany({ where: { questionId: { not: null } }, orderBy: { dueAt: 'asc' } })
    expect(tasks.filter((t) => t.state === 'open')).toHaveLength(1)
    expect(tasks.filter((t) => t.state !== 'open').every((t) => t.state === 'published' && t.firstPublishedAt! <= t.dueAt)).toBe(true)
    // Summaries of the held events: accepted ones, one returned, the latest waiting for the office.
    const states = (await h.app.db.experienceSummary.findMany({ orderBy: { createdAt: 'asc' } })).map((x) => x.state)
    expect(new Set(states)).toEqual(new Set(['accepted', 'returned', 'submitted']))
    expect(states.at(-1)).toBe('submitted')
    // Publicity of the held events, a journal item among them.
    expect(await h.app.db.publicityItem.count({ where: { outlet: 'journal' } })).toBeGreaterThan(0)
    const arch = await json<{ replies: Record<string, unknown> }>('/api/archive/demo-archived')
    expect(Object.keys(arch.replies)).toHaveLength(1)
  })

  it("the video interview's page is open before it starts (a preview)", async () => {
    const e = await json<{ public: boolean; sessions: { id: string; status: string }[] }>(`/api/events/${DEMO_VIDEO_SESSION}-event`)
    expect(e.public).toBe(true)
    expect(e.sessions.map((s) => s.status)).toEqual(['scheduled'])
  })

  it("next year is open for proposals, one in each state, and a unit reminded", async () => {
    const admin = await login(h.url, 'admin')
    const list = await json<ProposalSummaryDto[]>(`/api/admin/proposals?year=${year + 1}`, admin)
    expect(new Set(list.map((p) => p.status))).toEqual(new Set(['draft', 'submitted', 'approved', 'returned']))
    const drafts = await json<ProposalSummaryDto[]>(`/api/unit/proposals?year=${year + 1}`, await login(h.url, 'editor-zjj'))
    expect(drafts.map((p) => p.status)).toEqual(['draft'])
    const returned = await json<ProposalSummaryDto[]>(`/api/unit/proposals?year=${year + 1}`, await login(h.url, 'editor'))
    expect(returned.map((p) => p.status)).toEqual(['returned'])
    const notices = await json<UnitNoticeDto[]>('/api/unit/notices', await login(h.url, 'editor-dhx'))
    expect(notices.some((n) => n.kind === 'reminder' && n.year === year + 1)).toBe(true)
  })
})

// The demo follows the day it is made: on New Year's Day, in spring before the deadline, on a
// Sunday, late on New Year's Eve (events running past midnight), it must still make a whole year.
describe('the demo year on any day', () => {
  // Days before the real clock: the services judge an event's visibility by it, as in production,
  // where the demo is always made today.
  const days = ['2026-01-01T02:00:00Z', '2026-03-14T03:00:00Z', '2026-08-09T06:00:00Z', '2025-12-31T15:20:00Z']
  for (const day of days) {
    it(`seeds on ${day}`, async () => {
      const url = freshDatabaseUrl()
      await migrate(url)
      const db = await openDb(url)
      try {
        const at = new Date(day)
        expect(await seedDemo(db, { timeZone: 'Asia/Shanghai', now: at, cipher: createDataCipher(randomBytes(32)) })).toBe(true)
        const y = Number(instantToWallTime(at, 'Asia/Shanghai').slice(0, 4))
        const events = await db.event.findMany({ where: { year: y } })
        const months = new Set(events.map((e) => Number(instantToWallTime(e.startsAt, 'Asia/Shanghai').slice(5, 7))))
        expect(months.size).toBe(12)
        expect(await db.planRevision.count({ where: { year: y } })).toBeGreaterThanOrEqual(1)
        expect(await db.proposal.count({ where: { year: y + 1 } })).toBe(4)
        // Whatever the date, the demo's policy page has its document, interpretation and an answered question.
        expect(await db.policyInterpretation.count({ where: { state: 'published' } })).toBe(1)
      } finally {
        await db.$disconnect()
      }
    }, 60_000)
  }
})
