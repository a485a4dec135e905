import type { AdminUnitDto, UnitOptionDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, type Harness, login, send, startServer } from './harness.ts'
import { api, type Api, callPayload, errCode, refs } from './hotline-helpers.ts'

// Issue 11, administration: the admin's units (kinds, parents, deactivation, liaison editors).

let h: Harness
let a: Api
const cookies: Record<string, string> = {}
const NON_ADMINS = ['editor', 'host', 'guest', 'moderator', 'operator'] as const

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  for (const u of ['admin', ...NON_ADMINS]) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

const unitAudits = () => h.app.db.auditLog.count({ where: { action: { startsWith: 'unit.' } } })
const snapshot = async () => ({
  units: await h.app.db.unit.findMany({ orderBy: { id: 'asc' }, select: { id: true, code: true, name: true, nameEn: true, kind: true, parentId: true, active: true } }),
  audits: await unitAudits(),
})
const create = (body: Record<string, unknown>, cookie = cookies.admin) => a.post('/api/admin/units', cookie, body)
const createOk = (body: Record<string, unknown>) => a.json<AdminUnitDto>(create(body), 201)
const update = (id: string, body: unknown, cookie = cookies.admin) => a.put(`/api/admin/units/${id}`, cookie, body)
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }

describe('permissions', () => {
  it('only the admin lists, creates and edits units; everyone else is refused and nothing is written', async () => {
    const gkb = (await h.app.db.unit.findUniqueOrThrow({ where: { code: 'gkb' } })).id
    const before = await snapshot()
    const routes: [string, (cookie: string | null) => Promise<Response>][] = [
      ['GET /api/admin/units', (c) => a.get('/api/admin/units', c)],
      ['POST /api/admin/units', (c) => a.post('/api/admin/units', c, { code: 'matrix', name: '矩阵单位', kind: 'city_dept' })],
      ['PUT /api/admin/units/:id', (c) => a.put(`/api/admin/units/${gkb}`, c, { name: '改名', active: false })],
    ]
    for (const [route, call] of routes) {
      expect([route, 'anonymous', ...(await status(call(null)))]).toEqual([route, 'anonymous', 401, 'UNAUTHENTICATED'])
      for (const u of NON_ADMINS) expect([route, u, ...(await status(call(cookies[u]!)))]).toEqual([route, u, 403, 'FORBIDDEN'])
    }
    // The role is checked before the body: a non-admin learns nothing about what a valid one is.
    expect(await errCode(a.post('/api/admin/units', cookies.host, { nonsense: true }))).toBe('FORBIDDEN')
    expect(await errCode(a.put('/api/admin/units/no-such-unit', cookies.editor, {}))).toBe('FORBIDDEN')
    expect(await snapshot()).toEqual(before)
  })
})

describe('the admin manages units', () => {
  it('creates units of each kind with a parent, lists them with their liaison editors and counts', async () => {
    const county = await createOk({ code: 'xx-county', name: '某某县', nameEn: 'Some County', kind: 'county' })
    expect(county).toMatchObject({ code: 'xx-county', name: '某某县', nameEn: 'Some County', kind: 'county', parentId: null, active: true, editors: [], counts: { accounts: 0, children: 0, events: 0, workOrders: 0 } })
    const town = await createOk({ code: 'xx-town', name: '某某镇', kind: 'county', parentId: county.id, nameEn: '' })
    expect(town).toMatchObject({ parentId: county.id, nameEn: null })
    const zone = await createOk({ code: 'jkq', name: '经济技术开发区', kind: 'zone' })
    expect(zone.kind).toBe('zone')

    const list = await a.json<AdminUnitDto[]>(a.get('/api/admin/units', cookies.admin))
    const rsj = list.find((u) => u.code === 'rsj')!
    // The demo's `editor` is 人社局's liaison; its guest is an account of the unit but no editor.
    expect(rsj.editors.map((e) => e.username)).toEqual(['editor'])
    expect(rsj.editors[0]).toEqual({ id: expect.any(String), username: 'editor', displayName: '人社局 联络员', active: true })
    expect(rsj.counts.accounts).toBe(2)
    expect(rsj.counts.events).toBeGreaterThan(0)
    expect(rsj.counts.workOrders).toBeGreaterThan(0)
    expect(list.find((u) => u.id === county.id)!.counts.children).toBe(1)
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|argon2/)

    const audits = await h.app.db.auditLog.findMany({ where: { action: 'unit.create', targetId: { in: [county.id, town.id, zone.id] } } })
    expect(audits).toHaveLength(3)
    const admin = await h.app.db.user.findUniqueOrThrow({ where: { username: 'admin' } })
    expect(audits.every((r) => r.actorId === admin.id && r.actorRole === 'admin' && r.targetType === 'unit')).toBe(true)
    expect(JSON.parse(audits.find((r) => r.targetId === town.id)!.detail)).toMatchObject({ code: 'xx-town', parentId: county.id, kind: 'county' })
  })

  it('renames, changes kind and parent, deactivates and reactivates; each change audited with old and new value', async () => {
    const u = await createOk({ code: 'rename-me', name: '旧名', kind: 'city_dept' })
    const parent = await createOk({ code: 'rename-parent', name: '上级', kind: 'county' })
    const changed = await a.json<AdminUnitDto>(update(u.id, { name: '新名', nameEn: 'New name', kind: 'county', parentId: parent.id }))
    expect(changed).toMatchObject({ code: 'rename-me', name: '新名', nameEn: 'New name', kind: 'county', parentId: parent.id, active: true })
    const off = await a.json<AdminUnitDto>(update(u.id, { active: false }))
    expect(off.active).toBe(false)
    const on = await a.json<AdminUnitDto>(update(u.id, { active: true, parentId: null }))
    expect(on).toMatchObject({ active: true, parentId: null })
    // Sending what is already there changes nothing and writes nothing.
    const audits = await unitAudits()
    await a.json<AdminUnitDto>(update(u.id, { name: '新名' }))
    expect(await unitAudits()).toBe(audits)

    const rows = await h.app.db.auditLog.findMany({ where: { action: 'unit.update', targetId: u.id }, orderBy: { at: 'asc' } })
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual([
      { code: 'rename-me', name: { from: '旧名', to: '新名' }, nameEn: { from: null, to: 'New name' }, kind: { from: 'city_dept', to: 'county' }, parentId: { from: null, to: parent.id } },
      { code: 'rename-me', active: { from: true, to: false } },
      { code: 'rename-me', active: { from: false, to: true }, parentId: { from: parent.id, to: null } },
    ])
    expect(await errCode(update('no-such-unit', { name: 'x' }))).toBe('NOT_FOUND')
  })

  it('refuses a taken code with CONFLICT, also when two admins create it at the same moment', async () => {
    const before = await snapshot()
    const dup = await create({ code: 'rsj', name: '重复', kind: 'city_dept' })
    expect(dup.status).toBe(409)
    expect(((await dup.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'CONFLICT', message: 'code: a unit with the code "rsj" already exists' })
    // Codes are lower case: an upper-case one is not a way around the rule.
    expect(await errCode(create({ code: 'RSJ', name: '重复', kind: 'city_dept' }))).toBe('BAD_REQUEST')
    expect(await snapshot()).toEqual(before)

    const both = await Promise.all([create({ code: 'race', name: '甲', kind: 'city_dept' }), create({ code: 'race', name: '乙', kind: 'city_dept' })])
    expect(both.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await h.app.db.unit.count({ where: { code: 'race' } })).toBe(1)
  })

  it('refuses parents that do not exist or are deactivated, a unit as its own parent, and every cycle', async () => {
    const top = await createOk({ code: 'cyc-a', name: '甲', kind: 'county' })
    const mid = await createOk({ code: 'cyc-b', name: '乙', kind: 'county', parentId: top.id })
    const low = await createOk({ code: 'cyc-c', name: '丙', kind: 'county', parentId: mid.id })
    const closed = await createOk({ code: 'cyc-closed', name: '已停用', kind: 'county' })
    await a.json(update(closed.id, { active: false }))
    const before = await snapshot()
    expect(await status(update(top.id, { parentId: top.id }))).toEqual([409, 'CONFLICT'])
    expect(await status(update(top.id, { parentId: low.id }))).toEqual([409, 'CONFLICT'])
    expect(await status(update(mid.id, { parentId: low.id }))).toEqual([409, 'CONFLICT'])
    expect(await status(update(top.id, { parentId: 'no-such-unit', name: '不该改' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(update(top.id, { parentId: closed.id }))).toEqual([409, 'CONFLICT'])
    expect(await status(create({ code: 'cyc-new', name: '新', kind: 'county', parentId: 'no-such-unit' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(create({ code: 'cyc-new', name: '新', kind: 'county', parentId: closed.id }))).toEqual([409, 'CONFLICT'])
    expect(await snapshot()).toEqual(before)
    // Moving the lowest one to the top is fine.
    expect((await a.json<AdminUnitDto>(update(low.id, { parentId: top.id }))).parentId).toBe(top.id)

    // Two admins at once, each putting one unit under the other: one of them must be refused.
    // Several pairs at once, so the two checks really overlap on PostgreSQL.
    const pairs = await Promise.all(Array.from({ length: 8 }, async (_, i) => [
      await createOk({ code: `race-x${i}`, name: '子', kind: 'county' }), await createOk({ code: `race-y${i}`, name: '丑', kind: 'county' }),
    ] as const))
    const results = await Promise.all(pairs.flatMap(([x, y]) => [update(x.id, { parentId: y.id }), update(y.id, { parentId: x.id })]))
    expect(results.map((r) => r.status).sort()).toEqual([...Array(8).fill(200), ...Array(8).fill(409)])
    for (const [x, y] of pairs) {
      const [rx, ry] = await Promise.all([x, y].map((u) => h.app.db.unit.findUniqueOrThrow({ where: { id: u.id } })))
      expect([rx!.parentId === y.id, ry!.parentId === x.id].filter(Boolean)).toHaveLength(1)
    }
  })

  it('refuses hostile and malformed bodies with BAD_REQUEST and stores nothing', async () => {
    const target = (await h.app.db.unit.findUniqueOrThrow({ where: { code: 'zjj' } })).id
    const ok = { code: 'hostile', name: '单位', kind: 'city_dept' }
    const bad: unknown[] = [
      '{', '[]', '"unit"', 'null', {}, { name: '单位', kind: 'city_dept' },
      { ...ok, code: "x'; DROP TABLE \"Unit\"; --" }, { ...ok, code: 'a b' }, { ...ok, code: '-lead' }, { ...ok, code: 'x'.repeat(33) }, { ...ok, code: '单位' },
      { ...ok, name: '' }, { ...ok, name: '   ' }, { ...ok, name: 'x'.repeat(61) }, { ...ok, name: 'bad\u0000name' }, { ...ok, name: 'half \uD800' },
      { ...ok, kind: 'province' }, { ...ok, kind: null }, { ...ok, nameEn: 5 }, { ...ok, parentId: '../etc' }, { ...ok, parentId: 7 },
      { ...ok, active: false }, { ...ok, id: 'chosen-id' }, { ...ok, createdAt: '2020-01-01' }, '{"code":"hostile","name":"单位","kind":"city_dept","__proto__":{"admin":true}}',
    ]
    const before = await snapshot()
    for (const body of bad) {
      expect([body, await errCode(create(body as Record<string, unknown>))]).toEqual([body, 'BAD_REQUEST'])
    }
    const badUpdates: unknown[] = [
      '{', '[]', {}, { code: 'renamed' }, { active: 'yes' }, { name: '' }, { kind: 'county', extra: 1 }, { parentId: '' }, { nameEn: 'x'.repeat(121) },
    ]
    for (const body of badUpdates) expect([body, await errCode(update(target, body))]).toEqual([body, 'BAD_REQUEST'])
    expect(await errCode(update('bad id!', { name: 'x' }))).toBe('BAD_REQUEST')
    const huge = await create({ ...ok, name: 'x'.repeat(70_000) })
    expect(huge.status).toBe(413)
    expect(await snapshot()).toEqual(before)
  })
})

describe('deactivated units and hand-offs', () => {
  it('GET /api/units marks deactivated units, and a new hand-off to one is refused', async () => {
    const unit = await createOk({ code: 'handoff-off', name: '停用单位', kind: 'city_dept' })
    const r = await refs(h, cookies.operator!)
    const op = await client(h.url, { cookie: cookies.operator })
    try {
      const handOff = (unitId: string) => send(op, 'call:log', callPayload(r, { disposition: 'handed_off', reply: undefined, unitId }))
      expect((await handOff(unit.id)).ok).toBe(true)
      await a.json(update(unit.id, { active: false }))
      const units = await a.json<UnitOptionDto[]>(a.get('/api/units', cookies.operator))
      expect(units.find((u) => u.id === unit.id)).toEqual({ id: unit.id, code: 'handoff-off', name: '停用单位', nameEn: null, kind: 'city_dept', active: false })
      expect(units.find((u) => u.code === 'rsj')?.active).toBe(true)
      const calls = await h.app.db.hotlineCall.count()
      const refused = await handOff(unit.id)
      expect(refused).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
      expect(await h.app.db.hotlineCall.count()).toBe(calls)
      // Its old work order stays where it was.
      expect(await h.app.db.workOrder.count({ where: { unitId: unit.id } })).toBe(1)
    } finally {
      op.close()
    }
  })
})
