import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, ok, send, startServer } from './harness.ts'

// Issue 15, operating it: liveness, readiness with its checks, Prometheus metrics (only from this
// machine, or to the bearer of METRICS_TOKEN), and a request id in the answer. Real server, real
// sockets; the figures read back with the text format's own lines.

let h: Harness
let guarded: Harness
beforeAll(async () => {
  h = await startServer({ MEDIA_ENABLED: 'false' })
  // This one with its mediasoup worker: readiness checks it too.
  guarded = await startServer({ METRICS_TOKEN: 'scrape-secret-1234' })
})
afterAll(async () => { await h?.close(); await guarded?.close() })

/** The value of one sample line, e.g. `openday_command_seconds_count{command="x",outcome="ok"} 3`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]))
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3])
  }
  return null
}

describe('health and metrics', () => {
  it('liveness and readiness answer, with the checks by name', async () => {
    expect(await (await fetch(`${h.url}/api/health`)).json()).toEqual({ ok: true })
    const ready = await fetch(`${h.url}/api/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok', storage: 'ok', media: 'off', accepting: 'ok' } })
  })

  it('every API answer carries a request id: the proxy\'s when it is a safe token, a new one otherwise', async () => {
    const mine = await fetch(`${h.url}/api/health`, { headers: { 'x-request-id': 'nginx-abc.123' } })
    expect(mine.headers.get('x-request-id')).toBe('nginx-abc.123')
    const hostile = await fetch(`${h.url}/api/health`, { headers: { 'x-request-id': 'a b <script>' } })
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('metrics count commands by outcome, frames, commits and sockets; not for a request through a proxy', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(c, 'session:join', { sessionId: S }))
    ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '指标', body: '指标测试的问题' }))
    expect((await send(c, 'question:submit', { sessionId: S, clientId: 'bad', nickname: '', body: '' })).ok).toBe(false)
    const text = await (await fetch(`${h.url}/metrics`)).text()
    expect(sample(text, 'openday_command_seconds_count', { command: 'question:submit', outcome: 'ok' })).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'openday_command_seconds_count', { command: 'question:submit', outcome: 'BAD_REQUEST' })).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'openday_sockets_connected')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'openday_live_sessions')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'openday_db_commit_seconds_count')).toBeGreaterThan(0)
    expect(sample(text, 'openday_group_commit_batch_size_count')).toBeGreaterThan(0)
    expect(sample(text, 'openday_http_request_seconds_count', { method: 'GET', status: '200' })).toBeGreaterThan(0)
    expect(text).toContain('openday_process_cpu_seconds_total')
    c.disconnect()
    expect((await fetch(`${h.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403)
  })

  it('with METRICS_TOKEN, only its bearer reads them', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(403)
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403)
    const res = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret-1234' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    expect(sample(await res.text(), 'openday_media_workers')).toBe(1)
    expect(await (await fetch(`${guarded.url}/api/ready`)).json()).toEqual({ ready: true, checks: { database: 'ok', storage: 'ok', media: 'ok', accepting: 'ok' } })
  })
})
