import type { PlanGridDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, login, startServer } from './harness.ts'
import { errCode } from './hotline-helpers.ts'
import { approved, openYear, planApi, status, unitId } from './plan-helpers.ts'

// Issue 11, the annual plan: compiling the month grid (entries, dates, conflicts), who may, and bodies refused.

const YEAR = 2031
let h: Harness
let p: ReturnType<typeof planApi>
const cookies: Record<string, string> = {}
const NON_ADMINS = ['editor', 'host', 'guest', 'moderator', 'operator'] as const
const props: Record<string, { id: string }> = {}

beforeAll(async () => {
  h = await startServer()
  p = planApi(h, YEAR)
  for (const u of ['admin', ...NON_ADMINS]) cookies[u] = await login(h.url, u)
  await openYear(h, YEAR)
  props.jobs = await approved(h, YEAR, { unit: 'rsj', theme: '就业创业政策访谈', halfDay: 'pm', joint: ['rx'] })
  props.housing = await approved(h, YEAR, { unit: 'zjj', theme: '住房保障政策发布', form: 'press_release' })
  props.hotline = await approved(h, YEAR, { unit: 'rsj', theme: '社保热线', form: 'hotline' })
  props.draft = await approved(h, YEAR, { unit: 'zjj', theme: '未批准的方案', status: 'submitted' })
  await h.app.db.calendarDay.createMany({ data: [{ date: '2031-05-01', kind: 'holiday', name: '劳动节' }, { date: '2031-05-10', kind: 'workday', name: '调休上班' }] })
})
afterAll(async () => { await h?.close() })

const audits = () => h.app.db.auditLog.count({ where: { action: { startsWith: 'plan.' } } })
const rows = async () => ({ entries: await h.app.db.planEntry.findMany({ orderBy: { id: 'asc' } }), audits: await audits(), events: await h.app.db.event.count() })

describe('permissions', () => {
  it('only the admin reads and compiles the grid or publishes; anonymous 401, every other role 403, nothing written', async () => {
    const before = await rows()
    const calls: [string, (c: string | null) => Promise<Response>][] = [
      ['GET /api/admin/plan', (c) => p.a.get('/api/admin/plan', c)],
      ['GET grid', (c) => p.a.get(`/api/admin/plan/${YEAR}`, c)],
      ['POST entries', (c) => p.add(c, { proposalId: props.jobs!.id, month: 5 })],
      ['PUT entry', (c) => p.update(c, 'any-entry', { revision: 0, month: 6 })],
      ['DELETE entry', (c) => p.remove(c, 'any-entry', { revision: 0 })],
      ['POST publish', (c) => p.publish(c, { state: 'a'.repeat(32), note: 'x', confirmWarnings: true })],
    ]
    for (const [route, call] of calls) {
      expect([route, 'anonymous', ...(await status(call(null)))]).toEqual([route, 'anonymous', 401, 'UNAUTHENTICATED'])
      for (const u of NON_ADMINS) expect([route, u, ...(await status(call(cookies[u]!)))]).toEqual([route, u, 403, 'FORBIDDEN'])
    }
    // The role before the body: a non-admin learns nothing of what a valid body is.
    expect(await errCode(p.add(cookies.editor!, { nonsense: true }))).toBe('FORBIDDEN')
    expect(await rows()).toEqual(before)
  })

  it('the public sees nothing of an unpublished plan: no grid, no draft, 404', async () => {
    expect(await status(p.a.get(`/api/plan/${YEAR}`))).toEqual([404, 'NOT_FOUND'])
    expect(await status(p.a.get(`/api/plan/${YEAR}/revisions/1`))).toEqual([404, 'NOT_FOUND'])
    expect(await status(p.a.get(`/api/plan/1999`))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(p.a.get(`/api/plan/2099`, cookies.editor))).toEqual([404, 'NOT_FOUND'])
  })
})

describe('compiling the grid', () => {
  let g: PlanGridDto
  it('lists the year, its months and the approved proposals not yet placed (not the submitted one)', async () => {
    expect(await p.a.json(p.a.get('/api/admin/plan', cookies.admin))).toEqual([{ year: YEAR, months: [5, 6, 7], revision: 0 }])
    g = await p.grid(cookies.admin!)
    expect(g).toMatchObject({ year: YEAR, months: [5, 6, 7], revision: 0, entries: [], changed: false, revisions: [] })
    expect(g.unplaced.map((x) => x.id).sort()).toEqual([props.jobs!.id, props.housing!.id, props.hotline!.id].sort())
    const jobs = g.unplaced.find((x) => x.id === props.jobs!.id)!
    expect(jobs.units).toEqual([{ id: await unitId(h, 'rsj'), name: '市人力资源和社会保障局', role: 'lead' }, { id: await unitId(h, 'rx'), name: '市12345政务服务便民热线中心', role: 'joint' }])
    expect(g.conflicts.map((c) => c.kind).sort()).toEqual(['month_empty', 'month_empty', 'month_empty', 'unplaced', 'unplaced', 'unplaced'])
    expect(JSON.stringify(g)).not.toContain('secret-cipher')
  })

  it('places proposals in months; conflicts appear as they arise: two themes in a month, a unit leading twice, no date', async () => {
    g = await p.a.json<PlanGridDto>(p.add(cookies.admin!, { proposalId: props.jobs!.id, month: 5 }), 201)
    g = await p.a.json<PlanGridDto>(p.add(cookies.admin!, { proposalId: props.housing!.id, month: 5 }), 201)
    g = await p.a.json<PlanGridDto>(p.add(cookies.admin!, { proposalId: props.hotline!.id, month: 6 }), 201)
    const [jobs, housing, hotline] = [p.entryOf(g, props.jobs!.id), p.entryOf(g, props.housing!.id), p.entryOf(g, props.hotline!.id)]
    expect(jobs).toMatchObject({ month: 5, date: null, startsAt: null, revision: 0 })
    const kinds = g.conflicts.map((c) => [c.kind, c.blocking, c.month, [...c.entryIds].sort()])
    expect(kinds).toEqual(expect.arrayContaining([
      ['month_crowded', false, 5, [jobs.id, housing.id].sort()],
      ['month_empty', false, 7, []],
      ['unit_leads_twice', false, null, [jobs.id, hotline.id].sort()],
      ['no_date', true, 5, [jobs.id]], ['no_date', true, 5, [housing.id]], ['no_date', true, 6, [hotline.id]],
    ]))
    expect(g.conflicts).toHaveLength(6)
    expect(g.unplaced).toEqual([])
    // Nothing dated yet: publishing would change nothing.
    expect(g.changed).toBe(false)
    // Placed twice, unapproved, another year's or a month outside the year: refused.
    expect(await status(p.add(cookies.admin!, { proposalId: props.jobs!.id, month: 6 }))).toEqual([409, 'CONFLICT'])
    expect(await status(p.add(cookies.admin!, { proposalId: props.draft!.id, month: 7 }))).toEqual([409, 'CONFLICT'])
    expect(await status(p.add(cookies.admin!, { proposalId: 'no-such-proposal', month: 7 }))).toEqual([404, 'NOT_FOUND'])
    expect(await status(p.add(cookies.admin!, { proposalId: props.draft!.id, month: 9 }))).toEqual([409, 'CONFLICT'])
    const audit = await h.app.db.auditLog.findFirstOrThrow({ where: { action: 'plan.entry.add', targetId: jobs.id } })
    expect(JSON.parse(audit.detail)).toMatchObject({ year: YEAR, proposalId: props.jobs!.id, month: 5 })
  })

  it('dates an entry: the half-day default in Beijing time (pm 14:30–17:30), times editable; moves and revisions', async () => {
    let jobs = p.entryOf(g, props.jobs!.id)
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, jobs.id, { revision: 0, date: '2031-05-14' }))
    jobs = p.entryOf(g, props.jobs!.id)
    expect(jobs).toMatchObject({ date: '2031-05-14', start: '14:30', end: '17:30', startsAt: '2031-05-14T06:30:00.000Z', endsAt: '2031-05-14T09:30:00.000Z', revision: 1 })
    // A stale revision (a second admin's old screen) is refused and changes nothing.
    const before = await rows()
    expect(await status(p.update(cookies.admin!, jobs.id, { revision: 0, date: '2031-05-15' }))).toEqual([409, 'CONFLICT'])
    expect(await status(p.remove(cookies.admin!, jobs.id, { revision: 0 }))).toEqual([409, 'CONFLICT'])
    expect(await rows()).toEqual(before)
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, jobs.id, { revision: 1, date: '2031-05-15', start: '09:30', end: '11:00' }))
    expect(p.entryOf(g, props.jobs!.id)).toMatchObject({ date: '2031-05-15', start: '09:30', end: '11:00', startsAt: '2031-05-15T01:30:00.000Z', revision: 2 })
    // The am default for the other proposal; a date outside the year or its months is refused.
    const housing = p.entryOf(g, props.housing!.id)
    expect(await status(p.update(cookies.admin!, housing.id, { revision: 0, date: '2030-05-14' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(p.update(cookies.admin!, housing.id, { revision: 0, date: '2031-09-10' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(p.update(cookies.admin!, housing.id, { revision: 0, month: 6, date: '2031-05-14' }))).toEqual([400, 'BAD_REQUEST'])
    // Moving to another month clears the date (it belonged to the old month).
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, housing.id, { revision: 0, date: '2031-05-14' }))
    expect(p.entryOf(g, props.housing!.id)).toMatchObject({ start: '09:00', end: '12:00', startsAt: '2031-05-14T01:00:00.000Z' })
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, housing.id, { revision: 1, month: 7 }))
    expect(p.entryOf(g, props.housing!.id)).toMatchObject({ month: 7, date: null, startsAt: null, revision: 2 })
    expect(g.conflicts.map((c) => c.kind)).not.toContain('month_crowded')
    const audit = await h.app.db.auditLog.findMany({ where: { action: 'plan.entry.update', targetId: housing.id }, orderBy: { at: 'asc' } })
    expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({ from: { month: 5, startsAt: '2031-05-14T01:00:00.000Z' }, to: { month: 7, startsAt: null } })
  })

  it('a holiday and a weekend are flagged; a 调休 Saturday is not; the Beijing date decides', async () => {
    const hotline = p.entryOf(g, props.hotline!.id)
    const housing = p.entryOf(g, props.housing!.id)
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, housing.id, { revision: housing.revision, date: '2031-07-16' }))
    // 2031-05-01 (Thursday) is 劳动节 but the hotline is in June: move it to May first.
    const jobsMonth = p.entryOf(g, props.jobs!.id)
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, jobsMonth.id, { revision: jobsMonth.revision, date: '2031-05-01' }))
    expect(g.conflicts.find((c) => c.kind === 'holiday')).toMatchObject({ date: '2031-05-01', entryIds: [jobsMonth.id], blocking: false })
    // Saturday 00:30 in Beijing (Friday in UTC and New York): a weekend.
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, hotline.id, { revision: hotline.revision, date: '2031-06-14', start: '00:30', end: '03:00' }))
    expect(p.entryOf(g, props.hotline!.id).startsAt).toBe('2031-06-13T16:30:00.000Z')
    expect(g.conflicts.find((c) => c.kind === 'weekend')).toMatchObject({ date: '2031-06-14', entryIds: [hotline.id], month: 6 })
    // The 调休 Saturday (2031-05-10) is a working day.
    const jobs = p.entryOf(g, props.jobs!.id)
    g = await p.a.json<PlanGridDto>(p.update(cookies.admin!, jobs.id, { revision: jobs.revision, date: '2031-05-10' }))
    expect(g.conflicts.map((c) => c.kind).sort()).toEqual(['unit_leads_twice', 'weekend'])
  })

  it('removes an entry (its proposal is unplaced again), with the revision; audited', async () => {
    const hotline = p.entryOf(g, props.hotline!.id)
    g = await p.a.json<PlanGridDto>(p.remove(cookies.admin!, hotline.id, { revision: hotline.revision }))
    expect(g.entries.map((e) => e.proposalId)).not.toContain(props.hotline!.id)
    expect(g.unplaced.map((x) => x.id)).toEqual([props.hotline!.id])
    expect(g.conflicts.map((c) => c.kind).sort()).toEqual(['month_empty', 'unplaced'])
    expect(await status(p.remove(cookies.admin!, hotline.id, { revision: hotline.revision }))).toEqual([404, 'NOT_FOUND'])
    expect(await h.app.db.auditLog.count({ where: { action: 'plan.entry.remove', targetId: hotline.id } })).toBe(1)
  })
})

describe('hostile and malformed bodies', () => {
  it('are refused with BAD_REQUEST and change nothing', async () => {
    const g = await p.grid(cookies.admin!)
    const e = g.entries[0]!
    const before = await rows()
    const bad: [string, () => Promise<Response>][] = [
      ['month as text', () => p.add(cookies.admin!, { proposalId: props.hotline!.id, month: '5' })],
      ['month 13', () => p.add(cookies.admin!, { proposalId: props.hotline!.id, month: 13 })],
      ['extra field', () => p.add(cookies.admin!, { proposalId: props.hotline!.id, month: 6, status: 'approved' })],
      ['id injection', () => p.add(cookies.admin!, { proposalId: "x' OR 1=1 --", month: 6 })],
      ['array body', () => p.add(cookies.admin!, [{ proposalId: props.hotline!.id, month: 6 }])],
      ['not JSON', () => p.a.req('POST', `/api/admin/plan/${YEAR}/entries`, cookies.admin, '{"proposalId":')],
      ['no such day', () => p.update(cookies.admin!, e.id, { revision: e.revision, date: '2031-02-30' })],
      ['end before start', () => p.update(cookies.admin!, e.id, { revision: e.revision, date: '2031-05-14', start: '12:00', end: '09:00' })],
      ['time 24:00', () => p.update(cookies.admin!, e.id, { revision: e.revision, date: '2031-05-14', start: '24:00' })],
      ['times without date', () => p.update(cookies.admin!, e.id, { revision: e.revision, start: '09:00' })],
      ['no revision', () => p.update(cookies.admin!, e.id, { month: 6 })],
      ['negative revision', () => p.remove(cookies.admin!, e.id, { revision: -1 })],
      ['year not a number', () => p.a.get('/api/admin/plan/abc', cookies.admin)],
      ['bad entry id', () => p.update(cookies.admin!, '..%2F..', { revision: 0 })],
      ['lone surrogate note', () => p.publish(cookies.admin!, { state: g.state, note: 'a\uD800b', confirmWarnings: true })],
      ['control chars note', () => p.publish(cookies.admin!, { state: g.state, note: 'a\u0000b', confirmWarnings: true })],
      ['bad state', () => p.publish(cookies.admin!, { state: 'not hex', note: '' })],
      ['confirm as text', () => p.publish(cookies.admin!, { state: g.state, confirmWarnings: 'yes' })],
    ]
    for (const [what, call] of bad) expect([what, ...(await status(call()))]).toEqual([what, 400, 'BAD_REQUEST'])
    expect(await rows()).toEqual(before)
  })
})
