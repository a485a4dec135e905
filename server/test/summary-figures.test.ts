import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { loadSummaryFigures } from '../src/features/summaries/figures.ts'
import { citizenToken, client, type Harness, login, ok, send, staff, startServer } from './harness.ts'
import { api } from './hotline-helpers.ts'

// Issue 12, the summary's figures read from the records of the demo's live interview and hotline
// day, checked against counts made directly in the database. SQLite and PostgreSQL.

let h: Harness
beforeAll(async () => {
  h = await startServer()
  // Two devices watch the interview, one of them twice (a reconnect, another tab); staff are not viewers.
  const tokens = [await citizenToken(h.url), await citizenToken(h.url)]
  for (const citizenToken of [tokens[0]!, tokens[0]!, tokens[1]!]) {
    const c = await client(h.url, { citizenToken })
    ok(await send(c, 'session:join', { sessionId: DEMO_LIVE_SESSION }))
    c.close()
  }
  const host = await staff(h.url, 'host')
  ok(await send(host, 'session:join', { sessionId: DEMO_LIVE_SESSION }))
  // Viewers are written in batches (every 2 s): wait for this one.
  for (let i = 0; i < 50 && (await h.app.db.sessionViewer.count()) < 2; i++) await new Promise((r) => setTimeout(r, 200))
  for (const id of [DEMO_LIVE_SESSION, DEMO_HOTLINE_SESSION]) ok(await send(host, 'session:end', { sessionId: id }))
  host.close()
  const editor = await login(h.url, 'editor')
  await api(h).json(api(h).post(`/api/unit/events/${DEMO_LIVE_SESSION}-event/publicity`, editor, { outlet: 'gov_website', date: '2026-11-21', title: '就业政策访谈成功举办', source: '市政府门户网站' }), 201)
})
afterAll(async () => { await h?.close() })

describe("the summary's figures come from the records", () => {
  it('a text interview: the event, its units and guests, the questions and replies, the publicity', async () => {
    const f = await loadSummaryFigures(h.app.db, `${DEMO_LIVE_SESSION}-event`, new Date())
    const db = h.app.db
    const where = { sessionId: DEMO_LIVE_SESSION }
    expect(f.event).toMatchObject({ theme: '稳就业 惠民生——就业创业政策解读', form: 'text_interview', units: [{ name: '市人力资源和社会保障局', role: 'lead' }], guests: [{ name: '王建国' }] })
    expect(f.totals).toMatchObject({
      received: await db.question.count({ where }),
      approved: await db.question.count({ where: { ...where, approvedAt: { not: null } } }),
      answeredLive: await db.question.count({ where: { ...where, status: 'answered' } }),
      repliesDue: await db.replyTask.count({ where: { ...where, state: { not: 'dismissed' } } }),
      repliesPublished: await db.replyTask.count({ where: { ...where, firstPublishedAt: { not: null } } }),
    })
    expect(f.totals.repliesDue).toBe(2)
    expect(f.totals.uniqueViewers).toBe(2)
    expect(await db.sessionViewer.count({ where })).toBe(2)
    expect(f.hotline).toBeNull()
    expect(f.publicity).toEqual([{ outlet: 'gov_website', title: '就业政策访谈成功举办', date: '2026-11-21', source: '市政府门户网站', journal: null, bonus: false }])
  })

  it('a hotline day: calls by domain and appeal type add up to the calls logged; work orders as recorded', async () => {
    const f = await loadSummaryFigures(h.app.db, `${DEMO_HOTLINE_SESSION}-event`, new Date())
    const db = h.app.db
    const calls = await db.hotlineCall.findMany({ where: { sessionId: DEMO_HOTLINE_SESSION }, include: { domain: true, appealType: true, workOrder: true } })
    expect(f.event.units).toEqual([{ name: '市人力资源和社会保障局', role: 'lead' }, { name: '市12345政务服务便民热线中心', role: 'joint' }])
    expect(f.hotline!.calls).toBe(calls.length)
    for (const d of f.hotline!.byDomain) expect(d.calls).toBe(calls.filter((c) => c.domain.name === d.name).length)
    expect(f.hotline!.byAppealType.reduce((n, t) => n + t.calls, 0)).toBe(calls.length)
    expect(f.hotline!.handedOff).toBe(calls.filter((c) => c.workOrder).length)
  })
})
