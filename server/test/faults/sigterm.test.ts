import type { ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/client.ts'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { runMain, seededSettings, waitUp } from './process.ts'
import { record, size } from './report.ts'
import { citizenToken, client, clientId } from '../harness.ts'

// Issue 15, fault 4 (SIGTERM under load): the real server process (main.ts, as `npm start`) gets
// SIGTERM while twenty citizens keep submitting questions. It must stop taking new commands
// (UNAVAILABLE), finish and ack what is in flight, and exit 0 within its grace. Then, counted in
// the database as Jepsen's set checker counts: every acked question stored exactly once, no
// refused one stored, and the unanswered ones (cut by the close) stored once after the clients
// retry them with the same clientId on the restarted server.

const CITIZENS = size(20, 200)
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) c.kill('SIGKILL') })

type Outcome = 'ok' | 'refused' | 'unknown'

describe('SIGTERM under load', () => {
  it('acks what it finished, refuses what came after, exits 0; nothing acked is lost, nothing is stored twice', async () => {
    // A seeded database and data folder (the demo's live session), then the real process on them.
    const { env, url, dbUrl } = await seededSettings({ SHUTDOWN_GRACE_MS: '5000' })
    const first = runMain(env)
    children.push(first.child)
    await waitUp(url)

    const log = new Map<string, Outcome>()
    let stop = false
    const citizen = async (n: number) => {
      const s = await client(url, { citizenToken: await citizenToken(url) })
      await s.timeout(5_000).emitWithAck('session:join', { sessionId: S })
      joined++
      while (!stop && s.connected) {
        const id = clientId()
        log.set(id, 'unknown')
        try {
          const r = (await s.timeout(3_000).emitWithAck('question:submit', { sessionId: S, clientId: id, nickname: `c${n}`, body: '关机测试的问题' })) as { ok: boolean; code?: string }
          log.set(id, r.ok ? 'ok' : r.code === 'UNAVAILABLE' ? 'refused' : 'unknown')
          if (!r.ok && r.code !== 'UNAVAILABLE') throw new Error(`unexpected ${r.code}`)
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('unexpected')) throw err
          break // cut off by the close: its outcome is unknown
        }
      }
      s.close()
    }
    let joined = 0
    const running = Array.from({ length: CITIZENS }, (_, n) => citizen(n))
    // Under load (a hundred questions acked; a busy machine takes longer to get there), then the
    // signal; the clients keep sending until their socket closes.
    const acked = () => [...log.values()].filter((o) => o === 'ok').length
    // Every client in first (the signal must find them all sending, not still joining).
    for (let i = 0; i < 600 && (acked() < 100 || joined < CITIZENS); i++) await new Promise((r) => setTimeout(r, 100))
    expect(joined).toBe(CITIZENS)
    const before = acked()
    const signalled = Date.now()
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    const took = Date.now() - signalled
    stop = true
    await Promise.all(running)
    expect(before).toBeGreaterThanOrEqual(100)
    expect(took).toBeLessThan(5_000 + 3_000)
    // It drained: every command under way when the signal came was finished and acked, none cut.
    expect(first.lines().find((l) => l.msg === 'drained')).toMatchObject({ leftInFlight: 0 })
    const count = (o: Outcome) => [...log.values()].filter((x) => x === o).length
    // At most one command per client can be in the air when its socket closes.
    expect(count('unknown')).toBeLessThanOrEqual(CITIZENS)

    // The restarted server: each client retries what it never heard back about, same clientId.
    const second = runMain(env)
    children.push(second.child)
    await waitUp(url)
    const unknown = [...log].filter(([, o]) => o === 'unknown').map(([id]) => id)
    const retry = await client(url, { citizenToken: await citizenToken(url) })
    await retry.timeout(5_000).emitWithAck('session:join', { sessionId: S })
    for (const id of unknown) {
      const r = (await retry.timeout(5_000).emitWithAck('question:submit', { sessionId: S, clientId: id, nickname: 'retry', body: '关机测试的问题' })) as { ok: boolean }
      expect(r.ok).toBe(true)
    }
    retry.close()
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)

    // Counted in the database.
    const db = await openDb(dbUrl)
    try {
      // (The body carries no id: digits in it would be masked as personal data. The clientId is the key.)
      const rows = await db.question.findMany({ where: { sessionId: S, body: '关机测试的问题' }, select: { clientId: true } })
      const stored = new Map<string, number>()
      for (const r of rows) stored.set(r.clientId, (stored.get(r.clientId) ?? 0) + 1)
      const lost = [...log].filter(([id, o]) => (o === 'ok' || o === 'unknown') && !stored.has(id)).map(([id]) => id)
      const refusedButStored = [...log].filter(([id, o]) => o === 'refused' && stored.has(id)).map(([id]) => id)
      const duplicated = [...stored].filter(([, n]) => n > 1)
      const unexpected = [...stored.keys()].filter((id) => !log.has(id))
      expect({ lost, refusedButStored, duplicated, unexpected }).toEqual({ lost: [], refusedButStored: [], duplicated: [], unexpected: [] })
      record({
        fault: '4 SIGTERM under load', injected: `SIGTERM (grace 5 s) under ${CITIZENS} citizens submitting, then a restart and the unknowns retried`,
        counts: { acked: count('ok'), 'refused (UNAVAILABLE)': count('refused'), 'unknown, retried': unknown.length, stored: stored.size, lost: lost.length, duplicated: duplicated.length, 'refused but stored': refusedButStored.length, 'stop took ms': took },
      })
    } finally {
      await db.$disconnect()
    }
  }, 120_000)
})
