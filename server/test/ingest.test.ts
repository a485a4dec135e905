import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ARCHIVED_SESSION, DEMO_LIVE_SESSION as S, DEMO_UPCOMING_SESSION } from '../src/seed/demo.ts'
import { createQuestionService } from '../src/features/questions/service.ts'
import { createWordsService } from '../src/features/words/service.ts'
import { sha256 } from '../src/features/auth/service.ts'
import { citizenToken, client, clientId, type Harness, ok, send, startServer } from './harness.ts'

let h: Harness
beforeAll(async () => { h = await startServer({ RATE_QUESTIONS_PER_TOKEN: '1000', RATE_QUESTIONS_PER_IP: '100000' }) })
afterAll(async () => { await h?.close() })

describe('question ingest under a burst (group commit)', () => {
  it('hundreds of concurrent submissions: each acked once, stored once, with unique consecutive sequence numbers', async () => {
    const before = (await h.app.db.session.findUnique({ where: { id: S } }))!.seq
    const sockets = await Promise.all(Array.from({ length: 10 }, async () => client(h.url, { citizenToken: await citizenToken(h.url) })))
    const payloads = Array.from({ length: 300 }, (_, i) => ({ sessionId: S, clientId: clientId(), nickname: `n${i}`, body: `并发问题 ${i}` }))
    // Every tenth payload is sent twice at once, as a client retry would.
    const sends = payloads.flatMap((p, i) => {
      const s = sockets[i % sockets.length]!
      return i % 10 === 0 ? [send(s, 'question:submit', p), send(s, 'question:submit', p)] : [send(s, 'question:submit', p)]
    })
    const acks = (await Promise.all(sends)).map(ok)
    expect(new Set(acks.map((a) => a.id)).size).toBe(300)
    expect(await h.app.db.question.count({ where: { sessionId: S, body: { startsWith: '并发问题' } } })).toBe(300)
    const events = await h.app.db.sessionEvent.findMany({ where: { sessionId: S, seq: { gt: before } }, orderBy: { seq: 'asc' } })
    expect(events).toHaveLength(300)
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => before + 1 + i))
    for (const s of sockets) s.close()
  })

  it('in one batch, a closed session fails only its own questions, and a stolen client id only its thief', async () => {
    const words = createWordsService(h.app.db)
    const questions = createQuestionService(h.app.db, words)
    const [a, b] = [sha256(await citizenToken(h.url)), sha256(await citizenToken(h.url))]
    const shared = clientId()
    const results = await Promise.allSettled([
      questions.submit({ sessionId: S, clientId: shared, nickname: 'a', body: '正常的问题' }, a),
      questions.submit({ sessionId: DEMO_ARCHIVED_SESSION, clientId: clientId(), nickname: 'a', body: '归档后的问题' }, a),
      questions.submit({ sessionId: S, clientId: shared, nickname: 'b', body: '抢用编号' }, b),
      questions.submit({ sessionId: DEMO_UPCOMING_SESSION, clientId: clientId(), nickname: 'b', body: '预告期的问题' }, b),
    ])
    expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code))).toEqual(['ok', 'SESSION_CLOSED', 'CONFLICT', 'ok'])
    expect(await h.app.db.question.count({ where: { clientId: shared } })).toBe(1)
  })

  it('a burst of upvotes: one vote per device and question even when a device sends several at once', async () => {
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '投票用的问题' }))
    await h.app.db.question.update({ where: { id: q.id }, data: { status: 'approved', approvedAt: new Date() } })
    const voters = await Promise.all(Array.from({ length: 40 }, async () => client(h.url, { citizenToken: await citizenToken(h.url) })))
    const acks = (await Promise.all(voters.flatMap((v) => [send(v, 'question:upvote', { questionId: q.id }), send(v, 'question:upvote', { questionId: q.id })]))).map(ok)
    expect(Math.max(...acks.map((a) => a.upvotes))).toBe(40)
    expect((await h.app.db.question.findUnique({ where: { id: q.id } }))?.upvotes).toBe(40)
    expect(await h.app.db.vote.count({ where: { questionId: q.id } })).toBe(40)
    for (const s of [asker, ...voters]) s.close()
  })
})
