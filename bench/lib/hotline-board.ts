// One board-viewer process of bench/hotline.ts: many public connections (citizen token, no
// cookie, like the venue screen and the public page) joined to the hotline session. Each records
// when it first got every `call:logged` event, by call id (the public projection carries the id and
// nothing personal). The latencies are computed at the end, once the orchestrator sends each
// call's send and ack times: the viewers only keep receive times. Driven over IPC (hotline-load.ts).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import type { LiveFrame } from '@openday/protocol'
import { Hist, type HistJson } from './hist.ts'
import { now, sleep } from './stamp.ts'

export type BoardCommand =
  | { op: 'connect'; url: string; count: number; sessionId: string; ratePerSec: number }
  | { op: 'reset' }
  | { op: 'report'; calls: SentCall[] }
  | { op: 'close' }

/** A call acked ok: its id (from the ack), phase, and the operator's send and ack times. */
export interface SentCall { id: string; phase: string; sent: number; saved: number }

export interface BoardConnect { connected: number; joined: number; errors: Record<string, number> }

export interface BoardReport {
  viewers: number
  disconnects: number
  disconnectReasons: Record<string, number>
  frames: number
  /** call:logged events received for calls the orchestrator did not list (e.g. not acked ok). */
  unlisted: number
  /** The same call received twice by one viewer. */
  duplicates: number
  byPhase: Record<string, { savedToBoard: HistJson; sentToBoard: HistJson; receipts: number }>
  /** Per call id: [earliest, latest receive time, viewers that got it] in this process. */
  perCall: Record<string, [number, number, number]>
  loopDelayP99: number
}

interface Viewer { s: Socket; seen: Set<string> }

const viewers: Viewer[] = []
/** call id -> receive times, one per viewer that got it. */
const receipts = new Map<string, number[]>()
const st = { frames: 0, duplicates: 0, disconnects: 0, disconnectReasons: {} as Record<string, number> }
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()
const bump = (o: Record<string, number>, k: string) => { o[k] = (o[k] ?? 0) + 1 }

function onFrame(v: Viewer, f: LiveFrame): void {
  const t = now()
  st.frames++
  for (const e of f.events ?? []) {
    if (e.type !== 'call:logged') continue
    const id = e.call.id
    if (v.seen.has(id)) { st.duplicates++; continue }
    v.seen.add(id)
    const list = receipts.get(id)
    if (list) list.push(t)
    else receipts.set(id, [t])
  }
}

async function connect(cmd: Extract<BoardCommand, { op: 'connect' }>): Promise<BoardConnect> {
  const res: BoardConnect = { connected: 0, joined: 0, errors: {} }
  const one = () => new Promise<void>((resolve) => {
    const s = io(cmd.url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30_000 })
    const v: Viewer = { s, seen: new Set() }
    s.on('live:frame', (f: LiveFrame) => onFrame(v, f))
    s.once('connect_error', (err) => { bump(res.errors, `connect: ${err.message}`); s.close(); resolve() })
    s.once('connect', () => {
      res.connected++
      viewers.push(v)
      s.on('disconnect', (reason) => { st.disconnects++; bump(st.disconnectReasons, reason) })
      s.timeout(30_000).emit('session:join', { sessionId: cmd.sessionId }, (err: Error | null, r: { ok: boolean; code?: string }) => {
        if (!err && r.ok) res.joined++
        else bump(res.errors, `join: ${err ? 'TIMEOUT' : r.code}`)
        resolve()
      })
    })
  })
  const all: Promise<void>[] = []
  const start = Date.now()
  for (let i = 0; i < cmd.count; i++) {
    const due = start + (i / cmd.ratePerSec) * 1000
    if (due > Date.now()) await sleep(due - Date.now())
    all.push(one())
  }
  await Promise.all(all)
  return res
}

function report(calls: SentCall[]): BoardReport {
  const phases = new Map<string, { saved: Hist; sent: Hist; receipts: number }>()
  const perCall: BoardReport['perCall'] = {}
  const listed = new Set<string>()
  for (const c of calls) {
    listed.add(c.id)
    let p = phases.get(c.phase)
    if (!p) phases.set(c.phase, (p = { saved: new Hist(), sent: new Hist(), receipts: 0 }))
    const times = receipts.get(c.id) ?? []
    if (!times.length) continue
    for (const t of times) { p.saved.record(t - c.saved); p.sent.record(t - c.sent) }
    p.receipts += times.length
    perCall[c.id] = [Math.min(...times), Math.max(...times), times.length]
  }
  const byPhase: BoardReport['byPhase'] = {}
  for (const [k, p] of phases) byPhase[k] = { savedToBoard: p.saved.toJSON(), sentToBoard: p.sent.toJSON(), receipts: p.receipts }
  let unlisted = 0
  for (const [id, times] of receipts) if (!listed.has(id)) unlisted += times.length
  return {
    viewers: viewers.filter((v) => v.s.connected).length, disconnects: st.disconnects, disconnectReasons: st.disconnectReasons,
    frames: st.frames, unlisted, duplicates: st.duplicates, byPhase, perCall, loopDelayP99: loop.percentile(99) / 1e6,
  }
}

process.on('message', async (msg: { id: number; cmd: BoardCommand }) => {
  const { id, cmd } = msg
  let data: unknown = null
  try {
    switch (cmd.op) {
      case 'connect': data = await connect(cmd); break
      // Joining floods the loop; only the delay during the measured phases counts.
      case 'reset': loop.reset(); break
      case 'report': data = report(cmd.calls); break
      case 'close': for (const v of viewers) v.s.close(); viewers.length = 0; break
    }
    process.send!({ id, ok: true, data })
  } catch (err) {
    process.send!({ id, ok: false, error: String((err as Error).stack ?? err) })
  }
})
process.on('disconnect', () => process.exit(0))
