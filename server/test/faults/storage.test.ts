import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/config.ts'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, login, ok, send, startServer } from '../harness.ts'
import { record } from './report.ts'

// Issue 15, fault 10: the disk full (SQLite told it may not grow: its own "database or disk is
// full") and the database unavailable (a PostgreSQL cluster of this test's own, stopped and started
// again). Writes answer UNAVAILABLE, never INTERNAL and never a crash; nothing is acked that was not
// stored; readiness says not ready meanwhile; the server recovers by itself, and the client's retry
// with the same clientId is stored once.

const PG = join(REPO_ROOT, 'scripts/pg.sh')
const servers: Harness[] = []
afterAll(async () => { for (const h of servers) await h.close().catch(() => undefined) })

const question = (id: string, body = `存储故障测试：${'长'.repeat(280)}`) => ({ sessionId: S, clientId: id, nickname: '故障', body })
const ready = async (h: Harness) => { const r = await fetch(`${h.url}/api/ready`); return { status: r.status, ...(await r.json()) as { ready: boolean; checks: Record<string, string> } } }
const stored = (h: Harness, id: string) => h.app.db.question.count({ where: { sessionId: S, clientId: id } })

describe('the disk fills up (SQLite)', () => {
  it('answers UNAVAILABLE, acks nothing unstored, is not ready, and recovers when there is room', async () => {
    // SQLite whatever TEST_DB says: its own "full" is what this part injects.
    const h = await startServer({ MEDIA_ENABLED: 'false' }, `file:${join(mkdtempSync(join(tmpdir(), 'openday-full-')), 'test.db')}`)
    servers.push(h)
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(c, 'session:join', { sessionId: S }))
    const admin = await login(h.url, 'admin')
    const [row] = await h.app.db.$queryRawUnsafe<{ page_count: bigint }[]>('PRAGMA page_count')
    await h.app.db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(row!.page_count)}`)
    // Until the file is full: each acked question is stored, each refused one is not.
    const tries: { id: string; code: string }[] = []
    for (let k = 0; k < 60 && !tries.some((t) => t.code === 'UNAVAILABLE'); k++) {
      const id = clientId()
      const r = await send(c, 'question:submit', question(id))
      tries.push({ id, code: r.ok ? 'ok' : r.code })
    }
    expect(tries.map((t) => t.code)).toContain('UNAVAILABLE')
    expect(tries.filter((t) => t.code !== 'ok' && t.code !== 'UNAVAILABLE')).toEqual([])
    for (const t of tries) expect(await stored(h, t.id), t.code).toBe(t.code === 'ok' ? 1 : 0)
    const id = tries.find((t) => t.code === 'UNAVAILABLE')!.id
    const word = await fetch(`${h.url}/api/admin/sensitive-words`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json', 'x-openday-csrf': '1' }, body: JSON.stringify({ word: `存储满词` }) })
    expect([201, 503]).toContain(word.status)
    if (word.status === 503) expect(((await word.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE')
    expect(await ready(h)).toMatchObject({ status: 503, ready: false, checks: { database: 'ok', storage: 'down' } })
    // Room again: the client's retry of the same question is stored once, and the server is ready.
    await h.app.db.$queryRawUnsafe('PRAGMA max_page_count = 1073741823')
    expect(ok(await send(c, 'question:submit', question(id))).status).toBe('pending')
    expect(await stored(h, id)).toBe(1)
    expect(await ready(h)).toMatchObject({ status: 200, ready: true })
    c.disconnect()
    record({ only: 'SQLite', fault: '10 disk full', injected: 'SQLite held to its current size (max_page_count) under a citizen submitting, then given room', counts: { tries: tries.length, acked: tries.filter((t) => t.code === 'ok').length, 'UNAVAILABLE': tries.filter((t) => t.code === 'UNAVAILABLE').length, 'other errors': 0, 'acked but not stored': 0, 'refused but stored': 0, 'retry stored once': 1 } })
  })
})

describe('the database goes away (PostgreSQL) and comes back', () => {
  const port = String(25500 + Math.floor(Math.random() * 90))
  const data = `/var/tmp/openday-pg-fault-${port}-${process.pid}`
  const env = { ...process.env, OPENDAY_PG_PORT: port, OPENDAY_PG_DATA: data }
  const pg = (...args: string[]) => execFileSync('bash', [PG, ...args], { env, stdio: 'pipe' }).toString().trim()
  afterAll(() => { try { pg('stop') } catch { /* already */ } rmSync(data, { recursive: true, force: true }) })

  it('answers UNAVAILABLE while it is stopped, is not ready, and recovers by itself', async () => {
    pg('start')
    pg('createdb', 'fault')
    const h = await startServer({ MEDIA_ENABLED: 'false' }, pg('url', 'fault'))
    servers.push(h)
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(c, 'session:join', { sessionId: S }))
    const first = ok(await send(c, 'question:submit', question(clientId(), '停库之前的问题')))
    pg('stop')
    const id = clientId()
    const r = await send(c, 'question:submit', question(id, '停库期间的问题'))
    expect(r).toMatchObject({ ok: false, code: 'UNAVAILABLE' })
    const rest = await fetch(`${h.url}/api/events/${S}-event`)
    expect(rest.status).toBe(503)
    expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE')
    expect(await ready(h)).toMatchObject({ status: 503, ready: false, checks: { database: 'down' } })
    pg('start')
    // The pool reconnects by itself: the retry is stored once, and what was acked before is there.
    expect(ok(await send(c, 'question:submit', question(id, '停库期间的问题'))).status).toBe('pending')
    expect(await stored(h, id)).toBe(1)
    expect(await h.app.db.question.count({ where: { id: first.id } })).toBe(1)
    expect(await ready(h)).toMatchObject({ status: 200, ready: true })
    c.disconnect()
    record({ only: 'PostgreSQL', fault: '10 database unavailable', injected: 'the PostgreSQL cluster stopped (pg_ctl stop) under a citizen, then started again', counts: { 'write while down': 'UNAVAILABLE', 'REST while down': 503, 'ready while down': 'no', 'retry stored once': 1, 'acked before, still there': 1 } })
  })
})
