import type { LiveEvent, LiveFrame, SyncResult } from '@openday/protocol'
import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { io, type Socket } from 'socket.io-client'

// Citizens in a network namespace (see netns.ts), one process for a group: each a socket.io client
// with the browser app's reconnection defaults that keeps the session's state as the app does — a
// snapshot at the first join, then live frames, and on every reconnect a re-join with the last seq
// it saw (a delta of exactly what it missed). It asks questions when told, keeping each one until
// it is acked (retried with the same clientId after a timeout or a drop), and reports its state.
// Commands on stdin, one JSON per line: {"ask": n} (n questions each), {"report": true}, {"quit": true}.
// Everything it says goes to stdout, one JSON per line.

const URL_ = process.env.FAULT_URL!
const SESSION = process.env.FAULT_SESSION!
const COUNT = Number(process.env.FAULT_VIEWERS ?? 1)
const BODY = process.env.FAULT_BODY ?? '断网测试的问题'
const out = (m: unknown) => process.stdout.write(`${JSON.stringify(m)}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Viewer {
  token: string
  socket: Socket
  lastSeq: number
  seqs: Map<number, number>
  questions: Map<string, string>
  transcript: Set<string>
  queue: string[]
  acked: string[]
  drops: number
  rejoins: number
  /** Re-joined since the last (re)connect: only then does it send, so its own question's event
   * comes once, after the delta, not both in a frame and in the delta. */
  joined: boolean
}

// By seq, as the app's store does: an event is applied once however often it comes. It can come
// twice by design — a re-join enters the rooms before it reads the delta, so nothing falls between
// the two, and an event of that instant may come both in the delta and in a frame — and frames of
// the session's room and of the device's own room may arrive in either order.
function apply(v: Viewer, events: LiveEvent[]) {
  for (const e of events) {
    const seen = v.seqs.get(e.seq) ?? 0
    v.seqs.set(e.seq, seen + 1)
    if (seen) continue
    v.lastSeq = Math.max(v.lastSeq, e.seq)
    if ('question' in e) v.questions.set(e.question.id, e.question.status)
    if (e.type === 'transcript:posted') v.transcript.add(e.entry.id)
  }
}

async function join(v: Viewer) {
  const r = (await v.socket.timeout(10_000).emitWithAck('session:join', { sessionId: SESSION, ...(v.lastSeq ? { sinceSeq: v.lastSeq } : {}) })) as { ok: true; data: SyncResult } | { ok: false; code: string }
  if (!r.ok) throw new Error(`join refused: ${r.code}`)
  if (r.data.mode === 'snapshot') {
    // A snapshot replaces what the viewer had (the first join, or a gap too long for a delta).
    v.questions = new Map((r.data.questions ?? []).map((q) => [q.id, q.status]))
    v.transcript = new Set((r.data.transcript ?? []).map((t) => t.id))
    v.lastSeq = r.data.lastSeq
  } else {
    apply(v, r.data.events ?? [])
    v.lastSeq = Math.max(v.lastSeq, r.data.lastSeq)
  }
}

/** Sends the queue's head until it is acked; stops while the socket is down and resumes after. */
async function deliver(v: Viewer) {
  while (true) {
    const id = v.queue[0]
    if (!id) { await sleep(50); continue }
    if (!v.socket.connected || !v.joined) { await sleep(100); continue }
    try {
      const r = (await v.socket.timeout(3_000).emitWithAck('question:submit', { sessionId: SESSION, clientId: id, nickname: '网友', body: BODY })) as { ok: boolean; code?: string }
      if (r.ok) { v.acked.push(id); v.queue.shift(); out({ acked: id }) } else if (r.code !== 'UNAVAILABLE') { out({ refused: id, code: r.code }); v.queue.shift() }
    } catch {
      await sleep(200) // no answer: still queued, the same clientId goes again
    }
  }
}

async function viewer(): Promise<Viewer> {
  const res = await fetch(`${URL_}/api/citizens/token`, { method: 'POST', headers: { 'x-openday-csrf': '1' } })
  const { token } = (await res.json()) as { token: string }
  const socket = io(URL_, { transports: ['websocket'], auth: { citizenToken: token }, forceNew: true })
  const v: Viewer = { token, socket, lastSeq: 0, seqs: new Map(), questions: new Map(), transcript: new Set(), queue: [], acked: [], drops: 0, rejoins: 0, joined: false }
  socket.on('live:frame', (f: LiveFrame) => apply(v, f.events ?? []))
  socket.on('disconnect', () => { v.drops++; v.joined = false })
  let first = true
  socket.on('connect', () => {
    const again = !first
    first = false
    void join(v).then(() => { v.joined = true; if (again) v.rejoins++ }, (err: Error) => out({ error: err.message }))
  })
  void deliver(v)
  return v
}

/** What a fresh join with the same device shows now, against what the viewer holds: converged when equal. */
async function converged(v: Viewer): Promise<{ ok: boolean; questions: number; transcript: number; differ: string[] }> {
  const s = io(URL_, { transports: ['websocket'], auth: { citizenToken: v.token }, forceNew: true, reconnection: false })
  try {
    await new Promise<void>((resolve, reject) => { s.once('connect', () => resolve()); s.once('connect_error', reject) })
    const r = (await s.timeout(10_000).emitWithAck('session:join', { sessionId: SESSION })) as { ok: true; data: SyncResult }
    const questions = new Map((r.data.questions ?? []).map((q) => [q.id, q.status]))
    const transcript = new Set((r.data.transcript ?? []).map((t) => t.id))
    const differ = [
      ...[...questions].filter(([id, st]) => v.questions.get(id) !== st).map(([id, st]) => `question ${id}: ${v.questions.get(id) ?? 'missing'} ≠ ${st}`),
      ...[...v.questions.keys()].filter((id) => !questions.has(id)).map((id) => `question ${id}: not in a fresh view`),
      ...[...transcript].filter((id) => !v.transcript.has(id)).map((id) => `entry ${id}: missing`),
      ...[...v.transcript].filter((id) => !transcript.has(id)).map((id) => `entry ${id}: not in a fresh view`),
    ]
    return { ok: differ.length === 0, questions: questions.size, transcript: transcript.size, differ: differ.slice(0, 5) }
  } finally {
    s.close()
  }
}

const viewers = await Promise.all(Array.from({ length: COUNT }, () => viewer()))
for (let i = 0; i < 200 && viewers.some((v) => !v.lastSeq); i++) await sleep(100)
out({ ready: viewers.length })

for await (const line of createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as { ask?: number; report?: boolean; quit?: boolean }
  if (cmd.ask) for (const v of viewers) for (let k = 0; k < cmd.ask; k++) v.queue.push(randomUUID())
  if (cmd.report) {
    const views = await Promise.all(viewers.map((v) => converged(v)))
    out({
      report: viewers.map((v, i) => ({
        converged: views[i],
        connected: v.socket.connected, lastSeq: v.lastSeq, queued: v.queue.length, acked: v.acked, drops: v.drops, rejoins: v.rejoins,
        twice: [...v.seqs].filter(([, k]) => k > 1).map(([s]) => s),
        questions: Object.fromEntries(v.questions), transcript: [...v.transcript].sort(),
      })),
    })
  }
  if (cmd.quit) { for (const v of viewers) v.socket.close(); process.exit(0) }
}
