import type { ChildProcess } from 'node:child_process'
import type { LiveFrame, QuestionStaffDto, SyncResult } from '@openday/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/client.ts'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { runMain, seededSettings, waitUp, type ServerProcess } from './process.ts'
import { citizenToken, client, clientId, type Client, login } from '../harness.ts'

// Issue 15, fault 1 (short form; `npm run bench` runs the long one): kill -9 of the real server
// process, twice, while a hundred citizens submit questions — each retrying what it never heard
// back about with the same clientId, as the app's client does — and a moderator approves them.
// Afterwards, counted in the database: every acked question stored exactly once, nothing stored
// that was never sent, no gap in the session's sequence, and the moderator's re-synced view equal
// to the database's. SQLite (synchronous=FULL) and PostgreSQL.

const CITIZENS = Number(process.env.FAULT_CITIZENS ?? 100)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** A connection that gives up after 5 s: one begun just as the server was killed can hang unanswered. */
async function connectOrGiveUp(url: string, opts: { citizenToken?: string; cookie?: string }): Promise<Client> {
  let timer: NodeJS.Timeout | undefined
  const attempt = client(url, opts)
  try {
    return await Promise.race([attempt, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('connect timed out')), 5_000) })])
  } catch (err) {
    void attempt.then((s) => s.close(), () => undefined)
    throw err
  } finally {
    clearTimeout(timer)
  }
}
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) c.kill('SIGKILL') })

describe('kill -9 under load', () => {
  it('loses nothing acked, stores nothing twice, leaves no gap; clients converge on the database', async () => {
    const { env, url, dbUrl } = await seededSettings()
    let server: ServerProcess = runMain(env)
    children.push(server.child)
    await waitUp(url)

    const log = new Map<string, 'ok' | 'unknown'>()
    const acked = () => [...log.values()].filter((o) => o === 'ok').length
    let done = false
    const last = new Map<number, string>()

    const citizen = async (n: number) => {
      const token = await citizenToken(url)
      let pending: string | null = null
      // Until told to stop, and then until what it sent last is known to be stored.
      while (!done || pending) {
        let s: Client | null = null
        try {
          last.set(n, 'connecting')
          s = await connectOrGiveUp(url, { citizenToken: token })
          last.set(n, 'joining')
          await s.timeout(3_000).emitWithAck('session:join', { sessionId: S })
          while (s.connected && (!done || pending)) {
            const id: string = pending ?? clientId()
            if (!pending) { log.set(id, 'unknown'); pending = id }
            last.set(n, 'sending')
            const r = (await s.timeout(3_000).emitWithAck('question:submit', { sessionId: S, clientId: id, nickname: `k${n}`, body: '断电测试的问题' })) as { ok: boolean; code?: string }
            if (r.ok) { log.set(id, 'ok'); pending = null; last.delete(n) } else if (r.code !== 'UNAVAILABLE') throw new Error(`unexpected ${r.code}`)
            else { last.set(n, `${r.code}`); await sleep(100) }
          }
        } catch (err) {
          last.set(n, err instanceof Error ? err.message : String(err))
          if (err instanceof Error && err.message.startsWith('unexpected')) throw err
          await sleep(200 + Math.random() * 300) // the server is down: back off, with jitter
          last.set(n, `${last.get(n)} / slept`)
        } finally {
          s?.close()
        }
      }
    }

    const cookie = await login(url, 'moderator')
    const moderator = async () => {
      while (!done) {
        let s: Client | null = null
        try {
          s = await connectOrGiveUp(url, { cookie })
          const approve = (id: string) => { void s!.timeout(3_000).emitWithAck('question:approve', { questionId: id }).catch(() => undefined) }
          s.on('live:frame', (f: LiveFrame) => {
            for (const e of f.events ?? []) if (e.type === 'question:submitted') approve(e.question.id)
          })
          const snap = (await s.timeout(5_000).emitWithAck('session:join', { sessionId: S })) as { ok: true; data: SyncResult }
          for (const q of snap.data.questions ?? []) if (q.status === 'pending') approve(q.id)
          while (s.connected && !done) await sleep(100)
        } catch {
          await sleep(300)
        } finally {
          s?.close()
        }
      }
    }

    const running = [...Array.from({ length: CITIZENS }, (_, n) => citizen(n)), moderator()]
    const until = async (n: number) => { for (let i = 0; i < 600 && acked() < n; i++) await sleep(100) }
    const t0 = Date.now()
    const say = (m: string) => { if (process.env.FAULT_DEBUG) console.log(`${Date.now() - t0} ms ${m} acked=${acked()}`) }
    // Twice: a hundred and fifty more questions acked under load, then kill -9 and a restart.
    for (let k = 0; k < 2; k++) {
      const target = acked() + 150
      await until(target)
      say(`kill at ${target}`)
      expect(acked()).toBeGreaterThanOrEqual(target)
      server.child.kill('SIGKILL')
      await server.exited
      server = runMain(env)
      children.push(server.child)
      await waitUp(url)
      say('restarted')
    }
    await until(acked() + 100)
    say('done')
    done = true
    const watch = setInterval(() => say(`waiting: ${JSON.stringify([...last].slice(0, 5))}`), 3_000)
    await Promise.all(running)
    clearInterval(watch)
    say('clients finished')
    expect([...log.values()].every((o) => o === 'ok')).toBe(true)

    // The moderator's last pass (what the kill cut off), then its re-synced view.
    const mod = await client(url, { cookie })
    const first = (await mod.timeout(5_000).emitWithAck('session:join', { sessionId: S })) as { ok: true; data: SyncResult }
    for (const q of first.data.questions ?? []) if (q.status === 'pending') await mod.timeout(5_000).emitWithAck('question:approve', { questionId: q.id })
    const view = (await mod.timeout(5_000).emitWithAck('session:join', { sessionId: S })) as { ok: true; data: SyncResult }
    mod.close()
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)

    const db = await openDb(dbUrl)
    try {
      const rows = await db.question.findMany({ where: { sessionId: S }, select: { id: true, clientId: true, status: true, body: true } })
      const mine = rows.filter((r) => r.body === '断电测试的问题')
      const stored = new Map<string, number>()
      for (const r of mine) stored.set(r.clientId, (stored.get(r.clientId) ?? 0) + 1)
      const lost = [...log.keys()].filter((id) => !stored.has(id))
      const duplicated = [...stored].filter(([, n]) => n > 1)
      const unexpected = [...stored.keys()].filter((id) => !log.has(id))
      expect({ acked: log.size, lost, duplicated, unexpected }).toEqual({ acked: log.size, lost: [], duplicated: [], unexpected: [] })
      expect(mine.every((r) => r.status === 'approved')).toBe(true)
      // No gap: the session's events are numbered 1..seq, each once.
      const seqs = (await db.sessionEvent.findMany({ where: { sessionId: S }, select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => e.seq)
      const { seq } = await db.session.findUniqueOrThrow({ where: { id: S }, select: { seq: true } })
      expect(seqs.length).toBe(seq)
      expect(seqs.every((s, i) => s === i + 1)).toBe(true)
      expect(view.data.lastSeq).toBe(seq)
      // The moderator's view is the database's.
      const seen = new Map((view.data.questions ?? []).map((q) => [q.id, (q as QuestionStaffDto).status]))
      expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(seen)
    } finally {
      await db.$disconnect()
    }
  }, 300_000)
})
