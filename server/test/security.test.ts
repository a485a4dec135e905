import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ARCHIVED_SESSION, DEMO_LIVE_SESSION as S, DEMO_UPCOMING_SESSION } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, ok, send, startServer, staff } from './harness.ts'

let h: Harness
beforeAll(async () => { h = await startServer() })
afterAll(async () => { await h?.close() })

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

describe('authorisation', () => {
  it('refuses staff actions from citizens and from staff in the wrong role, changing nothing', async () => {
    const citizen = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const host = await staff(h.url, 'host')
    const operator = await staff(h.url, 'operator')
    const q = ok(await send(citizen, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'x', body: '一个待审核的问题' }))
    expect(code(await send(citizen, 'question:approve', { questionId: q.id }))).toBe('UNAUTHENTICATED')
    expect(code(await send(host, 'question:approve', { questionId: q.id }))).toBe('FORBIDDEN')
    expect(code(await send(operator, 'question:reject', { questionId: q.id, reason: 'no' }))).toBe('FORBIDDEN')
    expect(code(await send(citizen, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: 'x', body: 'fake' }))).toBe('UNAUTHENTICATED')
    expect(code(await send(operator, 'session:end', { sessionId: S }))).toBe('FORBIDDEN')
    expect(code(await send(citizen, 'question:answer', { questionId: q.id, answer: 'x' }))).toBe('UNAUTHENTICATED')
    expect((await h.app.db.question.findUnique({ where: { id: q.id } }))?.status).toBe('pending')
    // Joining as the operator (not assigned) gives the public view only.
    expect(ok(await send(operator, 'session:join', { sessionId: S })).staff).toBe(false)
    for (const s of [citizen, host, operator]) s.close()
  })

  it('a citizen never sees other citizens\' pending questions on join', async () => {
    const a = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const b = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mine = ok(await send(a, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'a', body: '只有我能看到的待审问题' }))
    const aView = ok(await send(a, 'session:join', { sessionId: S }))
    const bView = ok(await send(b, 'session:join', { sessionId: S }))
    expect(aView.questions!.some((q) => q.id === mine.id)).toBe(true)
    expect(bView.questions!.some((q) => q.id === mine.id)).toBe(false)
    expect(bView.questions!.every((q) => ['approved', 'answering', 'answered'].includes(q.status))).toBe(true)
    expect(JSON.stringify(bView)).not.toContain('citizenId')
    a.close(); b.close()
  })
})

describe('hostile payloads are rejected with codes', () => {
  it('wrong types, unknown keys, __proto__, oversized, bad ids', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const bad: unknown[] = [
      null, 42, 'string', [],
      { sessionId: S, clientId: clientId(), nickname: 'n', body: 12345 },
      { sessionId: S, clientId: clientId(), nickname: 'n', body: 'ok body', extra: true },
      JSON.parse(`{"sessionId":"${S}","clientId":"${clientId()}","nickname":"n","body":"ok body","__proto__":{"admin":true}}`),
      { sessionId: S, clientId: 'short', nickname: 'n', body: 'ok body' },
      { sessionId: '../../etc/passwd', clientId: clientId(), nickname: 'n', body: 'ok body' },
      { sessionId: S, clientId: clientId(), nickname: 'n', body: 'x'.repeat(501) },
      { sessionId: S, clientId: clientId(), nickname: 'n', body: 'bad\u0000null' },
      // Half a surrogate pair is not text (PostgreSQL cannot store it; exports would break).
      { sessionId: S, clientId: clientId(), nickname: 'n', body: 'lone \uD83D surrogate' },
      { sessionId: S, clientId: clientId(), nickname: '\uDE00x', body: 'a fine body' },
    ]
    for (const p of bad) expect(code(await send(c, 'question:submit', p as never))).toBe('BAD_REQUEST')
    // Over the command limit (32 KB) but within a frame: refused on its ack. (A frame over 64 KB
    // closes the connection instead: test/faults/flood.test.ts.)
    const huge = { sessionId: S, clientId: clientId(), nickname: 'n', body: 'x'.repeat(40_000) }
    expect(code(await send(c, 'question:submit', huge))).toBe('PAYLOAD_TOO_LARGE')
    expect(code(await send(c, 'question:upvote', { questionId: 'does-not-exist' }))).toBe('NOT_FOUND')
    expect(code(await send(c, 'session:join', { sessionId: 'nope' }))).toBe('NOT_FOUND')
    expect(({}) as Record<string, unknown>).not.toHaveProperty('admin')
    c.close()
  })

  it('an XSS string is stored and returned as plain text, never altered into markup', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const body = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '<b>x</b>', body }))
    expect(q.body).toBe(body)
    expect(q.nickname).toBe('<b>x</b>')
    c.close()
  })

  it('refuses socket connections from a foreign Origin', async () => {
    await expect(client(h.url, { origin: 'https://evil.example' })).rejects.toThrow()
    const fine = await client(h.url, { origin: 'http://localhost:3000' })
    fine.close()
  })
})

describe('session lifecycle', () => {
  it('live writes need a live session; archived sessions refuse every write', async () => {
    const host = await staff(h.url, 'host')
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    // Scheduled: questions are collected in advance, but no live record yet.
    ok(await send(c, 'question:submit', { sessionId: DEMO_UPCOMING_SESSION, clientId: clientId(), nickname: 'n', body: '提前征集的问题' }))
    expect(code(await send(host, 'transcript:post', { sessionId: DEMO_UPCOMING_SESSION, clientId: clientId(), speaker: 'host', speakerName: '李明', body: 'x' }))).toBe('CONFLICT')
    expect(code(await send(host, 'session:end', { sessionId: DEMO_UPCOMING_SESSION }))).toBe('CONFLICT')
    // Archived.
    const archivedQ = await h.app.db.question.findFirst({ where: { sessionId: DEMO_ARCHIVED_SESSION, status: 'approved' } })
    expect(code(await send(c, 'question:submit', { sessionId: DEMO_ARCHIVED_SESSION, clientId: clientId(), nickname: 'n', body: '迟到的问题' }))).toBe('SESSION_CLOSED')
    expect(code(await send(c, 'question:upvote', { questionId: archivedQ!.id }))).toBe('SESSION_CLOSED')
    expect(code(await send(host, 'transcript:post', { sessionId: DEMO_ARCHIVED_SESSION, clientId: clientId(), speaker: 'host', speakerName: '李明', body: 'x' }))).toBe('SESSION_CLOSED')
    expect(code(await send(host, 'session:start', { sessionId: DEMO_ARCHIVED_SESSION }))).toBe('SESSION_CLOSED')
    const admin = await staff(h.url, 'admin')
    expect(code(await send(admin, 'question:answer', { questionId: archivedQ!.id, answer: 'late' }))).toBe('SESSION_CLOSED')
    expect(code(await send(admin, 'question:reject', { questionId: archivedQ!.id, reason: 'late' }))).toBe('SESSION_CLOSED')
    expect(await h.app.db.question.count({ where: { sessionId: DEMO_ARCHIVED_SESSION, body: '迟到的问题' } })).toBe(0)
    for (const s of [host, c, admin]) s.close()
  })
})
