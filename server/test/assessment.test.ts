import { instantToWallTime, type AssessmentBoardDto, type AssessmentRecordDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, login, startServer } from './harness.ts'
import { api, xlsxRows } from './hotline-helpers.ts'

// Issue 12, the assessment board on the demo's year: every figure equals a count made directly
// from the records; the office's weights are versioned; each figure opens its records; XLSX.

let h: Harness
let a: ReturnType<typeof api>
let admin = ''
const year = Number(instantToWallTime(new Date(), 'Asia/Shanghai').slice(0, 4))
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
beforeAll(async () => {
  h = await startServer({}, undefined, undefined, { seed: 'demo-year' })
  a = api(h)
  admin = await login(h.url, 'admin')
}, 60_000)
afterAll(async () => { await h?.close() })

describe('the assessment board', () => {
  it("every unit's figures equal counts made directly from the records", async () => {
    const b = await a.json<AssessmentBoardDto>(a.get(`/api/admin/assessment/${year}`, admin))
    expect(b.weightsVersion).toBe(0)
    expect(b.rows.length).toBeGreaterThan(3)
    const db = h.app.db
    const now = new Date()
    for (const r of b.rows) {
      const held = { year, status: { not: 'cancelled' }, OR: [{ endsAt: { lt: now } }, { sessions: { some: {}, every: { status: 'archived' } } }] }
      expect(r.figures.eventsLed.value, r.unit.name).toBe(await db.event.count({ where: { ...held, hostUnits: { some: { unitId: r.unit.id, role: 'lead' } } } }))
      expect(r.figures.eventsJoined.value, r.unit.name).toBe(await db.event.count({ where: { ...held, hostUnits: { some: { unitId: r.unit.id, role: 'joint' } } } }))
      // Written replies owed: to questions, and to symposiums' and observations' opinions alike.
      const tasks = await db.replyTask.findMany({ where: { unitId: r.unit.id, state: { not: 'dismissed' }, OR: [{ question: { session: { event: held } } }, { opinion: { event: held } }] } })
      expect([r.figures.repliesOnTime.done, r.figures.repliesOnTime.owed], r.unit.name).toEqual([tasks.filter((t) => t.firstPublishedAt && t.firstPublishedAt <= t.dueAt).length, tasks.length])
      expect(r.figures.publicity.value, r.unit.name).toBe(await db.publicityItem.count({ where: { unitId: r.unit.id, event: held } }))
      expect(r.figures.journalBonus.value, r.unit.name).toBe(await db.publicityItem.count({ where: { unitId: r.unit.id, event: held, journal: { bonus: true } } }))
      const proposals = await db.proposal.findMany({ where: { year, unitId: r.unit.id } })
      expect([r.figures.proposalOnTime.done, r.figures.proposalOnTime.owed]).toEqual([proposals.filter((p) => p.submittedAt && !p.late).length, proposals.length])
      expect(r.score).toBeGreaterThanOrEqual(0)
      expect(r.score).toBeLessThanOrEqual(100)
    }
    expect(b.rows.map((r) => r.rank)).toEqual([...b.rows.map((r) => r.rank)].sort((x, y) => x - y))
  })

  it('each figure opens the records behind it, as many counting as the figure says', async () => {
    const b = await a.json<AssessmentBoardDto>(a.get(`/api/admin/assessment/${year}`, admin))
    const r = b.rows.find((x) => (x.figures.publicity.value ?? 0) > 0)!
    const items = await a.json<AssessmentRecordDto[]>(a.get(`/api/admin/assessment/${year}/units/${r.unit.id}/publicity`, admin))
    expect(items.filter((i) => i.counts)).toHaveLength(r.figures.publicity.value!)
    const replies = await a.json<AssessmentRecordDto[]>(a.get(`/api/admin/assessment/${year}/units/${r.unit.id}/repliesOnTime`, admin))
    expect(replies.filter((i) => i.counts)).toHaveLength(r.figures.repliesOnTime.done ?? 0)
    expect(await status(a.get(`/api/admin/assessment/${year}/units/${r.unit.id}/bogus`, admin))).toEqual([400, 'BAD_REQUEST'])
  })

  it('only the admin sees it and sets the weights; a change is a new version and rescored', async () => {
    const editor = await login(h.url, 'editor')
    expect(await status(a.get(`/api/admin/assessment/${year}`, editor))).toEqual([403, 'FORBIDDEN'])
    const before = await a.json<AssessmentBoardDto>(a.get(`/api/admin/assessment/${year}`, admin))
    const weights = Object.fromEntries(Object.keys(before.weights).map((k) => [k, k === 'publicity' ? 100 : 0]))
    expect(await status(a.put(`/api/admin/assessment/${year}/weights`, editor, { weights }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.put(`/api/admin/assessment/${year}/weights`, admin, { weights: { ...weights, publicity: 0 } }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(a.put(`/api/admin/assessment/${year}/weights`, admin, { weights: { ...weights, extra: 1 } }))).toEqual([400, 'BAD_REQUEST'])
    const after = await a.json<AssessmentBoardDto>(a.put(`/api/admin/assessment/${year}/weights`, admin, { weights }))
    expect(after.weightsVersion).toBe(1)
    const best = Math.max(...after.rows.map((r) => r.figures.publicity.value ?? 0))
    for (const r of after.rows) expect(r.score).toBe(Math.round(((r.figures.publicity.value ?? 0) / best) * 1000) / 10)
  })

  it('exports as XLSX with the ranks, units, scores and figures', async () => {
    const b = await a.json<AssessmentBoardDto>(a.get(`/api/admin/assessment/${year}`, admin))
    const rows = await xlsxRows(await a.get(`/api/admin/assessment/${year}.xlsx`, admin))
    expect(rows[0]!.slice(0, 3)).toEqual(['排名', '单位', '得分'])
    expect(rows.slice(1).map((r) => r[1])).toEqual(b.rows.map((r) => r.unit.name))
    expect(rows.slice(1).map((r) => Number(r[2]))).toEqual(b.rows.map((r) => r.score))
  })
})
