import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, frames, type Harness, ok, send, startServer, staff } from './harness.ts'

let h: Harness
// Two sockets per turn and frames every 10 ms: frames overlap the waves still being written, which
// is the case the merging must get right.
beforeAll(async () => { h = await startServer({ FRAME_CHUNK: '2', FRAME_INTERVAL_MS: '10' }) })
afterAll(async () => { await h?.close() })

describe('a session room written in waves', () => {
  it('gives every viewer every event exactly once and in order, frames merged or not', async () => {
    const viewers = await Promise.all(Array.from({ length: 9 }, async () => client(h.url, { citizenToken: await citizenToken(h.url) })))
    const fs = viewers.map(frames)
    for (const v of viewers) ok(await send(v, 'session:join', { sessionId: S }))
    const leaver = viewers[8]!
    ok(await send(leaver, 'session:leave', { sessionId: S }))
    const before = fs[8]!.all.length
    const host = await staff(h.url, 'host')
    const posted = await Promise.all(Array.from({ length: 15 }, (_, i) =>
      send(host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: `第${i}条` })))
    const ids = posted.map((r) => ok(r).id)
    // A late joiner must get what follows its join, even while earlier waves are under way.
    const late = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const lf = frames(late)
    ok(await send(late, 'session:join', { sessionId: S }))
    const last = ok(await send(host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: '最后' })).id
    const has = (f: ReturnType<typeof frames>, id: string) => f.events().some((e) => 'entry' in e && e.entry.id === id)
    for (const f of fs.slice(0, 8)) {
      await f.waitFor(() => [...ids, last].every((id) => has(f, id)))
      const seqs = f.events().map((e) => e.seq)
      expect(new Set(seqs).size).toBe(seqs.length)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    }
    await lf.waitFor(() => has(lf, last))
    // The one that left the session hears nothing more.
    expect(fs[8]!.all.length).toBe(before)
    for (const s of [...viewers, host, late]) s.close()
  })
})
