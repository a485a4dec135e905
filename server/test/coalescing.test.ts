import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, frames, type Harness, hasEvent, ok, send, startServer, staff } from './harness.ts'

let h: Harness
// Wide intervals make the coalescing visible: bursts inside one interval must leave as one frame.
beforeAll(async () => { h = await startServer({ FRAME_INTERVAL_MS: '300', TALLY_INTERVAL_MS: '600' }) })
afterAll(async () => { await h?.close() })

describe('live output is coalesced', () => {
  it('a burst of state changes reaches a viewer in few frames, complete and in order', async () => {
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const f = frames(viewer)
    ok(await send(viewer, 'session:join', { sessionId: S }))
    const host = await staff(h.url, 'host')
    const started = Date.now()
    const posted = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      send(host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: `第${i}条` })))
    // The 20 writes commit over this span (longer on a busy machine or on PostgreSQL). The hub
    // sends the first at once and then at most one frame per interval, so the bound follows the
    // span instead of assuming how fast the database is; 20 separate frames would break it.
    const span = Date.now() - started
    const ids = posted.map((r) => ok(r).id)
    await f.waitFor(() => ids.every((id) => f.events().some((e) => 'entry' in e && e.entry.id === id)))
    const withEntries = f.all.filter((fr) => fr.events?.some((e) => e.type === 'transcript:posted'))
    expect(withEntries.length).toBeLessThanOrEqual(2 + Math.ceil(span / 300))
    const seqs = f.events().map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    viewer.close(); host.close()
  })

  it('many upvotes leave as a few count updates carrying the final total', async () => {
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '大家都关心的问题' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const f = frames(viewer)
    ok(await send(viewer, 'session:join', { sessionId: S }))
    const voters = await Promise.all(Array.from({ length: 30 }, async () => client(h.url, { citizenToken: await citizenToken(h.url) })))
    await Promise.all(voters.map((v) => send(v, 'question:upvote', { questionId: q.id }).then(ok)))
    await f.waitFor((fr) => fr.votes?.[q.id] === 30)
    const voteFrames = f.all.filter((fr) => fr.votes?.[q.id] !== undefined)
    expect(voteFrames.length).toBeLessThanOrEqual(4)
    expect((await h.app.db.question.findUnique({ where: { id: q.id } }))?.upvotes).toBe(30)
    for (const s of [asker, mod, viewer, ...voters]) s.close()
  })

  it('an event only staff see does not send the room counts before the tally interval', async () => {
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const f = frames(viewer)
    ok(await send(viewer, 'session:join', { sessionId: S }))
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '计数何时更新' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    await f.waitFor(hasEvent('question:approved', q.id))
    const roomFrameAt = Date.now()
    const voter = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(voter, 'question:upvote', { questionId: q.id }))
    // A new question pending moderation is a staff-only event, flushed within the frame interval
    // (300 ms): that flush must not take the count to the room before the tally interval (600 ms).
    ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '另一个问题' }))
    await f.waitFor((fr) => fr.votes?.[q.id] === 1)
    expect(Date.now() - roomFrameAt).toBeGreaterThanOrEqual(450)
    expect(f.all.filter((fr) => fr.votes?.[q.id] !== undefined)).toHaveLength(1)
    for (const s of [asker, mod, viewer, voter]) s.close()
  })
})
