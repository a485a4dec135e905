import type { CallStaffDto, HotlineFiguresDto, WorkOrderDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORDER_HEADERS } from '../src/features/workorders/export.ts'
import { DEMO_HOTLINE_SESSION as S } from '../src/seed/demo.ts'
import { client, type Harness, login, ok, send, startServer } from './harness.ts'
import { addStaff, api, type Api, callPayload, errCode, parseCsv, type Refs, refs, xlsxRows } from './hotline-helpers.ts'

let h: Harness
let a: Api
let r: Refs
const cookies: Record<string, string> = {}

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  // Another unit's editor, and an operator of no session.
  await addStaff(h, 'editor_zjj', 'unit_editor', 'zjj')
  await addStaff(h, 'operator_idle', 'operator', 'rx')
  for (const u of ['admin', 'operator', 'operator_idle', 'host', 'editor', 'editor_zjj', 'moderator', 'guest']) cookies[u] = await login(h.url, u)
  r = await refs(h, cookies.operator!)
})
afterAll(async () => { await h?.close() })

const list = (who: string | null, query = '') => a.get(`/api/work-orders${query}`, who ? cookies[who] : null)
const act = (who: string | null, id: string, action: 'accept' | 'reply' | 'callback', body?: unknown) =>
  a.post(`/api/work-orders/${id}/${action}`, who ? cookies[who] : null, body)

/** A call handed off to a unit, logged by the demo operator over a socket. */
async function handOff(unitCode: string, over: Parameters<typeof callPayload>[1] = {}): Promise<CallStaffDto> {
  const op = await client(h.url, { cookie: cookies.operator! })
  const call = ok(await send(op, 'call:log', callPayload(r, { disposition: 'handed_off', reply: undefined, unitId: r.unit(unitCode), appealTypeId: r.type('complaint'), ...over })))
  op.close()
  return call
}

describe('who sees which work orders', () => {
  it('unit editors see their unit\'s, operators their sessions\', the admin all; others nothing', async () => {
    const zjjCall = await handOff('zjj', { phone: '13512340000' })
    const mine = await a.json<WorkOrderDto[]>(list('editor'))
    expect(mine.length).toBeGreaterThanOrEqual(1)
    expect(mine.every((o) => o.unitId === r.unit('rsj') && o.unitName === '市人力资源和社会保障局')).toBe(true)
    // The demo seed handed one call to 人社局: the demo editor has it.
    const demo = mine.find((o) => o.phoneMasked === '0746-***3171')!
    expect(demo).toMatchObject({ status: 'assigned', sessionId: S, overdue: false, reopenCount: 0, domainId: r.domain('social') })
    const theirs = await a.json<WorkOrderDto[]>(list('editor_zjj'))
    expect(theirs.map((o) => o.callId)).toEqual([zjjCall.id])
    const all = await a.json<WorkOrderDto[]>(list('admin'))
    expect(all.length).toBe(mine.length + theirs.length)
    expect((await a.json<WorkOrderDto[]>(list('operator'))).length).toBe(all.length)

    expect(await errCode(list(null))).toBe('UNAUTHENTICATED')
    for (const u of ['host', 'guest', 'moderator', 'operator_idle']) expect(await errCode(list(u)), u).toBe('FORBIDDEN')
    const text = JSON.stringify(all)
    expect(text).not.toContain('07468533171')
    expect(text).not.toContain('李秀英')
  })
})

describe('the follow-up of one order', () => {
  it('assigned -> accepted -> replied -> unsatisfied callback reopens -> replied -> satisfied closes; outsiders change nothing', async () => {
    const call = await handOff('rsj', { phone: '13688889999', content: '小区物业克扣押金，要求退还' })
    const id = call.workOrderId!
    const status = async () => (await h.app.db.workOrder.findUniqueOrThrow({ where: { id } })).status
    expect(await status()).toBe('assigned')

    // Nobody but the unit (and the admin) accepts; nothing changes on a refusal.
    expect(await errCode(act(null, id, 'accept'))).toBe('UNAUTHENTICATED')
    for (const u of ['editor_zjj', 'operator', 'host', 'moderator', 'guest']) expect(await errCode(act(u, id, 'accept')), u).toBe('FORBIDDEN')
    expect(await status()).toBe('assigned')
    // Out of order: CONFLICT.
    expect(await errCode(act('editor', id, 'reply', { reply: '已处理' }))).toBe('CONFLICT')
    expect(await errCode(act('operator', id, 'callback', { satisfaction: 'satisfied' }))).toBe('CONFLICT')

    const accepted = await a.json<WorkOrderDto>(act('editor', id, 'accept'))
    expect(accepted).toMatchObject({ status: 'accepted', callId: call.id, unitName: '市人力资源和社会保障局' })
    expect(accepted.acceptedAt).toBeTruthy()
    expect(await errCode(act('editor', id, 'accept'))).toBe('CONFLICT')
    expect(await errCode(act('editor_zjj', id, 'reply', { reply: '不是我们的' }))).toBe('FORBIDDEN')

    const replied = await a.json<WorkOrderDto>(act('editor', id, 'reply', { reply: '已约谈物业公司，押金三日内退还。' }))
    expect(replied).toMatchObject({ status: 'replied', reply: '已约谈物业公司，押金三日内退还。' })
    // Callbacks are the operators' (and the admin's), not the unit's.
    for (const u of ['editor', 'editor_zjj', 'host', 'operator_idle']) expect(await errCode(act(u, id, 'callback', { satisfaction: 'satisfied' })), u).toBe('FORBIDDEN')
    expect(await status()).toBe('replied')

    const reopened = await a.json<WorkOrderDto>(act('operator', id, 'callback', { satisfaction: 'unsatisfied', note: '押金尚未退还' }))
    expect(reopened).toMatchObject({ status: 'accepted', satisfaction: 'unsatisfied', reopenCount: 1, closedAt: null })
    await a.json(act('editor', id, 'reply', { reply: '押金已退还，请查收。' }))
    const closed = await a.json<WorkOrderDto>(act('operator', id, 'callback', { satisfaction: 'basically_satisfied' }))
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied', reopenCount: 1, overdue: false })
    expect(closed.closedAt).toBeTruthy()
    for (const action of ['accept', 'reply', 'callback'] as const) {
      expect(await errCode(act('admin', id, action, action === 'reply' ? { reply: 'x' } : action === 'callback' ? { satisfaction: 'satisfied' } : undefined)), action).toBe('CONFLICT')
    }

    const audit = await h.app.db.auditLog.findMany({ where: { targetType: 'work_order', targetId: id }, orderBy: { at: 'asc' } })
    expect(audit.map((x) => x.action).sort()).toEqual(['workorder.accept', 'workorder.callback', 'workorder.callback', 'workorder.reply', 'workorder.reply'])
    // The session's figures: one callback unsatisfied, one satisfied among this session's orders.
    const f = await a.json<HotlineFiguresDto>(a.get(`/api/hotline/sessions/${S}/figures`))
    expect(f).toMatchObject({ closed: 1, closedOnTime: 1, satisfactionRate: 0.5 })
  })

  it('two people accepting at once: one wins, the other is told CONFLICT', async () => {
    const call = await handOff('rsj')
    const results = await Promise.all([act('editor', call.workOrderId!, 'accept'), act('admin', call.workOrderId!, 'accept')])
    expect(results.map((x) => x.status).sort()).toEqual([200, 409])
    expect(await h.app.db.auditLog.count({ where: { targetId: call.workOrderId!, action: 'workorder.accept' } })).toBe(1)
  })

  it('refuses malformed requests with codes', async () => {
    const call = await handOff('rsj')
    const id = call.workOrderId!
    await a.json(act('editor', id, 'accept'))
    expect(await errCode(act('editor', id, 'reply', { reply: '' }))).toBe('BAD_REQUEST')
    expect(await errCode(act('editor', id, 'reply', { reply: 'x'.repeat(5001) }))).toBe('BAD_REQUEST')
    expect(await errCode(act('editor', id, 'reply', { reply: 'ok', status: 'closed' }))).toBe('BAD_REQUEST')
    expect(await errCode(act('editor', id, 'reply', '{"__proto__":{"x":1},"reply":"ok"}'))).toBe('BAD_REQUEST')
    expect(await errCode(act('editor', id, 'reply', '{not json'))).toBe('BAD_REQUEST')
    expect(await errCode(act('operator', id, 'callback', { satisfaction: 'great' }))).toBe('BAD_REQUEST')
    expect(await errCode(act('admin', 'no-such-order', 'accept'))).toBe('NOT_FOUND')
    expect(await errCode(act('admin', '..%2F..%2Fx', 'accept'))).toBe('BAD_REQUEST')
    expect(await errCode(list('admin', '?status=lost'))).toBe('BAD_REQUEST')
    expect((await h.app.db.workOrder.findUniqueOrThrow({ where: { id } })).status).toBe('accepted')
  })
})

describe('deadlines', () => {
  it('an open order past its deadline is overdue (computed on read) and filterable; a closed one never is', async () => {
    const late = await handOff('rsj')
    await h.app.db.workOrder.update({ where: { id: late.workOrderId! }, data: { dueAt: new Date(Date.now() - 60_000) } })
    const overdue = await a.json<WorkOrderDto[]>(list('editor', '?overdue=1'))
    expect(overdue.map((o) => o.id)).toContain(late.workOrderId)
    expect(overdue.every((o) => o.overdue && o.status !== 'closed')).toBe(true)
    const closedLate = await a.json<WorkOrderDto[]>(list('admin', '?status=closed&overdue=1'))
    expect(closedLate).toEqual([])
    const assigned = await a.json<WorkOrderDto[]>(list('admin', '?status=assigned'))
    expect(assigned.every((o) => o.status === 'assigned')).toBe(true)
    expect(assigned.map((o) => o.id)).toContain(late.workOrderId)
  })
})

describe('work order exports', () => {
  it('the unit gets its own orders, masked; the admin full numbers with an audit entry; others nothing', async () => {
    const mine = await a.json<WorkOrderDto[]>(list('editor'))
    const res = await a.get('/api/work-orders.xlsx', cookies.editor)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/filename="work-orders\.xlsx"; filename\*=UTF-8''12345%E5%B7%A5%E5%8D%95\.xlsx/)
    const rows = await xlsxRows(res)
    expect(rows[0]).toEqual([...ORDER_HEADERS])
    expect(rows.slice(1).map((x) => x[0]).sort()).toEqual(mine.map((o) => o.id).sort())
    const phone = rows[0]!.indexOf('电话'), unit = rows[0]!.indexOf('承办单位')
    expect(rows.slice(1).every((x) => x[phone]!.includes('*') && x[unit] === '市人力资源和社会保障局')).toBe(true)

    const csv = await a.get('/api/work-orders.csv?status=closed', cookies.editor)
    const parsed = await parseCsv((await csv.text()).replace(/^\uFEFF/, ''))
    expect(parsed[0]).toEqual([...ORDER_HEADERS])
    expect(parsed.slice(1).map((x) => x[rows[0]!.indexOf('状态')])).toEqual(mine.filter((o) => o.status === 'closed').map(() => '已办结'))

    expect(await errCode(a.post('/api/work-orders.xlsx', cookies.editor, {}))).toBe('FORBIDDEN')
    expect(await errCode(a.post('/api/work-orders.csv', cookies.operator, {}))).toBe('FORBIDDEN')
    expect(await errCode(a.get('/api/work-orders.csv', cookies.host))).toBe('FORBIDDEN')
    expect(await errCode(a.get('/api/work-orders.csv'))).toBe('UNAUTHENTICATED')
    expect(await h.app.db.auditLog.count({ where: { action: 'workorder.export_full' } })).toBe(0)
    const full = await parseCsv((await (await a.post('/api/work-orders.csv', cookies.admin, {})).text()).replace(/^\uFEFF/, ''))
    expect(full.some((x) => x[phone] === '07468533171' && x[rows[0]!.indexOf('来电人')] === '李秀英')).toBe(true)
    const audit = await h.app.db.auditLog.findMany({ where: { action: 'workorder.export_full' } })
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actorRole).toBe('admin')
  })
})
