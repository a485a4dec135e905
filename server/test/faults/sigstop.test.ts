import type { ChildProcess } from 'node:child_process'
import type { QuestionStaffDto, SyncResult } from '@openday/protocol'
import { io } from 'socket.io-client'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/client.ts'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { runMain, seededSettings, waitUp } from './process.ts'
import { record, size } from './report.ts'
import { citizenToken, client, clientId, type Client, login } from '../harness.ts'

// Issue 15, fault 4 (SIGSTOP): the real server process frozen past the heartbeat's limit, then
// thawed. Its clients — socket.io-client with the browser app's own reconnection settings — see
// the server go silent, give up on their connections (ping timeout) and keep trying; what they sent
// meanwhile sits unread in the frozen server's buffers, its outcome unknown to them. Thawed, the
// server reads it all, and each client, reconnected, retries what it never heard back about with
// the same clientId. Afterwards: everything acked stored once, nothing stored twice, every client
// back, and a moderator's re-synced view equal to the database's.

const CITIZENS = size(20, 100)
const PING = 1_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) { c.kill('SIGCONT'); c.kill('SIGKILL') } })

describe('SIGSTOP past the ping timeout, then SIGCONT', () => {
  it('clients drop, come back by themselves, and deliver everything once', async () => {
    // A short heartbeat so the freeze outlasts it in seconds, not the default 45 s.
    const { env, url, dbUrl } = await seededSettings({ SOCKET_PING_INTERVAL_MS: String(PING), SOCKET_PING_TIMEOUT_MS: String(PING) })
    const server = runMain(env)
    children.push(server.child)
    await waitUp(url)

    const log = new Map<string, 'ok' | 'unknown'>()
    const acked = () => [...log.values()].filter((o) => o === 'ok').length
    let stop = false
    let drops = 0
    let reconnects = 0
    const joined = new Set<number>()
    const sockets: Client[] = []
    const citizen = async (n: number) => {
      const token = await citizenToken(url)
      // The app's client: reconnection on, its default backoff (1 s doubling to 5 s, ±50 %).
      const s: Client = io(url, { transports: ['websocket'], auth: { citizenToken: token }, forceNew: true })
      sockets.push(s)
      s.on('disconnect', () => { drops++ })
      s.io.on('reconnect', () => { reconnects++ })
      let pending: string | null = null
      while (!stop || pending) {
        if (!s.connected) { await sleep(100); continue }
        try {
          await s.timeout(3_000).emitWithAck('session:join', { sessionId: S })
          joined.add(n)
          while (s.connected && (!stop || pending)) {
            const id: string = pending ?? clientId()
            if (!pending) { log.set(id, 'unknown'); pending = id }
            const r = (await s.timeout(2_000).emitWithAck('question:submit', { sessionId: S, clientId: id, nickname: `冻${n}`, body: '冻结测试的问题' })) as { ok: boolean; code?: string }
            if (!r.ok) throw new Error(`unexpected ${r.code}`)
            log.set(id, 'ok'); pending = null
            await sleep(50)
          }
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('unexpected')) throw err
          // A timeout: unknown, retried with the same clientId once the socket is back.
          await sleep(200)
        }
      }
      s.close()
    }
    const running = Array.from({ length: CITIZENS }, (_, n) => citizen(n))
    const until = async (test: () => boolean, ms: number) => { for (let i = 0; i < ms / 100 && !test(); i++) await sleep(100) }
    // Every client in (a hundred connecting at once take a moment), and the load on.
    await until(() => joined.size === CITIZENS && acked() >= 100, 60_000)
    expect(joined.size).toBe(CITIZENS)

    // Frozen for three times the heartbeat's limit (interval + timeout): every client must notice.
    const frozenAt = acked()
    server.child.kill('SIGSTOP')
    const stoppedAt = Date.now()
    await sleep(size(3 * 2 * PING, 30 * 2 * PING))
    const dropped = drops
    const unknownWhileFrozen = [...log.values()].filter((o) => o === 'unknown').length
    server.child.kill('SIGCONT')
    const thawed = Date.now()
    await until(() => reconnects >= CITIZENS && acked() >= frozenAt + 100, 60_000)
    const backIn = Date.now() - thawed
    stop = true
    await Promise.all(running)

    expect(dropped).toBeGreaterThanOrEqual(CITIZENS)
    expect(reconnects).toBeGreaterThanOrEqual(CITIZENS)
    expect([...log.values()].every((o) => o === 'ok')).toBe(true)

    const mod = await client(url, { cookie: await login(url, 'moderator') })
    const view = (await mod.timeout(5_000).emitWithAck('session:join', { sessionId: S })) as { ok: true; data: SyncResult }
    mod.close()
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)

    const db = await openDb(dbUrl)
    try {
      const rows = await db.question.findMany({ where: { sessionId: S }, select: { id: true, clientId: true, status: true, body: true } })
      const stored = new Map<string, number>()
      for (const r of rows.filter((q) => q.body === '冻结测试的问题')) stored.set(r.clientId, (stored.get(r.clientId) ?? 0) + 1)
      const lost = [...log.keys()].filter((id) => !stored.has(id))
      const duplicated = [...stored].filter(([, k]) => k > 1)
      const unexpected = [...stored.keys()].filter((id) => !log.has(id))
      expect({ lost, duplicated, unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] })
      const { seq } = await db.session.findUniqueOrThrow({ where: { id: S }, select: { seq: true } })
      expect(view.data.lastSeq).toBe(seq)
      expect(new Map((view.data.questions ?? []).map((q) => [q.id, (q as QuestionStaffDto).status]))).toEqual(new Map(rows.map((r) => [r.id, r.status])))
      record({
        fault: '4 SIGSTOP then SIGCONT', injected: `server frozen ${((thawed - stoppedAt) / 1000).toFixed(1)} s (heartbeat ${PING} ms + ${PING} ms) under ${CITIZENS} citizens submitting`,
        counts: { acked: acked(), stored: stored.size, lost: lost.length, duplicated: duplicated.length, 'outcome unknown while frozen': unknownWhileFrozen, 'clients dropped': dropped, 'clients back': reconnects, 'all back after thaw ms': backIn },
      })
    } finally {
      await db.$disconnect()
    }
  }, size(180_000, 600_000))
})
