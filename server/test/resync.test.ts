import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, ok, send, startServer, staff } from './harness.ts'

const servers: Harness[] = []
afterAll(async () => { for (const s of servers) await s.close().catch(() => undefined) })

describe('re-sync after a dropped connection and a server restart', () => {
  it('a client that was away gets exactly what it missed, by sequence number', async () => {
    const h = await startServer()
    servers.push(h)
    const token = await citizenToken(h.url)
    const viewer = await client(h.url, { citizenToken: token })
    const first = ok(await send(viewer, 'session:join', { sessionId: S }))
    expect(first.mode).toBe('snapshot')
    const lastSeq = first.lastSeq
    viewer.close()

    // While the viewer is gone: a question approved, a transcript entry, a question of its own.
    const other = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const host = await staff(h.url, 'host')
    const q = ok(await send(other, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'o', body: '离线期间的问题' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    const entry = ok(await send(host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: '离线期间的实录' }))
    const pendingOther = ok(await send(other, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'o', body: '别人的待审问题' }))

    // The server restarts on the same database.
    await h.close()
    const h2 = await startServer({}, h.dbUrl, h.dataDir)
    servers.push(h2)
    const back = await client(h2.url, { citizenToken: token })
    const delta = ok(await send(back, 'session:join', { sessionId: S, sinceSeq: lastSeq }))
    expect(delta.mode).toBe('delta')
    const types = delta.events!.map((e) => e.type)
    expect(types).toEqual(['question:approved', 'transcript:posted'])
    expect(delta.events!.some((e) => 'entry' in e && e.entry.id === entry.id)).toBe(true)
    expect(JSON.stringify(delta)).not.toContain(pendingOther.id)
    expect(delta.lastSeq).toBeGreaterThan(lastSeq)
    const seqs = delta.events!.map((e) => e.seq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    // Nothing new since: an empty delta.
    const again = ok(await send(back, 'session:join', { sessionId: S, sinceSeq: delta.lastSeq }))
    expect(again.events).toEqual([])
    for (const s of [back, other, mod, host]) s.close()
  })

  it('a client that missed too much, or claims a future seq, gets a snapshot', async () => {
    const h = await startServer()
    servers.push(h)
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const snap = ok(await send(c, 'session:join', { sessionId: S, sinceSeq: 1_000_000 }))
    expect(snap.mode).toBe('snapshot')
    expect(snap.transcript!.length).toBeGreaterThan(0)
    c.close()
  })
})
