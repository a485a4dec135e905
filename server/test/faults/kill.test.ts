import type { ChildProcess } from 'node:child_process'
import type { LiveFrame, QuestionStaffDto, SyncResult } from '@openday/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/client.ts'
import { DEMO_HOTLINE_SESSION as H, DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { fullView, runMain, seededSettings, waitUp, type ServerProcess } from './process.ts'
import { record, size } from './report.ts'
import { citizenToken, client, clientId, type Client, type Harness, login } from '../harness.ts'
import { callPayload, refs } from '../hotline-helpers.ts'

// Issue 15, fault 1 (short form; `npm run faults` runs the long one): kill -9 of the real server
// process, twice, while a hundred citizens submit questions — each retrying what it never heard
// back about with the same clientId, as the app's client does — a moderator approves them, the
// host posts to the live record and answers, and an operator logs hotline calls (both retrying
// the same way). Afterwards, counted in the database: every acked question, entry and call stored
// exactly once, nothing stored that was never sent, no gap in either session's sequence, and the
// moderator's, the operator's and a citizen's re-synced views equal to the database's. SQLite
// (synchronous=FULL) and PostgreSQL.

const CITIZENS = size(100, 500)
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
    // The default snapshot (the newest 200): the views compared below are read in full, paging older items as the console does.
    const { env, url, dbUrl } = await seededSettings({ SNAPSHOT_LIMIT: '200' })
    let server: ServerProcess = runMain(env)
    children.push(server.child)
    await waitUp(url)

    const log = new Map<string, 'ok' | 'unknown'>()
    const acked = () => [...log.values()].filter((o) => o === 'ok').length
    let done = false
    const last = new Map<number, string>()

    const citizen = async (n: number) => {
      let token: string | null = null
      let pending: string | null = null
      // Until told to stop, and then until what it sent last is known to be stored.
      while (!done || pending) {
        let s: Client | null = null
        try {
          // A thousand at once overflow the listen backlog, and the server may be down: retried as the app does.
          token ??= await citizenToken(url)
          last.set(n, 'connecting')
          s = await connectOrGiveUp(url, { citizenToken: token })
          last.set(n, 'joining')
          await s.timeout(3_000).emitWithAck('session:join', { sessionId: S })
          while (s.connected && (!done || pending)) {
            const id: string = pending ?? clientId()
            if (!pending) { log.set(id, 'unknown'); pending = id }
            last.set(n, 'sending')
            const r = (await s.timeout(3_000).emitWithAck('question:submit', { sessionId: S, clientId: id, nickname: `k${n}`, body: '断电测试的问题' })) as { ok: boolean; code?: string }
            if (r.ok) { log.set(id, 'ok'); pending = null; last.delete(n); await sleep(200 + Math.random() * 300) } // a person's pace, not a script's else if (r.code !== 'UNAVAILABLE') throw new Error(`unexpected ${r.code}`)
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

    // Staff writing too, each retrying its unknowns with the same clientId: the host posts to the
    // live record and answers approved questions, an operator logs hotline calls.
    const writes = { transcript: new Map<string, 'ok' | 'unknown'>(), calls: new Map<string, 'ok' | 'unknown'>() }
    const staffWriter = async (username: string, sessionId: string, log: Map<string, 'ok' | 'unknown'>, event: 'transcript:post' | 'call:log', payload: (id: string) => object, onFrame?: (s: Client, f: LiveFrame) => void) => {
      const staffCookie = await login(url, username)
      let pending: string | null = null
      while (!done || pending) {
        let s: Client | null = null
        try {
          s = await connectOrGiveUp(url, { cookie: staffCookie })
          if (onFrame) { const sock = s; s.on('live:frame', (f: LiveFrame) => onFrame(sock, f)) }
          await s.timeout(5_000).emitWithAck('session:join', { sessionId })
          while (s.connected && (!done || pending)) {
            const id: string = pending ?? clientId()
            if (!pending) { log.set(id, 'unknown'); pending = id }
            const r = (await s.timeout(3_000).emitWithAck(event, payload(id) as never)) as { ok: boolean; code?: string }
            if (r.ok) { log.set(id, 'ok'); pending = null; await sleep(50) } else if (r.code !== 'UNAVAILABLE') throw new Error(`unexpected ${event} ${r.code}`)
          }
        } catch (err) {
          if (process.env.FAULT_DEBUG) console.log(`${username}: ${String(err)}`)
          if (err instanceof Error && err.message.startsWith('unexpected')) throw err
          await sleep(200 + Math.random() * 300)
        } finally {
          s?.close()
        }
      }
    }
    const host = staffWriter('host', S, writes.transcript, 'transcript:post', (id) => ({ sessionId: S, clientId: id, speaker: 'host', speakerName: '主持人', body: '断电测试的文字实录' }), (s, f) => {
      // Every tenth approved question answered: a host answers some, not all.
      for (const e of f.events ?? []) if (e.type === 'question:approved' && Math.random() < 0.1) void s.timeout(3_000).emitWithAck('question:answer', { questionId: e.question.id, answer: '断电测试的答复' }).catch(() => undefined)
    })
    const r = await refs({ url } as Harness, await login(url, 'operator'))
    const operator = staffWriter('operator', H, writes.calls, 'call:log', (id) => ({ ...callPayload(r, { content: '断电测试的来电记录' }), clientId: id }))

    const running = [...Array.from({ length: CITIZENS }, (_, n) => citizen(n)), moderator(), host, operator]
    const okCount = (m: Map<string, 'ok' | 'unknown'>) => [...m.values()].filter((o) => o === 'ok').length
    // Each phase under load: that many more questions acked, and ten more entries and calls, so
    // every writer has something in flight when the kill comes.
    const until = async (n: number) => {
      const [e, c] = [okCount(writes.transcript) + 10, okCount(writes.calls) + 10]
      for (let i = 0; i < 600 && (acked() < n || okCount(writes.transcript) < e || okCount(writes.calls) < c); i++) await sleep(100)
    }
    const t0 = Date.now()
    const say = (m: string) => { if (process.env.FAULT_DEBUG) console.log(`${Date.now() - t0} ms ${m} acked=${acked()} entries=${writes.transcript.size} calls=${writes.calls.size}`) }
    // Twice: a hundred and fifty more questions acked under load, then kill -9 and a restart.
    for (let k = 0; k < 2; k++) {
      const target = acked() + size(150, 1_500)
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
    const first = { data: await fullView(mod, S) }
    for (const q of first.data.questions ?? []) if (q.status === 'pending') await mod.timeout(5_000).emitWithAck('question:approve', { questionId: q.id })
    const view = { data: await fullView(mod, S) }
    mod.close()
    // The operator's console and a citizen's page, re-synced the same way.
    const op = await client(url, { cookie: await login(url, 'operator') })
    const board = { data: await fullView(op, H) }
    op.close()
    const viewer = await client(url)
    const pub = { data: await fullView(viewer, S) }
    viewer.close()
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)

    const db = await openDb(dbUrl)
    try {
      /** Jepsen's set check: every acked id stored exactly once, nothing stored that was never sent. */
      const check = (what: string, sent: Map<string, 'ok' | 'unknown'>, storedIds: string[]) => {
        const stored = new Map<string, number>()
        for (const id of storedIds) stored.set(id, (stored.get(id) ?? 0) + 1)
        const result = {
          what, acked: [...sent.values()].filter((o) => o === 'ok').length, unacked: [...sent.values()].filter((o) => o !== 'ok').length,
          lost: [...sent.keys()].filter((id) => !stored.has(id)), duplicated: [...stored].filter(([, n]) => n > 1).map(([id]) => id), unexpected: [...stored.keys()].filter((id) => !sent.has(id)),
        }
        expect(result).toEqual({ what, acked: sent.size, unacked: 0, lost: [], duplicated: [], unexpected: [] })
        return result.acked
      }
      const rows = await db.question.findMany({ where: { sessionId: S }, select: { id: true, clientId: true, status: true, body: true } })
      const mine = rows.filter((r) => r.body === '断电测试的问题')
      const entries = await db.transcriptEntry.findMany({ where: { sessionId: S }, select: { id: true, clientId: true, body: true } })
      const calls = await db.hotlineCall.findMany({ where: { sessionId: H }, select: { id: true, clientId: true, content: true } })
      const counts = {
        questions: check('questions', log, mine.map((r) => r.clientId)),
        entries: check('entries', writes.transcript, entries.filter((e) => e.body === '断电测试的文字实录').map((e) => e.clientId)),
        calls: check('calls', writes.calls, calls.filter((c) => c.content === '断电测试的来电记录').map((c) => c.clientId)),
      }
      expect(mine.every((r) => r.status === 'approved' || r.status === 'answered')).toBe(true)
      // No gap in either session: their events are numbered 1..seq, each once; each view is at the end.
      for (const [id, seen] of [[S, view], [H, board]] as const) {
        const seqs = (await db.sessionEvent.findMany({ where: { sessionId: id }, select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => e.seq)
        const { seq } = await db.session.findUniqueOrThrow({ where: { id }, select: { seq: true } })
        expect({ id, events: seqs.length, numbered: seqs.every((n, i) => n === i + 1), view: seen.data.lastSeq }).toEqual({ id, events: seq, numbered: true, view: seq })
      }
      // Every client's state is the database's: the moderator's questions and live record, the
      // operator's calls, and a citizen's public page (the questions it may see, the record).
      expect(new Map((view.data.questions ?? []).map((q) => [q.id, (q as QuestionStaffDto).status]))).toEqual(new Map(rows.map((r) => [r.id, r.status])))
      expect(new Set((view.data.transcript ?? []).map((t) => t.id))).toEqual(new Set(entries.map((e) => e.id)))
      expect(new Set((board.data.calls ?? []).map((c) => c.id))).toEqual(new Set(calls.map((c) => c.id)))
      const publicRows = rows.filter((r) => ['approved', 'answering', 'answered'].includes(r.status))
      expect(new Map((pub.data.questions ?? []).map((q) => [q.id, q.status]))).toEqual(new Map(publicRows.map((r) => [r.id, r.status])))
      expect(new Set((pub.data.transcript ?? []).map((t) => t.id))).toEqual(new Set(entries.map((e) => e.id)))
      record({
        fault: '1 kill -9 under load', injected: `SIGKILL twice, each after 150 more questions and 10 more entries and calls acked, under ${CITIZENS} citizens submitting (retrying unknowns with the same clientId), a moderator approving, the host posting and answering, an operator logging calls`,
        counts: { 'questions acked': counts.questions, 'entries acked': counts.entries, 'calls acked': counts.calls, lost: 0, duplicated: 0, 'unexpected': 0, 'sequence gaps': 0, 'views equal to the database': 3 },
      })
    } finally {
      await db.$disconnect()
    }
  }, size(300_000, 1_200_000))
})
