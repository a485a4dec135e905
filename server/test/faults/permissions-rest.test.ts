import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTORS, type ActorKey, PROVEN, ROUTES } from '../../src/features/auth/permissions.ts'
import { citizenToken, type Harness, startServer } from '../harness.ts'
import { type ActorLogin, catchExpressApps, changedTables, fingerprint, loginActors, registeredRoutes } from './permission-actors.ts'
import { findIds, type Ids, OPINION, restCall } from './permission-fixtures.ts'
import { record } from './report.ts'

// Issue 15, fault 7 (REST half): every route Express has × every actor of the matrix.
let h: Harness
let actors: Record<ActorKey, ActorLogin>
let ids: Ids
let routes: string[]
const counts = { allowed: 0, succeeded: 0, refused: 0 }

beforeAll(async () => {
  const apps = catchExpressApps()
  h = await startServer({}, undefined, undefined, { seed: 'demo-year' })
  routes = registeredRoutes(apps[0]!).map((r) => r.replace(/(.)\/$/, '$1'))
  actors = await loginActors(h)
  const admin = actors.admin.cookie!
  const post = async (cookie: string, path: string, body: unknown) => {
    const r = await fetch(`${h.url}/api${path}`, { method: 'POST', headers: { 'x-openday-csrf': '1', 'content-type': 'application/json', cookie }, body: JSON.stringify(body) })
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
    return r.json() as Promise<Record<string, unknown>>
  }
  // An opinion to act on, and an account the admin's allowed calls may disable and reset.
  await post(actors.editor.cookie!, '/unit/events/demo-symposium-event/opinions', OPINION)
  const throwaway = await post(admin, '/admin/accounts', { username: 'pm-throwaway', displayName: 'pm-throwaway', role: 'host' }) as { account: { id: string } }
  ids = await findIds(h.app.db, throwaway.account.id)
  // Sign-up open on the symposium, and its first invitee's invitation code, for the public routes that take them.
  const put = await fetch(`${h.url}/api/unit/events/${ids.symposium}/attendance/settings`, { method: 'PUT', headers: { 'x-openday-csrf': '1', 'content-type': 'application/json', cookie: admin }, body: JSON.stringify({ signupOpen: true, signupDeadline: null, capacity: null }) })
  if (!put.ok) throw new Error(`attendance settings: ${put.status} ${await put.text()}`)
  await post(admin, `/unit/events/${ids.symposium}/invitees/${ids.invitee}/status`, { status: 'confirmed' })
  const code = await fetch(`${h.url}/api/unit/events/${ids.symposium}/invitees/${ids.invitee}/code`, { headers: { cookie: admin } })
  if (!code.ok) throw new Error(`invitation code: ${code.status} ${await code.text()}`)
  ids.invitationToken = (await code.json() as { token: string }).token
}, 120_000)
afterAll(async () => { await h?.close() })

async function call(route: string, who: ActorLogin) {
  const cookie = who.cookie
  const [method] = route.split(' ') as [string]
  const c = await restCall(route, ids, h.app.db, { citizenToken: () => citizenToken(h.url) })
  const res = await fetch(h.url + c.path + (c.query ? `?${c.query}` : ''), {
    method, redirect: 'manual',
    headers: { 'x-openday-csrf': '1', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: method === 'GET' ? undefined : JSON.stringify(c.body),
  })
  const text = await res.text()
  let code: string | undefined
  try { code = (JSON.parse(text) as { error?: { code?: string } }).error?.code } catch { /* a file, not JSON */ }
  return { status: res.status, code }
}

const REFUSAL: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }

describe('the permission matrix, REST', () => {
  it('has a row for every route Express has, and no row for a route that is gone', () => {
    expect(routes.filter((r) => !ROUTES[r]), 'routes without a row').toEqual([])
    expect(Object.keys(ROUTES).filter((r) => !routes.includes(r)), 'rows without a route').toEqual([])
  })

  it('refuses every cell not allowed (401/403, the app\'s error body) and changes nothing', async () => {
    const wrong: string[] = []
    for (const route of routes) {
      const p = ROUTES[route]!
      const refused = ACTORS.filter((a) => !p.allow.includes(a))
      if (refused.length === 0) continue
      const before = await fingerprint(h)
      for (const a of refused) {
        const r = await call(route, actors[a])
        const ok = [401, 403].includes(r.status) || (p.hidden && r.status === 404)
        if (!ok || r.code !== REFUSAL[r.status]) wrong.push(`${route} as ${a}: ${r.status} ${r.code}`)
        counts.refused++
      }
      const changed = changedTables(before, await fingerprint(h))
      if (changed.length) wrong.push(`${route}: refused calls changed ${changed.join(', ')}`)
    }
    expect(wrong).toEqual([])
  }, 300_000)

  it('never refuses an allowed cell for authorisation', async () => {
    const wrong: string[] = []
    const failed: string[] = []
    // Logging out ends the login the others are made with: last.
    const LOGOUT = 'POST /api/auth/logout'
    for (const route of [...routes.filter((r) => r !== LOGOUT), LOGOUT]) {
      for (const a of ROUTES[route]!.allow) {
        const r = await call(route, actors[a])
        if (r.status === 401 || r.status === 403) wrong.push(`${route} as ${a}: ${r.status} ${r.code}`)
        counts.allowed++
        if (r.status >= 200 && r.status < 300) counts.succeeded++
        else failed.push(`${route} as ${a}: ${r.status} ${r.code}`)
      }
    }
    if (process.env.PERMISSIONS_VERBOSE) console.log(`allowed, not refused but not 2xx:\n${failed.join('\n')}`)
    expect(wrong).toEqual([])
    record({ fault: '7 permission matrix (REST)', injected: `every REST route × ${ACTORS.length} actors on the demo year's data`, counts: { routes: routes.length, actors: ACTORS.length, cells: counts.allowed + counts.refused, allowed: counts.allowed, succeeded: counts.succeeded, notRefusedOnly: counts.allowed - counts.succeeded, refused: counts.refused, holes: 0 } })
    // The figures docs/PERMISSIONS.md states: an allowed call that stops succeeding (or starts to) is seen here.
    expect({ allowed: counts.allowed, succeeded: counts.succeeded }).toEqual(PROVEN.rest)
  }, 300_000)
})
