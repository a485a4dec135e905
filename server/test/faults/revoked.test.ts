import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { runMain, seededSettings, waitUp, type ServerProcess } from './process.ts'
import { record } from './report.ts'
import { client, type Client, login } from '../harness.ts'

// Issue 15, fault 8: revoked logins, on the real server process. Logging out, an admin's password
// reset and an admin's disabling each end every open socket of that login or user — three tabs
// each — within a second; and a login ends by itself when idle too long or at its absolute expiry
// (both configurable; shortened here to seconds), even on a socket that sends nothing.
// test/logins.test.ts covers the same rules command by command inside one process.

const children: ChildProcess[] = []
let server: ServerProcess
let url: string
let admin: string
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const figures: Record<string, number | string> = {}
const IDLE_S = 4
const TTL_S = 9

beforeAll(async () => {
  const s = await seededSettings({ SESSION_IDLE_MINUTES: String(IDLE_S / 60), SESSION_TTL_HOURS: String(TTL_S / 3600), AUTH_SWEEP_SECONDS: '0.25' })
  url = s.url
  server = runMain(s.env)
  children.push(server.child)
  await waitUp(url)
  admin = await login(url, 'admin')
})
afterAll(async () => {
  record({ fault: '8 revoked logins', injected: `logout, password reset and disabling with 3 open tabs each; a login idle ${IDLE_S} s, one past its ${TTL_S} s absolute expiry`, counts: figures })
  server?.child.kill('SIGTERM')
  await server?.exited
  for (const c of children) c.kill('SIGKILL')
})

async function tabs(username: string, n = 3): Promise<{ cookie: string; tabs: Client[] }> {
  const cookie = await login(url, username)
  const open = await Promise.all(Array.from({ length: n }, () => client(url, { cookie })))
  for (const t of open) expect(await t.timeout(5_000).emitWithAck('session:join', { sessionId: S })).toMatchObject({ ok: true })
  return { cookie, tabs: open }
}
/** Milliseconds from now until every tab is closed by the server, or the deadline. */
async function closedWithin(open: Client[], act: () => Promise<unknown>, deadlineMs: number): Promise<number> {
  const t0 = Date.now()
  const ends = open.map((s) => new Promise<string>((resolve) => s.once('disconnect', (why) => resolve(why))))
  await act()
  const reasons = await Promise.race([Promise.all(ends), sleep(deadlineMs).then(() => null)])
  expect(reasons).toEqual(open.map(() => 'io server disconnect'))
  return Date.now() - t0
}
const adminPost = async (path: string) => {
  const res = await fetch(`${url}/api${path}`, { method: 'POST', headers: { cookie: admin, 'x-openday-csrf': '1', 'content-type': 'application/json' }, body: '{}' })
  expect(res.status).toBe(200)
}
const userId = async (username: string) => {
  const res = await fetch(`${url}/api/admin/accounts`, { headers: { cookie: admin } })
  const list = (await res.json()) as { id: string; username: string }[] | { accounts: { id: string; username: string }[] }
  const rows = Array.isArray(list) ? list : list.accounts
  return rows.find((u) => u.username === username)!.id
}
/** Whether the cookie still makes its bearer staff (GET /api/auth/me answers 401 once it does not). */
const stillStaff = async (cookie: string) => (await fetch(`${url}/api/auth/me`, { headers: { cookie } })).status === 200

describe('revoked logins end their sockets within a second', () => {
  it('logout', async () => {
    const { cookie, tabs: open } = await tabs('moderator')
    figures['logout ms'] = await closedWithin(open, () => fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-openday-csrf': '1' } }), 1_000)
    expect(await stillStaff(cookie)).toBe(false)
  })

  it('a password reset by the admin', async () => {
    const { cookie, tabs: open } = await tabs('host')
    const id = await userId('host')
    figures['password reset ms'] = await closedWithin(open, () => adminPost(`/admin/accounts/${id}/reset-password`), 1_000)
    expect(await stillStaff(cookie)).toBe(false)
  })

  it('disabling the account', async () => {
    const { cookie, tabs: open } = await tabs('operator')
    const id = await userId('operator')
    figures['disable ms'] = await closedWithin(open, () => adminPost(`/admin/accounts/${id}/disable`), 1_000)
    expect(await stillStaff(cookie)).toBe(false)
  })
})

describe('logins expire by themselves', () => {
  it('an idle login ends, its silent socket closed by the sweep', async () => {
    const { cookie, tabs: open } = await tabs('guest', 1)
    await sleep((IDLE_S * 1000) / 2)
    expect(open[0]!.connected).toBe(true) // not idle yet
    figures['idle: closed after s'] = Number(((await closedWithin(open, async () => undefined, IDLE_S * 1000 + 2_000) + IDLE_S * 500) / 1000).toFixed(1))
    expect(await stillStaff(cookie)).toBe(false)
  })

  it('a busy login still ends at its absolute expiry', async () => {
    const { cookie, tabs: open } = await tabs('moderator', 1)
    const t0 = Date.now()
    let busy = true
    // A command a second keeps it from going idle; only the absolute expiry can end it.
    const keepBusy = (async () => { while (busy && open[0]!.connected) { await open[0]!.timeout(2_000).emitWithAck('session:join', { sessionId: S }).catch(() => undefined); await sleep(1_000) } })()
    await closedWithin(open, async () => undefined, TTL_S * 1000 + 3_000)
    busy = false
    await keepBusy
    figures['absolute: closed after s'] = Number(((Date.now() - t0) / 1000).toFixed(1))
    // It outlived the idle limit twice over (activity counted), and ended at its absolute expiry.
    expect(Date.now() - t0).toBeGreaterThan(2 * IDLE_S * 1000)
    expect(await stillStaff(cookie)).toBe(false)
  })
})
