import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, ok, send, staff, startServer } from './harness.ts'

// A join is not free (a snapshot); it is limited, bounded and shared between viewers (issue 10, item 3).

let h: Harness
beforeAll(async () => { h = await startServer({ RATE_JOINS_PER_SOCKET: '5', RATE_JOINS_PER_IP: '200', SNAPSHOT_LIMIT: '10', MAX_SOCKETS_PER_IP: '150', SNAPSHOT_TTL_MS: '60000' }) })
afterAll(async () => { await h?.close() })

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

describe('session:join limits', () => {
  it('one socket looping joins is refused after its allowance, then closed; other viewers still join', async () => {
    // Three flooders, 300 joins from one address whose allowance is 200: refused joins must not
    // spend it, since the address's other viewers share it.
    for (let n = 0; n < 3; n++) {
      const flooder = await client(h.url)
      const first = []
      for (let i = 0; i < 8; i++) first.push(code(await send(flooder, 'session:join', { sessionId: S })))
      expect(first).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED'])
      // A socket that keeps asking after 100 refusals is closed.
      const gone = new Promise<string>((resolve) => flooder.once('disconnect', resolve))
      for (let i = 0; i < 96; i++) expect(code(await send(flooder, 'session:join', { sessionId: S }))).toBe('RATE_LIMITED')
      expect(flooder.connected).toBe(true)
      void send(flooder, 'session:join', { sessionId: S }) // the 100th refusal: closed instead of answered
      expect(await gone).toBe('io server disconnect')
    }
    const other = await client(h.url)
    expect(code(await send(other, 'session:join', { sessionId: S }))).toBe('ok')
    other.close()
  })

  it('sockets per address are capped', async () => {
    const open = []
    // The other tests of this file may hold a few sockets; fill up to the cap.
    for (;;) {
      try { open.push(await client(h.url)) } catch (err) { expect(String(err)).toMatch(/TOO_MANY_CONNECTIONS/); break }
      if (open.length > 150) throw new Error('no cap')
    }
    expect(open.length).toBeGreaterThan(140)
    open.pop()!.close()
    await new Promise((r) => setTimeout(r, 100))
    open.push(await client(h.url)) // a closed socket frees its place
    for (const s of open) s.close()
  })
})

describe('bounded snapshots, paged history', () => {
  it('a snapshot holds the newest questions and entries; session:page brings every older one exactly once', async () => {
    const host = await staff(h.url, 'host')
    const mod = await staff(h.url, 'moderator')
    const approved: string[] = []
    for (let t = 0; t < 5; t++) {
      const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
      for (let i = 0; i < 5; i++) {
        const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: `分页问题 ${t}-${i}` }))
        ok(await send(mod, 'question:approve', { questionId: q.id }))
        approved.push(q.id)
      }
      asker.close()
    }
    for (let i = 0; i < 25; i++) ok(await send(host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: `实录 ${i}` }))

    const viewer = await client(h.url)
    const snap = ok(await send(viewer, 'session:join', { sessionId: S }))
    expect(snap.mode).toBe('snapshot')
    expect(snap.transcript).toHaveLength(10)
    expect(snap.transcript!.at(-1)!.body).toBe('实录 24')
    expect(snap.questions!.length).toBeLessThanOrEqual(10 + 5)
    expect(snap.older!.transcript).toBe(snap.transcript![0]!.id)
    expect(snap.older!.questions).not.toBeNull()

    // Page the live record back to its start.
    const entries = [...snap.transcript!]
    for (let before = snap.older!.transcript; before;) {
      const p = ok(await send(viewer, 'session:page', { sessionId: S, kind: 'transcript', before, limit: 7 }))
      entries.unshift(...p.transcript!)
      before = p.next
    }
    const all = await h.app.db.transcriptEntry.count({ where: { sessionId: S } })
    expect(entries).toHaveLength(all)
    expect(new Set(entries.map((e) => e.id)).size).toBe(all)
    const times = entries.map((e) => Date.parse(e.createdAt))
    expect([...times].sort((a, b) => a - b)).toEqual(times)

    // And the public questions: every approved one above, none that the public may not see.
    const seen = new Map(snap.questions!.map((q) => [q.id, q]))
    for (let before = snap.older!.questions; before;) {
      const p = ok(await send(viewer, 'session:page', { sessionId: S, kind: 'questions', before, limit: 7 }))
      for (const q of p.questions!) { expect(seen.has(q.id)).toBe(false); seen.set(q.id, q) }
      expect(Object.keys(p.votes).sort()).toEqual(p.questions!.map((q) => q.id).sort())
      before = p.next
    }
    for (const id of approved) expect(seen.has(id)).toBe(true)
    expect([...seen.values()].every((q) => ['approved', 'answering', 'answered'].includes(q.status))).toBe(true)
    const publicCount = await h.app.db.question.count({ where: { sessionId: S, status: { in: ['approved', 'answering', 'answered'] } } })
    expect(seen.size).toBe(publicCount)
    for (const s of [host, mod, viewer]) s.close()
  })

  it('staff get the whole moderation queue in their snapshot, and may page every question', async () => {
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const pending = []
    for (let i = 0; i < 3; i++) pending.push(ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: `待审 ${i}` })).id)
    const mod = await staff(h.url, 'moderator')
    const snap = ok(await send(mod, 'session:join', { sessionId: S }))
    for (const id of pending) expect(snap.questions!.some((q) => q.id === id)).toBe(true)
    const dbPending = await h.app.db.question.count({ where: { sessionId: S, status: 'pending' } })
    expect(snap.questions!.filter((q) => q.status === 'pending')).toHaveLength(dbPending)
    const oldest = [...snap.questions!].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0]!
    const p = ok(await send(mod, 'session:page', { sessionId: S, kind: 'questions', before: oldest.id }))
    expect(p.questions!.every((q) => 'sensitiveHits' in q)).toBe(true)
    // Paging a session one has not joined, or with an id from elsewhere, is refused.
    const stranger = await client(h.url)
    expect(code(await send(stranger, 'session:page', { sessionId: S, kind: 'questions', before: oldest.id }))).toBe('CONFLICT')
    expect(code(await send(mod, 'session:page', { sessionId: S, kind: 'transcript', before: 'no-such-entry' }))).toBe('NOT_FOUND')
    for (const s of [asker, mod, stranger]) s.close()
  })

  it('the public view is built once for many joins, and staff-only changes do not rebuild it', async () => {
    const viewers = await Promise.all(Array.from({ length: 3 }, () => client(h.url)))
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(viewers[0]!, 'session:join', { sessionId: S }))
    const before = h.app.sync.stats().viewBuilds
    // Submitted questions are staff-only events: the sequence number moves, the public view does not.
    for (let i = 0; i < 3; i++) ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: `又一个待审 ${i}` }))
    for (const v of viewers.slice(1)) ok(await send(v, 'session:join', { sessionId: S }))
    expect(h.app.sync.stats().viewBuilds).toBe(before)
    for (const s of [...viewers, asker]) s.close()
  })
})
