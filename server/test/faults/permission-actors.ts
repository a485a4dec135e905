import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express } from 'express'
import { ACTORS, type ActorKey } from '../../src/features/auth/permissions.ts'
import { REPO_ROOT } from '../../src/config.ts'
import { citizenToken, type Harness, login } from '../harness.ts'

/** How each actor of the matrix reaches the server: a staff cookie, a citizen device token, or nothing. */
export interface ActorLogin { key: ActorKey; cookie?: string; citizenToken?: string; userId?: string }

const CSRF = { 'x-openday-csrf': '1' }

/** Staff the demo seed has no one for: the same roles, not assigned to any session. */
const UNASSIGNED: { key: ActorKey; username: string; role: string; unit: string }[] = [
  // A unit of its own, hosting nothing: "another unit" for every row of the editor's.
  { key: 'editorOther', username: 'pm-editor', role: 'unit_editor', unit: 'pm-unit' },
  { key: 'hostOther', username: 'pm-host', role: 'host', unit: 'gkb' },
  { key: 'guestOther', username: 'pm-guest', role: 'guest', unit: 'rsj' },
  { key: 'moderatorOther', username: 'pm-moderator', role: 'moderator', unit: 'gkb' },
  { key: 'operatorOther', username: 'pm-operator', role: 'operator', unit: 'rx' },
]
const PASSWORD = 'permission-matrix-pw-1'

async function api(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api${path}`, { method, headers: { ...CSRF, cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/**
 * Every actor of the matrix, logged in once. The missing staff are made the way the admin makes
 * them (accounts, then assignments, over the API), so their rows are what production would hold.
 * The seed's staff are assigned in their own role to the sessions of their forms (host, guest and
 * moderator to the text interviews, host, guest and operator to the hotline day): "assigned" in a
 * row means assigned to the session the row's fixture acts in.
 */
export async function loginActors(h: Harness): Promise<Record<ActorKey, ActorLogin>> {
  const admin = await login(h.url, 'admin')
  await api(h.url, admin, 'POST', '/admin/units', { code: 'pm-unit', name: '权限矩阵测试局', kind: 'city_dept' })
  const units = new Map((await h.app.db.unit.findMany()).map((u) => [u.code, u.id]))
  for (const u of UNASSIGNED) {
    const made = await api(h.url, admin, 'POST', '/admin/accounts', { username: u.username, displayName: u.username, role: u.role, unitId: units.get(u.unit) }) as { oneTimePassword: string }
    const first = await login(h.url, u.username, made.oneTimePassword)
    await api(h.url, first, 'POST', '/auth/password', { current: made.oneTimePassword, next: PASSWORD })
  }
  const users = new Map((await h.app.db.user.findMany()).map((u) => [u.username, u.id]))
  const staffLogin = async (key: ActorKey, username: string, password?: string): Promise<ActorLogin> =>
    ({ key, cookie: await login(h.url, username, password), userId: users.get(username) })
  const out: Partial<Record<ActorKey, ActorLogin>> = {
    anonymous: { key: 'anonymous' },
    citizen: { key: 'citizen', citizenToken: await citizenToken(h.url) },
    admin: { key: 'admin', cookie: admin, userId: users.get('admin') },
    editor: await staffLogin('editor', 'editor'),
    host: await staffLogin('host', 'host'),
    guest: await staffLogin('guest', 'guest'),
    moderator: await staffLogin('moderator', 'moderator'),
    operator: await staffLogin('operator', 'operator'),
  }
  for (const u of UNASSIGNED) out[u.key] = await staffLogin(u.key, u.username, PASSWORD)
  for (const k of ACTORS) if (!out[k]) throw new Error(`no login for actor ${k}`)
  return out as Record<ActorKey, ActorLogin>
}

/**
 * The Express apps built from now on (createApp does not hand its app out, and socket.io sits in
 * front of it on the HTTP server): caught as Express initialises each one.
 */
export function catchExpressApps(): Express[] {
  const apps: Express[] = []
  const proto = express.application as unknown as { init(this: Express): void }
  const init = proto.init
  proto.init = function (this: Express) { apps.push(this); init.call(this) }
  return apps
}

interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] }; rawPath?: string | string[] | RegExp; name: string }

/**
 * The routes Express really has, as "METHOD /path": the app's router walked layer by layer
 * (router 2 keeps a mounted router's path as `rawPath`). The SPA fallback and static files are
 * not API routes and are left out by the caller's filter.
 */
export function registeredRoutes(app: Express): string[] {
  const out: string[] = []
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      const raw = typeof l.rawPath === 'string' ? l.rawPath : ''
      if (l.route) {
        for (const m of Object.keys(l.route.methods)) if (m !== '_all') out.push(`${m.toUpperCase()} ${prefix}${l.route.path}`)
      } else if (l.handle.stack) {
        walk(l.handle.stack, raw === '/' ? prefix : prefix + raw)
      }
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '')
  return out
}

/** The registered socket commands, read off a connected server-side socket (its listeners). */
export function registeredCommands(h: Harness): string[] {
  const socket = [...h.app.io.of('/').sockets.values()][0]
  if (!socket) throw new Error('connect a client first')
  const RESERVED = new Set(['disconnect', 'disconnecting', 'error'])
  return (socket.eventNames() as string[]).filter((e) => !RESERVED.has(e))
}

/** Logins and viewers change on every call (last seen, viewers counted): not what a refusal could have changed. */
const VOLATILE: Record<string, string[] | 'all'> = { authSession: 'all', sessionViewer: 'all', session: ['peakViewers'] }
const MODELS = [...readFileSync(join(REPO_ROOT, 'prisma/models.prisma'), 'utf8').matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1))

/**
 * A fingerprint of the whole database: each table's rows (volatile columns dropped), sorted and
 * hashed. Equal before and after means no row was added, removed or changed.
 */
export async function fingerprint(h: Harness): Promise<Record<string, string>> {
  const db = h.app.db as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>
  const out: Record<string, string> = {}
  await Promise.all(MODELS.filter((m) => VOLATILE[m] !== 'all').map(async (m) => {
    const drop = VOLATILE[m] ?? []
    const rows = (await db[m]!.findMany()).map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !(drop as string[]).includes(k)), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
    out[m] = createHash('sha256').update(rows.sort().join('\n')).digest('hex').slice(0, 16)
  }))
  return out
}

/** The tables whose fingerprints differ. */
export const changedTables = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((k) => a[k] !== b[k])
