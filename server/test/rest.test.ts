import type { ArchiveDto, ArchiveListPageDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ARCHIVED_SESSION, DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, frames, type Harness, hasEvent, login, ok, send, startServer, staff } from './harness.ts'

let h: Harness
beforeAll(async () => { h = await startServer() })
afterAll(async () => { await h?.close() })

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openday-csrf': '1', ...headers }, body: JSON.stringify(body) })
const errCode = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code

// The smallest valid PNG (1x1).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex')

async function upload(cookie: string | null, bytes: Buffer, name: string, type: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  return fetch(`${h.url}/api/sessions/${S}/uploads`, { method: 'POST', body: form, headers: { 'x-openday-csrf': '1', ...(cookie ? { cookie } : {}) } })
}

describe('staff login', () => {
  it('logs in with a cookie that is httpOnly and SameSite, and refuses wrong passwords', async () => {
    const res = await post('/api/auth/login', { username: 'admin', password: 'admin-demo' })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const me = await fetch(`${h.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } })
    expect(((await me.json()) as { role: string }).role).toBe('admin')
    const bad = await post('/api/auth/login', { username: 'admin', password: 'wrong' })
    expect(bad.status).toBe(401)
    expect(await errCode(bad)).toBe('UNAUTHENTICATED')
    expect((await fetch(`${h.url}/api/auth/me`)).status).toBe(401)
  })

  it('refuses state changes without the CSRF header or from a foreign origin', async () => {
    const noHeader = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-demo' }) })
    expect(noHeader.status).toBe(403)
    const foreign = await post('/api/auth/login', { username: 'admin', password: 'admin-demo' }, { origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect((await post('/api/auth/login', { username: 'admin', password: 'admin-demo', role: 'x' })).status).toBe(400)
  })
})

describe('picture uploads', () => {
  it('accepts a real image from the host and serves it with its type', async () => {
    const cookie = await login(h.url, 'host')
    const res = await upload(cookie, PNG, 'a.png', 'image/png')
    expect(res.status).toBe(201)
    const u = (await res.json()) as { id: string; url: string; mime: string }
    expect(u.mime).toBe('image/png')
    const file = await fetch(`${h.url}${u.url}`)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true)
    // The entry that shows it.
    const host = await client(h.url, { cookie })
    const entry = ok(await send(host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: '', uploadId: u.id }))
    expect(entry.image?.url).toBe(u.url)
    host.close()
  })

  it('refuses disguised files, oversize files and people who may not post', async () => {
    const cookie = await login(h.url, 'host')
    const html = await upload(cookie, Buffer.from('<svg onload=alert(1)></svg>'), 'x.png', 'image/png')
    expect(html.status).toBe(400)
    const big = await upload(cookie, Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), 'big.png', 'image/png')
    expect(big.status).toBe(413)
    expect(await errCode(big)).toBe('PAYLOAD_TOO_LARGE')
    expect((await upload(null, PNG, 'a.png', 'image/png')).status).toBe(401)
    expect((await upload(await login(h.url, 'moderator'), PNG, 'a.png', 'image/png')).status).toBe(403)
  })
})

describe('sensitive words are data the admin edits', () => {
  it('admin adds a word and the filter uses it at once; others may not edit', async () => {
    const admin = await login(h.url, 'admin')
    const add = await post('/api/admin/sensitive-words', { word: '传销' }, { cookie: admin })
    expect(add.status).toBe(201)
    expect((await post('/api/admin/sensitive-words', { word: '传销' }, { cookie: admin })).status).toBe(409)
    expect((await post('/api/admin/sensitive-words', { word: 'x' }, { cookie: await login(h.url, 'moderator') })).status).toBe(403)
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const modF = frames(mod)
    ok(await send(mod, 'session:join', { sessionId: S }))
    const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '有人搞传销' }))
    const f = await modF.waitFor(hasEvent('question:submitted', q.id))
    expect(JSON.stringify(f)).toContain('"sensitiveHits":["传销"]')
    const { id } = (await add.json()) as { id: string }
    const del = await fetch(`${h.url}/api/admin/sensitive-words/${id}`, { method: 'DELETE', headers: { cookie: admin, 'x-openday-csrf': '1' } })
    expect(del.status).toBe(200)
    c.close(); mod.close()
  })
})

describe('archive', () => {
  it('ending a session freezes it and publishes the record with figures and reply deadlines', async () => {
    const host = await staff(h.url, 'host')
    const mod = await staff(h.url, 'moderator')
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const viewerF = frames(c)
    ok(await send(c, 'session:join', { sessionId: S }))
    const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '来不及现场回答的问题' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    const ended = ok(await send(host, 'session:end', { sessionId: S }))
    expect(ended.status).toBe('archived')
    await viewerF.waitFor(hasEvent('session:archived'))

    const list = (await (await fetch(`${h.url}/api/archive`)).json()) as ArchiveListPageDto
    expect(list.items.map((i) => i.session.id)).toEqual(expect.arrayContaining([S, DEMO_ARCHIVED_SESSION]))
    const a = (await (await fetch(`${h.url}/api/archive/${S}`)).json()) as ArchiveDto
    expect(a.transcript.length).toBeGreaterThan(0)
    expect(a.transcript.map((e) => e.createdAt)).toEqual([...a.transcript.map((e) => e.createdAt)].sort())
    const waiting = a.questions.find((x) => x.id === q.id)!
    expect(waiting.status).toBe('approved')
    expect(new Date(waiting.replyDueAt!).getTime()).toBeGreaterThan(Date.now() + 4 * 86_400_000)
    expect(a.figures.awaitingReply).toBeGreaterThanOrEqual(1)
    expect(a.figures.received).toBeGreaterThanOrEqual(a.figures.approved)
    expect(a.questions.every((x) => ['approved', 'answering', 'answered'].includes(x.status))).toBe(true)
    expect(JSON.stringify(a)).not.toContain('citizenId')
    expect((await fetch(`${h.url}/api/archive/demo-upcoming`)).status).toBe(404)
    for (const s of [host, mod, c]) s.close()
  })
})
