import type { AccountDto, OneTimePasswordDto, StaffUserDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S, demoPassword } from '../src/seed/demo.ts'
import { citizenToken, client, type Client, clientId, type Harness, login, ok, send, startServer } from './harness.ts'
import { api, type Api, errCode } from './hotline-helpers.ts'

// Issue 11, administration: staff accounts, one-time passwords that must be changed, disabling and
// resetting (logins and sockets end at once), the last admin, and the audit of all of it.

let h: Harness
let a: Api
const cookies: Record<string, string> = {}
const NON_ADMINS = ['editor', 'host', 'guest', 'moderator', 'operator'] as const
/** Every password this file makes or sets: none may ever show up in the audit log. */
const secrets: string[] = []

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  for (const u of ['admin', ...NON_ADMINS]) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

const OTP = /^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
const closed = (s: Client) => new Promise<string>((resolve) => { if (!s.connected) resolve('closed'); s.once('disconnect', (reason) => resolve(reason)) })
const within = <T>(p: Promise<T>, ms = 2000) => Promise.race([p, new Promise<never>((_r, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))])
const userId = async (username: string) => (await h.app.db.user.findUniqueOrThrow({ where: { username } })).id
const unitId = async (unitCode: string) => (await h.app.db.unit.findUniqueOrThrow({ where: { code: unitCode } })).id

async function tryLogin(username: string, password: string, url = h.url): Promise<{ status: number; cookie: string | null; user: StaffUserDto | null }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-openday-csrf': '1' }, body: JSON.stringify({ username, password }),
  })
  return { status: res.status, cookie: res.ok ? res.headers.get('set-cookie')!.split(';')[0]! : null, user: res.ok ? (await res.json()) as StaffUserDto : null }
}

async function createAccount(body: Record<string, unknown>, ah = a, cookie = cookies.admin): Promise<OneTimePasswordDto> {
  const res = await ah.post('/api/admin/accounts', cookie, body)
  expect(res.headers.get('cache-control')).toBe('no-store')
  const created = await ah.json<OneTimePasswordDto>(res, 201)
  secrets.push(created.oneTimePassword)
  return created
}

const changePassword = (cookie: string | null, body: unknown, ah = a) => ah.post('/api/auth/password', cookie, body)

async function pendingQuestion(): Promise<string> {
  const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
  const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '一个待审核的问题' }))
  c.close()
  return q.id
}

const accountRows = () => h.app.db.user.findMany({ orderBy: { id: 'asc' }, select: { id: true, username: true, displayName: true, role: true, unitId: true, active: true, mustChangePassword: true, passwordHash: true } })
const snapshot = async () => ({
  users: await accountRows(),
  audits: await h.app.db.auditLog.count({ where: { action: { startsWith: 'account.' } } }),
  logins: await h.app.db.authSession.count(),
})

describe('permissions', () => {
  it('only the admin lists, creates, edits, resets, disables and enables accounts; nothing is written otherwise', async () => {
    const target = await userId('guest')
    const routes: [string, (cookie: string | null) => Promise<Response>][] = [
      ['GET /api/admin/accounts', (c) => a.get('/api/admin/accounts', c)],
      ['GET /api/admin/accounts?role=', (c) => a.get('/api/admin/accounts?role=admin', c)],
      ['POST /api/admin/accounts', (c) => a.post('/api/admin/accounts', c, { username: 'matrix-user', displayName: '矩阵', role: 'admin' })],
      ['PUT /api/admin/accounts/:id', (c) => a.put(`/api/admin/accounts/${target}`, c, { role: 'admin' })],
      ['POST .../reset-password', (c) => a.post(`/api/admin/accounts/${target}/reset-password`, c)],
      ['POST .../disable', (c) => a.post(`/api/admin/accounts/${target}/disable`, c)],
      ['POST .../enable', (c) => a.post(`/api/admin/accounts/${target}/enable`, c)],
    ]
    const before = await snapshot()
    for (const [route, call] of routes) {
      expect([route, 'anonymous', ...(await status(call(null)))]).toEqual([route, 'anonymous', 401, 'UNAUTHENTICATED'])
      for (const u of NON_ADMINS) expect([route, u, ...(await status(call(cookies[u]!)))]).toEqual([route, u, 403, 'FORBIDDEN'])
    }
    // A staff member cannot make themselves admin either.
    expect(await errCode(a.put(`/api/admin/accounts/${await userId('editor')}`, cookies.editor, { role: 'admin' }))).toBe('FORBIDDEN')
    expect(await status(changePassword(null, { current: 'x', next: 'a-new-password' }))).toEqual([401, 'UNAUTHENTICATED'])
    expect(await snapshot()).toEqual(before)
  })
})

describe('one-time passwords', () => {
  it('are returned once, argon2-hashed, never listed; they log in and then allow nothing but a password change', async () => {
    const zjj = await unitId('zjj')
    const { account, oneTimePassword } = await createAccount({ username: 'liaison-zjj', displayName: '住建局 联络员', role: 'unit_editor', unitId: zjj })
    expect(oneTimePassword).toMatch(OTP)
    expect(account).toMatchObject({ username: 'liaison-zjj', displayName: '住建局 联络员', role: 'unit_editor', unit: { id: zjj, code: 'zjj' }, active: true, mustChangePassword: true })
    const row = await h.app.db.user.findUniqueOrThrow({ where: { id: account.id } })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    expect(row.passwordHash).not.toContain(oneTimePassword)
    expect(row.mustChangePassword).toBe(true)

    const listed = await a.get('/api/admin/accounts', cookies.admin)
    const text = await listed.text()
    expect(text).not.toContain(oneTimePassword)
    expect(text).not.toMatch(/argon2|passwordHash|oneTimePassword/)
    expect((JSON.parse(text) as AccountDto[]).find((x) => x.id === account.id)?.mustChangePassword).toBe(true)

    const first = await tryLogin('liaison-zjj', oneTimePassword)
    expect(first.status).toBe(200)
    expect(first.user).toMatchObject({ username: 'liaison-zjj', mustChangePassword: true })
    expect(await a.json<StaffUserDto>(a.get('/api/auth/me', first.cookie))).toMatchObject({ mustChangePassword: true })
    for (const path of ['/api/staff/assignments', '/api/work-orders', '/api/units', '/api/admin/calendar']) {
      const res = await a.get(path, first.cookie)
      expect([path, res.status]).toEqual([path, 403])
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/change your one-time password/) })
    }
    cookies.liaison = first.cookie!
  })

  it('a must-change admin is refused staff commands over its socket and admin routes until it has changed its password', async () => {
    const { account, oneTimePassword } = await createAccount({ username: 'second-admin', displayName: '第二管理员', role: 'admin' })
    const { cookie } = await tryLogin('second-admin', oneTimePassword)
    const tab = await client(h.url, { cookie: cookie! })
    try {
      const q = await pendingQuestion()
      // Sees the session as the public does: no moderation queue.
      expect(ok(await send(tab, 'session:join', { sessionId: S })).staff).toBe(false)
      const refused = await send(tab, 'question:approve', { questionId: q })
      expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/one-time password/) })
      expect((await h.app.db.question.findUniqueOrThrow({ where: { id: q } })).status).toBe('pending')
      expect(await status(a.get('/api/admin/accounts', cookie))).toEqual([403, 'FORBIDDEN'])
      expect(await status(a.post('/api/admin/accounts', cookie, { username: 'sneaky', displayName: 'x', role: 'admin' }))).toEqual([403, 'FORBIDDEN'])
      expect(await h.app.db.user.count({ where: { username: 'sneaky' } })).toBe(0)

      const next = 'Second admin, own password 1'
      secrets.push(next)
      const me = await a.json<StaffUserDto>(changePassword(cookie!, { current: oneTimePassword, next }))
      expect(me).toMatchObject({ id: account.id, mustChangePassword: false })
      // The same socket now acts as the account is: the admin's commands go through.
      expect(code(await send(tab, 'question:approve', { questionId: q }))).toBe('ok')
      expect(ok(await send(tab, 'session:join', { sessionId: S })).staff).toBe(true)
      expect((await a.json<AccountDto[]>(a.get('/api/admin/accounts', cookie))).length).toBeGreaterThan(6)
    } finally {
      tab.close()
    }
  })

  it('the password change checks its rules, keeps this login, ends the others, and the one-time password works only once', async () => {
    const user = await h.app.db.user.findUniqueOrThrow({ where: { username: 'liaison-zjj' } })
    const otp = secrets[0]!
    const other = await tryLogin('liaison-zjj', otp)
    const otherTab = await client(h.url, { cookie: other.cookie! })
    const mine = cookies.liaison!
    const refusals: [unknown, string][] = [
      [{ current: 'wrong-password', next: 'a good new password' }, 'FORBIDDEN'],
      [{ current: otp, next: 'ninechars' }, 'BAD_REQUEST'],
      [{ current: otp, next: otp }, 'BAD_REQUEST'],
      [{ current: otp, next: 'liaison-zjj' }, 'BAD_REQUEST'],
      [{ current: otp, next: 'LIAISON-ZJJ' }, 'BAD_REQUEST'],
      [{ current: otp, next: 'x'.repeat(201) }, 'BAD_REQUEST'],
      [{ current: otp }, 'BAD_REQUEST'],
      [{ current: otp, next: 'a good new password', mustChangePassword: false }, 'BAD_REQUEST'],
      [{ current: otp, next: 1234567890 }, 'BAD_REQUEST'],
      ['[]', 'BAD_REQUEST'],
    ]
    for (const [body, want] of refusals) expect([body, await errCode(changePassword(mine, body))]).toEqual([body, want])
    const unchanged = await h.app.db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect([unchanged.passwordHash, unchanged.mustChangePassword]).toEqual([user.passwordHash, true])

    const next = 'Zhujian liaison 2026!'
    secrets.push(next)
    const ended = closed(otherTab)
    const me = await a.json<StaffUserDto>(changePassword(mine, { current: otp, next }))
    expect(me).toMatchObject({ username: 'liaison-zjj', mustChangePassword: false })
    expect(await within(ended)).toBe('io server disconnect')
    expect((await a.get('/api/auth/me', other.cookie)).status).toBe(401)
    expect(await a.json<StaffUserDto>(a.get('/api/auth/me', mine))).toMatchObject({ mustChangePassword: false })
    expect((await a.get('/api/work-orders', mine)).status).toBe(200)

    expect((await tryLogin('liaison-zjj', otp)).status).toBe(401)
    expect((await tryLogin('liaison-zjj', next)).user).toMatchObject({ mustChangePassword: false })
    const row = await h.app.db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    const audit = await h.app.db.auditLog.findFirstOrThrow({ where: { action: 'auth.password_change', targetId: user.id } })
    expect(audit.actorId).toBe(user.id)
    expect(JSON.parse(audit.detail)).toEqual({ wasOneTime: true, endedLogins: 1 })
    expect(await h.app.db.auditLog.count({ where: { action: 'auth.password_change_failed', targetId: user.id } })).toBe(1)
  })
})

describe('disable, enable, reset, edit', () => {
  it('disabling closes the open socket at once and refuses the next login; enabling lets the user back', async () => {
    const id = await userId('moderator')
    const tab = await client(h.url, { cookie: cookies.moderator })
    expect(ok(await send(tab, 'session:join', { sessionId: S })).staff).toBe(true)
    const end = closed(tab)
    const off = await a.json<AccountDto>(a.post(`/api/admin/accounts/${id}/disable`, cookies.admin))
    expect(off.active).toBe(false)
    // This server sweeps every 30 s: only the disable itself can close the socket this fast.
    expect(await within(end, 1500)).toBe('io server disconnect')
    expect((await a.get('/api/auth/me', cookies.moderator)).status).toBe(401)
    expect(await h.app.db.authSession.count({ where: { userId: id } })).toBe(0)
    expect((await tryLogin('moderator', demoPassword('moderator'))).status).toBe(401)
    // Disabling twice changes nothing more.
    const audits = await h.app.db.auditLog.count({ where: { targetId: id } })
    await a.json(a.post(`/api/admin/accounts/${id}/disable`, cookies.admin))
    expect(await h.app.db.auditLog.count({ where: { targetId: id } })).toBe(audits)

    expect((await a.json<AccountDto>(a.post(`/api/admin/accounts/${id}/enable`, cookies.admin))).active).toBe(true)
    const back = await tryLogin('moderator', demoPassword('moderator'))
    expect(back.status).toBe(200)
    cookies.moderator = back.cookie!
    expect((await h.app.db.auditLog.findMany({ where: { targetId: id, action: { startsWith: 'account.' } }, orderBy: { at: 'asc' } })).map((r) => r.action)).toEqual(['account.disable', 'account.enable'])
  })

  it('a reset ends every login and socket, the old password stops working, and the new one must be changed', async () => {
    const id = await userId('host')
    const second = await login(h.url, 'host')
    const tabs = [await client(h.url, { cookie: cookies.host }), await client(h.url, { cookie: second })]
    const ends = tabs.map(closed)
    const res = await a.post(`/api/admin/accounts/${id}/reset-password`, cookies.admin)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const { account, oneTimePassword } = await a.json<OneTimePasswordDto>(res)
    secrets.push(oneTimePassword)
    expect(oneTimePassword).toMatch(OTP)
    expect(account).toMatchObject({ username: 'host', mustChangePassword: true, active: true })
    expect(await within(Promise.all(ends))).toEqual(['io server disconnect', 'io server disconnect'])
    for (const c of [cookies.host, second]) expect((await a.get('/api/auth/me', c)).status).toBe(401)
    expect((await tryLogin('host', demoPassword('host'))).status).toBe(401)
    const fresh = await tryLogin('host', oneTimePassword)
    expect(fresh.user).toMatchObject({ mustChangePassword: true })
    expect(await status(a.get('/api/staff/assignments', fresh.cookie))).toEqual([403, 'FORBIDDEN'])
    const audit = await h.app.db.auditLog.findFirstOrThrow({ where: { action: 'account.reset_password', targetId: id } })
    expect(JSON.parse(audit.detail)).toEqual({ username: 'host' })
    // A second reset makes another password; the first no longer works.
    const again = await a.json<OneTimePasswordDto>(a.post(`/api/admin/accounts/${id}/reset-password`, cookies.admin))
    secrets.push(again.oneTimePassword)
    expect(again.oneTimePassword).not.toBe(oneTimePassword)
    expect((await tryLogin('host', oneTimePassword)).status).toBe(401)
    // Not one's own: that reset would log the admin out before the password could be read.
    const admin = await userId('admin')
    const hash = (await h.app.db.user.findUniqueOrThrow({ where: { id: admin } })).passwordHash
    expect(await status(a.post(`/api/admin/accounts/${admin}/reset-password`, cookies.admin))).toEqual([409, 'CONFLICT'])
    expect((await h.app.db.user.findUniqueOrThrow({ where: { id: admin } })).passwordHash).toBe(hash)
    expect((await a.get('/api/auth/me', cookies.admin)).status).toBe(200)
  })

  it('edits the display name in place; a new role or unit ends the logins; a unit editor keeps a unit', async () => {
    const id = await userId('guest')
    const tab = await client(h.url, { cookie: cookies.guest })
    const renamed = await a.json<AccountDto>(a.put(`/api/admin/accounts/${id}`, cookies.admin, { displayName: '人社局局长 王建国（新）' }))
    expect(renamed.displayName).toBe('人社局局长 王建国（新）')
    expect(ok(await send(tab, 'session:join', { sessionId: S }))).toBeTruthy()
    expect(tab.connected).toBe(true)
    expect((await a.get('/api/auth/me', cookies.guest)).status).toBe(200)

    const end = closed(tab)
    const moved = await a.json<AccountDto>(a.put(`/api/admin/accounts/${id}`, cookies.admin, { role: 'unit_editor', unitId: await unitId('zjj') }))
    expect(moved).toMatchObject({ role: 'unit_editor', unit: { code: 'zjj' } })
    expect(await within(end)).toBe('io server disconnect')
    expect((await a.get('/api/auth/me', cookies.guest)).status).toBe(401)
    const audit = await h.app.db.auditLog.findFirstOrThrow({ where: { action: 'account.update', targetId: id, detail: { contains: 'role' } } })
    expect(JSON.parse(audit.detail)).toMatchObject({ username: 'guest', role: { from: 'guest', to: 'unit_editor' }, unitId: { to: moved.unit!.id }, loginsEnded: true })

    const before = await snapshot()
    expect(await status(a.put(`/api/admin/accounts/${id}`, cookies.admin, { unitId: null }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(a.put(`/api/admin/accounts/${await userId('operator')}`, cookies.admin, { role: 'unit_editor', unitId: null }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(a.put(`/api/admin/accounts/${id}`, cookies.admin, { unitId: 'no-such-unit' }))).toEqual([400, 'BAD_REQUEST'])
    const closedUnit = await a.json<{ id: string }>(a.post('/api/admin/units', cookies.admin, { code: 'closed-unit', name: '已停用单位', kind: 'city_dept' }), 201)
    await a.json(a.put(`/api/admin/units/${closedUnit.id}`, cookies.admin, { active: false }))
    expect(await status(a.put(`/api/admin/accounts/${id}`, cookies.admin, { unitId: closedUnit.id }))).toEqual([409, 'CONFLICT'])
    expect(await status(a.post('/api/admin/accounts', cookies.admin, { username: 'closed-liaison', displayName: 'x', role: 'unit_editor', unitId: closedUnit.id }))).toEqual([409, 'CONFLICT'])
    expect(await status(a.put('/api/admin/accounts/no-such-user', cookies.admin, { displayName: 'x' }))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.post('/api/admin/accounts/no-such-user/disable', cookies.admin))).toEqual([404, 'NOT_FOUND'])
    expect(await snapshot()).toEqual(before)
  })

  it('lists accounts filtered by role, unit and active', async () => {
    const rsj = await unitId('rsj')
    const editors = await a.json<AccountDto[]>(a.get('/api/admin/accounts?role=unit_editor', cookies.admin))
    expect(editors.length).toBeGreaterThan(1)
    expect(editors.every((x) => x.role === 'unit_editor')).toBe(true)
    const ofRsj = await a.json<AccountDto[]>(a.get(`/api/admin/accounts?unitId=${rsj}&role=unit_editor`, cookies.admin))
    expect(ofRsj.map((x) => x.username)).toEqual(['editor'])
    expect((await a.json<AccountDto[]>(a.get(`/api/admin/accounts?unitId=${rsj}`, cookies.admin))).every((x) => x.unit?.id === rsj)).toBe(true)
    await a.json(a.post(`/api/admin/accounts/${await userId('operator')}/disable`, cookies.admin))
    expect((await a.json<AccountDto[]>(a.get('/api/admin/accounts?active=false', cookies.admin))).map((x) => x.username)).toEqual(['operator'])
    expect((await a.json<AccountDto[]>(a.get('/api/admin/accounts?active=true', cookies.admin))).some((x) => x.username === 'operator')).toBe(false)
    for (const q of ['role=root', 'active=1', 'unitId=../x', 'sort=username']) expect([q, await errCode(a.get(`/api/admin/accounts?${q}`, cookies.admin))]).toEqual([q, 'BAD_REQUEST'])
  })
})

describe('hostile and malformed bodies', () => {
  it('are refused with BAD_REQUEST (a taken username with CONFLICT) and nothing is stored', async () => {
    const ok = { username: 'new-person', displayName: '新同事', role: 'host' }
    const bad: unknown[] = [
      '{', '[]', '"x"', 'null', {}, { ...ok, username: undefined },
      { ...ok, username: 'Admin2' }, { ...ok, username: 'ab' }, { ...ok, username: 'a b c' }, { ...ok, username: '管理员甲' }, { ...ok, username: 'x'.repeat(33) },
      { ...ok, username: "x'; DROP TABLE \"User\"; --" }, { ...ok, username: '.hidden' },
      { ...ok, displayName: '' }, { ...ok, displayName: 'x'.repeat(41) }, { ...ok, displayName: 'a\u0007b' },
      { ...ok, role: 'root' }, { ...ok, role: 'ADMIN' }, { ...ok, role: ['admin'] }, { ...ok, role: 'unit_editor' }, { ...ok, role: 'unit_editor', unitId: null },
      { ...ok, unitId: 'no-such-unit' }, { ...ok, unitId: '../../etc' },
      { ...ok, password: 'my-own-password' }, { ...ok, passwordHash: '$argon2id$v=19$m=1,t=1,p=1$x$y' }, { ...ok, mustChangePassword: false }, { ...ok, active: false },
      '{"username":"new-person","displayName":"x","role":"host","__proto__":{"role":"admin"}}',
    ]
    const before = await snapshot()
    for (const body of bad) expect([body, await errCode(a.post('/api/admin/accounts', cookies.admin, body))]).toEqual([body, 'BAD_REQUEST'])
    const target = await userId('editor')
    const badUpdates: unknown[] = ['{', {}, { username: 'renamed' }, { role: 'boss' }, { active: false }, { displayName: '' }, { passwordHash: 'x' }, { mustChangePassword: true }]
    for (const body of badUpdates) expect([body, await errCode(a.put(`/api/admin/accounts/${target}`, cookies.admin, body))]).toEqual([body, 'BAD_REQUEST'])
    // The admin cannot choose the new password: there is nothing to send with a reset.
    for (const action of ['reset-password', 'disable', 'enable']) {
      expect([action, await errCode(a.post(`/api/admin/accounts/${target}/${action}`, cookies.admin, { password: 'chosen-password' }))]).toEqual([action, 'BAD_REQUEST'])
    }
    expect(await errCode(a.post('/api/admin/accounts', cookies.admin, { ...ok, username: 'editor' }))).toBe('CONFLICT')
    expect(await snapshot()).toEqual(before)

    const both = await Promise.all([0, 1].map(() => a.post('/api/admin/accounts', cookies.admin, { ...ok, username: 'twin' })))
    expect(both.map((r) => r.status).sort()).toEqual([201, 409])
    for (const r of both) if (r.status === 201) secrets.push(((await r.json()) as OneTimePasswordDto).oneTimePassword)
    expect(await h.app.db.user.count({ where: { username: 'twin' } })).toBe(1)
  })
})

describe('the audit log', () => {
  it('has a row for every admin action, with who, what and when, and no password anywhere', async () => {
    const admin = await userId('admin')
    const rows = await h.app.db.auditLog.findMany({ where: { action: { startsWith: 'account.' } } })
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['account.create', 'account.update', 'account.reset_password', 'account.disable', 'account.enable']))
    for (const r of rows) {
      expect(r.actorRole).toBe('admin')
      expect(r.targetType).toBe('user')
      expect(r.at.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000)
    }
    expect(rows.filter((r) => r.actorId === admin).length).toBeGreaterThan(5)
    const all = JSON.stringify(await h.app.db.auditLog.findMany())
    expect(secrets.length).toBeGreaterThan(5)
    for (const s of secrets) expect(all).not.toContain(s)
    expect(all).not.toMatch(/argon2|passwordHash|oneTimePassword/)
  })
})

describe('the last active admin', () => {
  it('cannot be disabled or demoted, even by two admins at the same moment', async () => {
    const own = await startServer()
    const b = api(own)
    try {
      const adminCookie = await login(own.url, 'admin')
      const adminId = (await own.app.db.user.findUniqueOrThrow({ where: { username: 'admin' } })).id
      const audits = () => own.app.db.auditLog.count({ where: { action: { startsWith: 'account.' } } })
      const before = await audits()
      expect(await status(b.post(`/api/admin/accounts/${adminId}/disable`, adminCookie))).toEqual([409, 'CONFLICT'])
      expect(await status(b.put(`/api/admin/accounts/${adminId}`, adminCookie, { role: 'host' }))).toEqual([409, 'CONFLICT'])
      expect(await own.app.db.user.findUniqueOrThrow({ where: { id: adminId } })).toMatchObject({ role: 'admin', active: true })
      expect(await audits()).toBe(before)
      // A disabled admin does not count as one.
      const dormant = await createAccount({ username: 'dormant-admin', displayName: '停用的管理员', role: 'admin' }, b, adminCookie)
      await b.json(b.post(`/api/admin/accounts/${dormant.account.id}/disable`, adminCookie))
      expect(await status(b.post(`/api/admin/accounts/${adminId}/disable`, adminCookie))).toEqual([409, 'CONFLICT'])

      // Rounds of two admins disabling each other at once: never both.
      let survivor = { id: adminId, cookie: adminCookie }
      for (let round = 0; round < 4; round++) {
        const made = await createAccount({ username: `admin-round${round}`, displayName: `管理员${round}`, role: 'admin' }, b, survivor.cookie)
        const { cookie } = await tryLogin(made.account.username, made.oneTimePassword, own.url)
        const next = `round ${round} password!`
        secrets.push(next)
        await b.json(changePassword(cookie, { current: made.oneTimePassword, next }, b))
        const other = { id: made.account.id, cookie: cookie! }
        const [x, y] = await Promise.all([
          b.post(`/api/admin/accounts/${other.id}/disable`, survivor.cookie),
          b.post(`/api/admin/accounts/${survivor.id}/disable`, other.cookie),
        ])
        expect([x.status, y.status].filter((s) => s === 200)).toHaveLength(1)
        expect(await own.app.db.user.count({ where: { role: 'admin', active: true } })).toBe(1)
        survivor = x.status === 200 ? survivor : other
      }

      // With a second active admin, an admin may step down; their own logins end with it.
      const made = await createAccount({ username: 'successor', displayName: '继任者', role: 'admin' }, b, survivor.cookie)
      const down = await b.json<AccountDto>(b.put(`/api/admin/accounts/${survivor.id}`, survivor.cookie, { role: 'host' }))
      expect(down.role).toBe('host')
      expect((await b.get('/api/auth/me', survivor.cookie)).status).toBe(401)
      expect(made.account.role).toBe('admin')
      const all = JSON.stringify(await own.app.db.auditLog.findMany())
      for (const secret of secrets) expect(all).not.toContain(secret)
    } finally {
      await own.close()
    }
  })
})
