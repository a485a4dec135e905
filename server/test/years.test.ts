import type { MissingUnitDto, PlanYearDto, UnitNoticeDto, YearNoticeDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startServer } from './harness.ts'
import { completeDraft, status, type World, world } from './proposals-helpers.ts'

// Issue 11, the year: only the admin opens and edits it (audited); the units' editors read its
// notice; the admin sees which units have not submitted and reminds them on their home screen.

let h: Harness
let w: World
beforeAll(async () => {
  h = await startServer()
  w = await world(h)
})
afterAll(async () => { await h?.close() })

const NON_ADMINS = ['editor', 'zjj-editor', 'host', 'guest', 'moderator', 'operator'] as const
const body = { year: 2028, months: [12, 5, 6, 7], deadline: '2028-03-31T23:59', notice: '请于3月底前报送', previewDays: 5 }

describe('the admin opens a year', () => {
  it('only the admin opens, edits, lists, sees missing units and reminds; nothing is written otherwise', async () => {
    await w.a.json(w.a.post('/api/admin/years', w.cookies.admin, { ...body, year: 2040 }), 201)
    const routes: [string, (c: string | null) => Promise<Response>][] = [
      ['GET /api/admin/years', (c) => w.a.get('/api/admin/years', c)],
      ['POST /api/admin/years', (c) => w.a.post('/api/admin/years', c, { ...body, year: 2041 })],
      ['PUT /api/admin/years/:year', (c) => w.a.put('/api/admin/years/2040', c, { notice: '改' })],
      ['GET missing', (c) => w.a.get('/api/admin/years/2040/missing', c)],
      ['POST remind', (c) => w.a.post('/api/admin/years/2040/remind', c, {})],
    ]
    const before = JSON.stringify([await h.app.db.planYear.findMany(), await h.app.db.unitNotice.count()])
    for (const [route, call] of routes) {
      expect([route, ...(await status(call(null)))]).toEqual([route, 401, 'UNAUTHENTICATED'])
      for (const u of NON_ADMINS) expect([route, u, ...(await status(call(w.cookies[u]!)))]).toEqual([route, u, 403, 'FORBIDDEN'])
    }
    expect(JSON.stringify([await h.app.db.planYear.findMany(), await h.app.db.unitNotice.count()])).toBe(before)
    // The year notice: the admin and the units' editors; other roles and the anonymous not.
    expect(await status(w.a.get('/api/years/2040/notice', w.cookies.editor))).toEqual([200, 'ok'])
    for (const u of ['host', 'guest', 'moderator', 'operator']) expect(await status(w.a.get('/api/years/2040/notice', w.cookies[u]))).toEqual([403, 'FORBIDDEN'])
    expect(await status(w.a.get('/api/years', null))).toEqual([401, 'UNAUTHENTICATED'])
  })

  it('stores the deadline typed as Beijing time as its instant, sorts the months, audits; the editor reads the notice', async () => {
    const y = await w.a.json<PlanYearDto>(w.a.post('/api/admin/years', w.cookies.admin, body), 201)
    expect(y).toEqual({ year: 2028, months: [5, 6, 7, 12], deadline: '2028-03-31T15:59:00.000Z', deadlineLocal: '2028-03-31T23:59', notice: '请于3月底前报送', previewDays: 5, revision: 0 })
    expect(await status(w.a.post('/api/admin/years', w.cookies.admin, body))).toEqual([409, 'CONFLICT'])
    const edited = await w.a.json<PlanYearDto>(w.a.put('/api/admin/years/2028', w.cookies.admin, { deadline: '2028-04-10T18:00', months: [6, 5] }))
    expect(edited).toMatchObject({ months: [5, 6], deadline: '2028-04-10T10:00:00.000Z', deadlineLocal: '2028-04-10T18:00', notice: '请于3月底前报送' })
    const audits = await h.app.db.auditLog.findMany({ where: { targetType: 'plan_year', targetId: '2028' }, orderBy: { at: 'asc' } })
    expect(audits.map((a) => a.action)).toEqual(['year.create', 'year.update'])
    expect(JSON.parse(audits[1]!.detail)).toMatchObject({ months: { from: '5,6,7,12', to: '5,6' }, deadline: { from: '2028-03-31T15:59:00.000Z', to: '2028-04-10T10:00:00.000Z' } })
    const notice = await w.a.json<YearNoticeDto>(w.a.get('/api/years/2028/notice', w.cookies.editor))
    expect(notice).toEqual({ year: 2028, months: [5, 6], deadline: edited.deadline, deadlineLocal: '2028-04-10T18:00', notice: '请于3月底前报送', previewDays: 5 })
    expect(await status(w.a.get('/api/years/2031/notice', w.cookies.editor))).toEqual([404, 'NOT_FOUND'])
  })

  it('refuses malformed years', async () => {
    const bad = [
      { ...body, year: 2050, months: [13] }, { ...body, year: 2050, months: [5, 5] }, { ...body, year: 2050, deadline: '2050-03-31' },
      { ...body, year: 2050, notice: 'x\uD800' }, { ...body, year: 2050, extra: true }, { ...body, year: 1999 }, { ...body, year: 2050, previewDays: -1 },
    ]
    for (const b of bad) expect([b, ...(await status(w.a.post('/api/admin/years', w.cookies.admin, b)))]).toEqual([b, 400, 'BAD_REQUEST'])
    expect(await status(w.a.put('/api/admin/years/2028', w.cookies.admin, {}))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(w.a.put('/api/admin/years/2031', w.cookies.admin, { notice: 'x' }))).toEqual([404, 'NOT_FOUND'])
    expect(await h.app.db.planYear.count({ where: { year: { in: [1999, 2050] } } })).toBe(0)
  })
})

describe('units that have not submitted, and reminders', () => {
  it('lists active proposing units without a submission; reminds one or all; the notice shows for that unit only until dismissed', async () => {
    await w.a.json(w.a.post('/api/admin/years', w.cookies.admin, { ...body, year: 2029, months: [6] }), 201)
    const missing = async () => w.a.json<MissingUnitDto[]>(w.a.get('/api/admin/years/2029/missing', w.cookies.admin))
    const codes = async () => (await h.app.db.unit.findMany({ where: { id: { in: (await missing()).map((u) => u.id) } } })).map((u) => u.code).sort()
    const all = await codes()
    expect(all).toEqual(expect.arrayContaining(['rsj', 'zjj', 'rx']))

    // A draft is not a submission; a submitted one is.
    const p = await completeDraft(w, 'editor', { month: 6 }, 2029)
    expect((await missing()).find((u) => u.name === p.unit.name)).toMatchObject({ drafts: 1 })
    await w.a.json(w.a.post(`/api/proposals/${p.id}/submit`, w.cookies.editor, { revision: p.revision }))
    expect(await codes()).toEqual(all.filter((c) => c !== 'rsj'))
    // A deactivated unit is not asked.
    await h.app.db.unit.update({ where: { code: 'rx' }, data: { active: false } })
    expect(await codes()).not.toContain('rx')
    await h.app.db.unit.update({ where: { code: 'rx' }, data: { active: true } })

    const zjj = await w.unit('zjj')
    expect(await status(w.a.post('/api/admin/years/2029/remind', w.cookies.admin, { unitIds: [p.unit.id] }))).toEqual([400, 'BAD_REQUEST'])
    expect(await w.a.json(w.a.post('/api/admin/years/2029/remind', w.cookies.admin, { unitIds: [zjj], message: '请尽快报送' }))).toEqual({ reminded: 1 })
    const notices = (who: string) => w.a.json<UnitNoticeDto[]>(w.a.get('/api/unit/notices', w.cookies[who]))
    const zn = (await notices('zjj-editor')).filter((n) => n.kind === 'reminder')
    expect(zn).toMatchObject([{ kind: 'reminder', year: 2029, message: '请尽快报送', readAt: null }])
    expect((await notices('rx-editor')).some((n) => n.kind === 'reminder')).toBe(false)
    expect((await missing()).find((u) => u.id === zjj)!.lastRemindedAt).not.toBeNull()

    // Only an editor of the unit dismisses it; to another unit it does not exist.
    expect(await status(w.a.post(`/api/unit/notices/${zn[0]!.id}/read`, w.cookies['rx-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(w.a.post(`/api/unit/notices/${zn[0]!.id}/read`, w.cookies.admin))).toEqual([403, 'FORBIDDEN'])
    expect(await status(w.a.get('/api/unit/notices', null))).toEqual([401, 'UNAUTHENTICATED'])
    expect((await w.a.json<UnitNoticeDto>(w.a.post(`/api/unit/notices/${zn[0]!.id}/read`, w.cookies['zjj-editor']))).readAt).not.toBeNull()
    expect((await notices('zjj-editor')).some((n) => n.id === zn[0]!.id)).toBe(false)

    const everyone = await w.a.json<{ reminded: number }>(w.a.post('/api/admin/years/2029/remind', w.cookies.admin, {}))
    expect(everyone.reminded).toBe(all.length - 1)
    expect(await h.app.db.unitNotice.count({ where: { year: 2029, kind: 'reminder' } })).toBe(all.length)
    expect(await h.app.db.auditLog.count({ where: { action: 'year.remind', targetId: '2029' } })).toBe(2)
  })
})
