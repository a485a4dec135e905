import type { ArchiveListPageDto } from '@openday/protocol'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenToken, client, type Client, clientId, type Harness, login, ok, send, startServer } from './harness.ts'

// Sessions of an event that is not published yet (draft/planned) must not reach the public in
// any way, and must answer exactly as a session that does not exist; the session's staff (and
// the admin) still see and prepare it.

let h: Harness
const EVENT = 'pv-event'
const LIVE = 'pv-live' // a live video interview: join, questions, votes, stage, HLS, media
const HOTLINE = 'pv-hotline'
const ARCHIVED = 'pv-archived' // an archived video interview: archive page and list, recording, picture
const NONE = 'pv-no-such-session'
const QUESTION = 'pv-question'
let uploadId = ''

beforeAll(async () => {
  // A short archive-list cache, so that publishing shows in the list within the test.
  h = await startServer({ ARCHIVE_CACHE_MS: '300' })
  const db = h.app.db
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'rsj' } })
  const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } })
  const [host, moderator, operator] = await Promise.all([user('host'), user('moderator'), user('operator')])
  const now = Date.now()
  const hour = 3_600_000
  await db.event.create({ data: {
    id: EVENT, year: 2026, month: 12, theme: '尚未发布的主题日', form: 'video_interview', status: 'planned',
    // Planned for a day weeks ahead: its preview (previewDays 3) has not opened yet.
    startsAt: new Date(now + 20 * 24 * hour), endsAt: new Date(now + 20 * 24 * hour + 2 * hour), hostUnits: { create: [{ unitId: unit.id, role: 'lead' }] },
  } })
  const session = (id: string, kind: string, status: string, extra: object = {}) => db.session.create({ data: {
    id, eventId: EVENT, kind, title: `${id} 标题`, status, scheduledStart: new Date(now - hour), scheduledEnd: new Date(now + hour), ...extra,
    staff: { create: [{ userId: host.id, role: 'host' }, { userId: moderator.id, role: 'moderator' }, ...(kind === 'hotline' ? [{ userId: operator.id, role: 'operator' }] : [])] },
  } })
  await session(LIVE, 'video_interview', 'live', { startedAt: new Date(now - hour / 2) })
  await session(HOTLINE, 'hotline', 'live', { startedAt: new Date(now - hour / 2) })
  await session(ARCHIVED, 'video_interview', 'archived', {
    startedAt: new Date(now - 3 * hour), endedAt: new Date(now - 2 * hour), archivedAt: new Date(now - 2 * hour),
    recordingFile: `media/${ARCHIVED}/recording.mp4`, recordingSeconds: 60,
  })
  const citizen = await db.citizen.create({ data: { tokenHash: 'pv-citizen-hash', nickname: '' } })
  await db.question.create({ data: { id: QUESTION, sessionId: LIVE, clientId: clientId(), citizenId: citizen.id, nickname: '网友', body: '已公开的问题', status: 'approved', approvedAt: new Date() } })
  await db.question.create({ data: { sessionId: ARCHIVED, clientId: clientId(), citizenId: citizen.id, nickname: '网友', body: '已回答的问题', status: 'answered', approvedAt: new Date(), answer: '答', answeredAt: new Date() } })
  // Files on disk where the server looks for them.
  mkdirSync(join(h.dataDir, 'media', LIVE), { recursive: true })
  writeFileSync(join(h.dataDir, 'media', LIVE, 'index.m3u8'), '#EXTM3U\n')
  mkdirSync(join(h.dataDir, 'media', ARCHIVED), { recursive: true })
  writeFileSync(join(h.dataDir, 'media', ARCHIVED, 'recording.mp4'), Buffer.alloc(64))
  mkdirSync(join(h.dataDir, 'uploads'), { recursive: true })
  writeFileSync(join(h.dataDir, 'uploads', 'pv.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
  uploadId = (await db.upload.create({ data: { sessionId: ARCHIVED, mime: 'image/png', size: 8, sha256: 'pv', path: 'pv.png', uploaderId: host.id } })).id
})
afterAll(async () => { await h?.close() })

const get = (path: string, cookie?: string) => fetch(`${h.url}${path}`, { headers: cookie ? { cookie } : {} })
const answer = async (r: Response) => ({ status: r.status, body: await r.text() })

/** Every public HTTP path of the hidden sessions, each beside the same path for a session that does not exist. */
const httpPaths = () => [
  [`/api/sessions/${LIVE}`, `/api/sessions/${NONE}`],
  [`/api/sessions/${ARCHIVED}`, `/api/sessions/${NONE}`],
  [`/api/archive/${ARCHIVED}`, `/api/archive/${NONE}`],
  [`/media/hls/${LIVE}/index.m3u8`, `/media/hls/${NONE}/index.m3u8`],
  [`/media/rec/${ARCHIVED}.mp4`, `/media/rec/${NONE}.mp4`],
  [`/uploads/${uploadId}`, `/uploads/no-such-upload`],
  [`/api/hotline/sessions/${HOTLINE}/figures`, `/api/hotline/sessions/${NONE}/figures`],
] as const

async function archiveListIds(cookie?: string): Promise<string[]> {
  const res = await get('/api/archive?size=50', cookie)
  expect(res.status).toBe(200)
  return ((await res.json()) as ArchiveListPageDto).items.map((i) => i.session.id)
}

/** What the session's tables hold: nothing may change when the public is refused. */
async function stored() {
  const db = h.app.db
  const where = { sessionId: { in: [LIVE, HOTLINE, ARCHIVED] } }
  const [questions, votes, stage, events, seqs] = await Promise.all([
    db.question.count({ where }), db.vote.count({ where: { questionId: QUESTION } }), db.stageRequest.count({ where }),
    db.sessionEvent.count({ where }), db.session.findMany({ where: { id: { in: [LIVE, HOTLINE, ARCHIVED] } }, select: { seq: true } }),
  ])
  return { questions, votes, stage, events, seqs: seqs.map((s) => s.seq) }
}

/** The citizen's commands on the hidden live session, each beside the same command on nothing. */
async function citizenCommands(c: Client) {
  const q = { clientId: clientId(), nickname: '网友', body: '这个活动还没发布吧？' }
  return [
    ['join live', await send(c, 'session:join', { sessionId: LIVE }), await send(c, 'session:join', { sessionId: NONE })],
    ['join hotline', await send(c, 'session:join', { sessionId: HOTLINE }), await send(c, 'session:join', { sessionId: NONE })],
    ['join archived', await send(c, 'session:join', { sessionId: ARCHIVED }), await send(c, 'session:join', { sessionId: NONE })],
    ['question:submit', await send(c, 'question:submit', { sessionId: LIVE, ...q }), await send(c, 'question:submit', { sessionId: NONE, ...q })],
    ['question:upvote', await send(c, 'question:upvote', { questionId: QUESTION }), await send(c, 'question:upvote', { questionId: 'pv-no-such-question' })],
    ['stage:request', await send(c, 'stage:request', { sessionId: LIVE, nickname: '网友' }), await send(c, 'stage:request', { sessionId: NONE, nickname: '网友' })],
    ['media:join', await send(c, 'media:join', { sessionId: LIVE }), await send(c, 'media:join', { sessionId: NONE })],
  ] as const
}

describe('sessions of an unpublished event', () => {
  it('answer the public NOT_FOUND on every path, exactly as a session that does not exist, and store nothing', async () => {
    const before = await stored()
    for (const [hidden, missing] of httpPaths()) {
      const [a, b] = [await answer(await get(hidden)), await answer(await get(missing))]
      expect(a.status, hidden).toBe(404)
      expect(a, hidden).toEqual(b)
    }
    // Staff of other sessions are the public here.
    const operator = await login(h.url, 'operator')
    expect(await answer(await get(`/api/sessions/${LIVE}`, operator))).toEqual(await answer(await get(`/api/sessions/${NONE}`, operator)))
    expect(await archiveListIds()).not.toContain(ARCHIVED)

    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    for (const [name, hidden, missing] of await citizenCommands(c)) {
      expect(hidden.ok, name).toBe(false)
      expect(hidden, name).toEqual(missing)
      expect(!hidden.ok && hidden.code, name).toBe('NOT_FOUND')
    }
    c.close()
    expect(await stored()).toEqual(before)
  })

  it('stay visible to their staff and the admin: join as staff, the session, the archive, the media', async () => {
    for (const username of ['host', 'moderator', 'admin']) {
      const cookie = await login(h.url, username)
      const s = await client(h.url, { cookie })
      const joined = ok(await send(s, 'session:join', { sessionId: LIVE }))
      expect(joined.staff).toBe(true)
      expect((joined.questions ?? []).map((q) => q.id)).toContain(QUESTION)
      s.close()
      const page = await get(`/api/sessions/${LIVE}`, cookie)
      expect(page.status).toBe(200)
      expect(((await page.json()) as { event: { status: string } }).event.status).toBe('planned')
      // What only staff may see must not be kept by a shared cache for the public.
      for (const path of [`/api/archive/${ARCHIVED}`, `/media/hls/${LIVE}/index.m3u8`, `/media/rec/${ARCHIVED}.mp4`, `/uploads/${uploadId}`]) {
        const res = await get(path, cookie)
        expect(res.status, `${username} ${path}`).toBe(200)
        expect(res.headers.get('cache-control'), path).toBe('private, no-store')
      }
    }
    const operator = await login(h.url, 'operator')
    expect((await get(`/api/hotline/sessions/${HOTLINE}/figures`, operator)).status).toBe(200)
    const host = await client(h.url, { cookie: await login(h.url, 'host') })
    expect(ok(await send(host, 'media:join', { sessionId: LIVE })).rtpCapabilities).toBeTruthy()
    host.close()
    // The public list never shows it, even to staff: the list is one cached page for everyone.
    expect(await archiveListIds(await login(h.url, 'admin'))).not.toContain(ARCHIVED)
  })

  it('become public once the event is published', async () => {
    await h.app.db.event.update({ where: { id: EVENT }, data: { status: 'published' } })
    for (const [hidden] of httpPaths()) {
      const res = await get(hidden)
      expect(res.status, hidden).toBe(200)
      expect(res.headers.get('cache-control') ?? '', hidden).not.toContain('private')
    }
    await expect.poll(() => archiveListIds(), { timeout: 3000 }).toContain(ARCHIVED)
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const joined = ok(await send(c, 'session:join', { sessionId: LIVE }))
    expect((joined.questions ?? []).map((q) => q.id)).toContain(QUESTION)
    ok(await send(c, 'session:join', { sessionId: ARCHIVED }))
    ok(await send(c, 'question:submit', { sessionId: LIVE, clientId: clientId(), nickname: '网友', body: '现在可以提问了' }))
    expect(ok(await send(c, 'question:upvote', { questionId: QUESTION })).upvotes).toBe(1)
    expect(ok(await send(c, 'stage:request', { sessionId: LIVE, nickname: '网友' })).status).toBe('requested')
    ok(await send(c, 'media:join', { sessionId: LIVE }))
    c.close()
    // A draft is as hidden as a planned event; a finished one (done) as public as a published one.
    await h.app.db.event.update({ where: { id: EVENT }, data: { status: 'draft' } })
    expect(await answer(await get(`/api/sessions/${LIVE}`))).toEqual(await answer(await get(`/api/sessions/${NONE}`)))
    await h.app.db.event.update({ where: { id: EVENT }, data: { status: 'done' } })
    expect((await get(`/api/sessions/${LIVE}`)).status).toBe(200)
  })
})
