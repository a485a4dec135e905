import type { PlanGridDto, PlanPublishResult, PlanRevisionDto, PublicPlanDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenToken, client, type Client, type Harness, login, send, startServer } from './harness.ts'
import { approved, openYear, planApi, status, unitId } from './plan-helpers.ts'

// Issue 11, the annual plan: publishing makes the year's events, revisions after it, the public plan,
// and a cancelled event's session closed to the public at once.

const YEAR = 2032
let h: Harness
let p: ReturnType<typeof planApi>
let admin: string
const props: Record<string, { id: string }> = {}
const sockets: Client[] = []

beforeAll(async () => {
  h = await startServer()
  p = planApi(h, YEAR)
  admin = await login(h.url, 'admin')
  await openYear(h, YEAR, '5,6,7')
  props.jobs = await approved(h, YEAR, { unit: 'rsj', theme: '就业创业政策访谈', form: 'video_interview', halfDay: 'pm', joint: ['rx', 'zjj'] })
  props.housing = await approved(h, YEAR, { unit: 'zjj', theme: '住房保障政策发布', form: 'press_release' })
  props.hotline = await approved(h, YEAR, { unit: 'rx', theme: '12345热线开放日', form: 'hotline' })
})
afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await h?.close()
})

const place = async (proposalId: string, month: number, date: string, times: { start?: string; end?: string } = {}) => {
  let g = await p.a.json<PlanGridDto>(p.add(admin, { proposalId, month }), 201)
  g = await p.a.json<PlanGridDto>(p.update(admin, p.entryOf(g, proposalId).id, { revision: 0, date, ...times }))
  return g
}
const publish = (body: Record<string, unknown>) => p.publish(admin, body)
const planEvents = () => h.app.db.event.findMany({ where: { year: YEAR }, include: { hostUnits: true, sessions: true }, orderBy: { startsAt: 'asc' } })

describe('the first publication', () => {
  it('is refused while an entry has no date (blocking), and without confirming the warnings', async () => {
    let g = await p.a.json<PlanGridDto>(p.add(admin, { proposalId: props.jobs!.id, month: 5 }), 201)
    expect((await publish({ state: g.state, confirmWarnings: true })).status).toBe(409)
    g = await p.a.json<PlanGridDto>(p.update(admin, p.entryOf(g, props.jobs!.id).id, { revision: 0, date: '2032-05-12' }))
    g = await place(props.housing!.id, 6, '2032-06-16', { start: '09:30', end: '11:30' })
    // July is empty and the hotline unplaced: warnings, which need the confirmation.
    expect(g.conflicts.map((c) => c.kind).sort()).toEqual(['month_empty', 'unplaced'])
    const r = await publish({ state: g.state })
    expect(r.status).toBe(409)
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/confirmWarnings/)
    // A grid that changed since it was shown: refused.
    expect(await status(publish({ state: 'f'.repeat(32), confirmWarnings: true }))).toEqual([409, 'CONFLICT'])
    expect(await h.app.db.event.count({ where: { year: YEAR } })).toBe(0)
    expect(await h.app.db.planRevision.count()).toBe(0)
  })

  it('creates the events, host units and one session of the form each; revision 1 with the snapshot; a double click makes one', async () => {
    const g = await p.grid(admin)
    expect(g.changed).toBe(true)
    // Two clicks at once, naming the same state.
    const [r1, r2] = await Promise.all([publish({ state: g.state, confirmWarnings: true }), publish({ state: g.state, confirmWarnings: true })])
    const results = [await p.a.json<PlanPublishResult>(r1), await p.a.json<PlanPublishResult>(r2)]
    expect(results.map((r) => [r.number, r.created]).sort()).toEqual([[1, false], [1, true]])
    expect(await h.app.db.planRevision.count({ where: { year: YEAR } })).toBe(1)
    expect((await h.app.db.planYear.findUniqueOrThrow({ where: { year: YEAR } })).revision).toBe(1)
    // And a third click later still finds nothing to change.
    expect(await p.a.json<PlanPublishResult>(publish({ state: g.state, confirmWarnings: true }))).toMatchObject({ number: 1, created: false })

    const events = await planEvents()
    expect(events).toHaveLength(2)
    const [jobs, housing] = events as [typeof events[number], typeof events[number]]
    expect(jobs).toMatchObject({
      status: 'planned', year: YEAR, month: 5, theme: '就业创业政策访谈', form: 'video_interview', summary: '', previewDays: 5, proposalId: props.jobs!.id, sequence: 0, cancelledAt: null,
      startsAt: new Date('2032-05-12T06:30:00.000Z'), endsAt: new Date('2032-05-12T09:30:00.000Z'),
    })
    const [rsj, rx, zjj] = [await unitId(h, 'rsj'), await unitId(h, 'rx'), await unitId(h, 'zjj')]
    expect(jobs.hostUnits.map((u) => [u.unitId, u.role]).sort()).toEqual([[rsj, 'lead'], [rx, 'joint'], [zjj, 'joint']].sort())
    expect(jobs.sessions.map((s) => [s.kind, s.title, s.status, s.scheduledStart.toISOString(), s.scheduledEnd.toISOString()]))
      .toEqual([['video_interview', '就业创业政策访谈', 'scheduled', '2032-05-12T06:30:00.000Z', '2032-05-12T09:30:00.000Z']])
    expect(housing).toMatchObject({ month: 6, form: 'press_release', startsAt: new Date('2032-06-16T01:30:00.000Z') })
    expect(housing.sessions.map((s) => s.kind)).toEqual(['press_release'])
    expect(housing.hostUnits.map((u) => [u.unitId, u.role])).toEqual([[zjj, 'lead']])

    const rev = await h.app.db.planRevision.findFirstOrThrow({ where: { year: YEAR, number: 1 } })
    expect(JSON.parse(rev.snapshot)).toEqual([
      { eventId: jobs.id, theme: '就业创业政策访谈', form: 'video_interview', startsAt: '2032-05-12T06:30:00.000Z', endsAt: '2032-05-12T09:30:00.000Z', status: 'planned',
        units: [{ id: rsj, name: '市人力资源和社会保障局', role: 'lead' }, ...[{ id: rx, name: '市12345政务服务便民热线中心', role: 'joint' }, { id: zjj, name: '市住房和城乡建设局', role: 'joint' }].sort((a, b) => (a.id < b.id ? -1 : 1))] },
      { eventId: housing.id, theme: '住房保障政策发布', form: 'press_release', startsAt: '2032-06-16T01:30:00.000Z', endsAt: '2032-06-16T03:30:00.000Z', status: 'planned', units: [{ id: zjj, name: '市住房和城乡建设局', role: 'lead' }] },
    ])
    expect(rev.note).toBe('')
    const audit = await h.app.db.auditLog.findMany({ where: { action: 'plan.publish' } })
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ number: 1, created: 2, warnings: ['month_empty', 'unplaced'] })
  })

  it('is public: the current revision and the history, nothing of proposals or contacts', async () => {
    const plan = await p.a.json<PublicPlanDto>(p.a.get(`/api/plan/${YEAR}`))
    expect(plan.current).toMatchObject({ year: YEAR, number: 1, note: '' })
    expect(plan.current.snapshot.map((i) => i.theme)).toEqual(['就业创业政策访谈', '住房保障政策发布'])
    expect(plan.revisions).toEqual([{ number: 1, note: '', publishedAt: plan.current.publishedAt, changes: { added: expect.any(Array), removed: [], moved: [], changed: [] } }])
    const text = JSON.stringify(plan)
    expect(text).not.toMatch(/secret-cipher|13900001111|steps|步骤|proposal/)
    expect(await status(p.a.get(`/api/plan/${YEAR}/revisions/2`))).toEqual([404, 'NOT_FOUND'])
  })
})

describe('a later publication', () => {
  let citizen: Client
  let staffSocket: Client
  let housingSession: string

  it('needs a note; moves raise the sequence, a removed entry cancels its event and closes its session room to citizens', async () => {
    const before = await planEvents()
    const housing = before.find((e) => e.proposalId === props.housing!.id)!
    housingSession = housing.sessions[0]!.id
    // The office opened the housing event's page early; a citizen and the admin watch its session.
    await h.app.db.event.update({ where: { id: housing.id }, data: { status: 'published' } })
    citizen = await client(h.url, { citizenToken: await citizenToken(h.url) })
    staffSocket = await client(h.url, { cookie: admin })
    sockets.push(citizen, staffSocket)
    expect((await send(citizen, 'session:join', { sessionId: housingSession })).ok).toBe(true)
    expect((await send(staffSocket, 'session:join', { sessionId: housingSession })).ok).toBe(true)
    const room = () => h.app.io.of('/').adapter.rooms.get(`s:${housingSession}`) ?? new Set()
    expect(room().has(citizen.id!)).toBe(true)

    let g = await p.grid(admin)
    g = await p.a.json<PlanGridDto>(p.remove(admin, p.entryOf(g, props.housing!.id).id, { revision: p.entryOf(g, props.housing!.id).revision }))
    const jobsEntry = p.entryOf(g, props.jobs!.id)
    g = await p.a.json<PlanGridDto>(p.update(admin, jobsEntry.id, { revision: jobsEntry.revision, date: '2032-05-13', start: '14:00', end: '17:00' }))
    g = await place(props.hotline!.id, 7, '2032-07-14')
    expect(await status(publish({ state: g.state, confirmWarnings: true }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(publish({ state: g.state, confirmWarnings: true, note: '   ' }))).toEqual([400, 'BAD_REQUEST'])
    const res = await p.a.json<PlanPublishResult>(publish({ state: g.state, confirmWarnings: true, note: '住建局活动取消；人社局改期至5月13日；增加热线开放日' }))
    expect(res).toMatchObject({ number: 2, created: true })

    const after = await planEvents()
    const jobs = after.find((e) => e.proposalId === props.jobs!.id)!
    expect(jobs).toMatchObject({ sequence: 1, status: 'planned', startsAt: new Date('2032-05-13T06:00:00.000Z') })
    expect(jobs.sessions[0]).toMatchObject({ scheduledStart: new Date('2032-05-13T06:00:00.000Z'), scheduledEnd: new Date('2032-05-13T09:00:00.000Z') })
    const cancelled = after.find((e) => e.id === housing.id)!
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 })
    expect(cancelled.cancelledAt).toBeInstanceOf(Date)
    const hotline = after.find((e) => e.proposalId === props.hotline!.id)!
    expect(hotline).toMatchObject({ sequence: 0, status: 'planned', form: 'hotline', month: 7 })
    expect(hotline.sessions.map((s) => s.kind)).toEqual(['hotline'])

    // The citizen is out of the room at once; the admin (staff) stays; a re-join is refused.
    await expect.poll(() => room().has(citizen.id!)).toBe(false)
    expect(room().has(staffSocket.id!)).toBe(true)
    const again = await send(citizen, 'session:join', { sessionId: housingSession })
    expect(again).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(room().has(citizen.id!)).toBe(false)
  })

  it('the public sees revision 2 with its note and what changed; revision 1 stays readable', async () => {
    const plan = await p.a.json<PublicPlanDto>(p.a.get(`/api/plan/${YEAR}`))
    expect(plan.current.number).toBe(2)
    expect(plan.current.note).toMatch(/住建局活动取消/)
    expect(plan.current.snapshot.map((i) => [i.theme, i.status])).toEqual([['就业创业政策访谈', 'planned'], ['住房保障政策发布', 'cancelled'], ['12345热线开放日', 'planned']])
    const changes = plan.revisions[1]!.changes
    expect(changes.added.map((c) => c.theme)).toEqual(['12345热线开放日'])
    expect(changes.removed.map((c) => c.theme)).toEqual(['住房保障政策发布'])
    expect(changes.moved.map((c) => [c.theme, c.from, c.to])).toEqual([['就业创业政策访谈', '2032-05-12T06:30:00.000Z', '2032-05-13T06:00:00.000Z']])
    const r1 = await p.a.json<PlanRevisionDto>(p.a.get(`/api/plan/${YEAR}/revisions/1`))
    expect(r1.snapshot.map((i) => i.status)).toEqual(['planned', 'planned'])
  })

  it('a re-added proposal reopens its event (sequence + 1); an event whose session went live is not moved', async () => {
    let g = await place(props.housing!.id, 6, '2032-06-17')
    let res = await p.a.json<PlanPublishResult>(publish({ state: g.state, confirmWarnings: true, note: '住建局活动恢复，改至6月17日' }))
    expect(res).toMatchObject({ number: 3, created: true })
    const housing = await h.app.db.event.findUniqueOrThrow({ where: { proposalId: props.housing!.id }, include: { sessions: true } })
    expect(housing).toMatchObject({ status: 'planned', cancelledAt: null, sequence: 2, startsAt: new Date('2032-06-17T01:00:00.000Z') })
    const jobs = await h.app.db.event.findUniqueOrThrow({ where: { proposalId: props.jobs!.id }, include: { sessions: true } })
    expect(jobs.sequence).toBe(1)

    // The jobs interview went live: the plan refuses to move or remove it (CONFLICT), nothing changes.
    await h.app.db.session.update({ where: { id: jobs.sessions[0]!.id }, data: { status: 'live', startedAt: new Date() } })
    g = await p.grid(admin)
    const e = p.entryOf(g, props.jobs!.id)
    expect(await status(p.update(admin, e.id, { revision: e.revision, date: '2032-05-20' }))).toEqual([409, 'CONFLICT'])
    expect(await status(p.remove(admin, e.id, { revision: e.revision }))).toEqual([409, 'CONFLICT'])
    res = await p.a.json<PlanPublishResult>(publish({ state: g.state, confirmWarnings: true, note: 'nothing' }))
    expect(res).toMatchObject({ number: 3, created: false })
    expect(await h.app.db.planRevision.count({ where: { year: YEAR } })).toBe(3)
  })
})
