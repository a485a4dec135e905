import { type ChildProcess, fork } from 'node:child_process'
import { setPriority } from 'node:os'
import { join } from 'node:path'
import { Hist } from './hist.ts'
import type { AskResult, ConnectResult, WorkerCommand, WorkerReport } from './protocol.ts'
import { ROOT } from './servers.ts'

interface W { child: ChildProcess; pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }> }

/** Several load-generating processes (lib/worker.ts), each holding many connections. */
export class Fleet {
  private seq = 0
  private constructor(private readonly ws: W[]) {}

  /** `nice`: scheduling priority of the client processes (0 = the caller's). */
  static start(n: number, nice = 0): Fleet {
    const ws: W[] = []
    for (let i = 0; i < n; i++) {
      const child = fork(join(ROOT, 'bench/lib/worker.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx', ...(process.env.BENCH_WORKER_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_WORKER_PROF] : [])], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      if (nice) setPriority(child.pid!, nice)
      const w: W = { child, pending: new Map() }
      child.on('message', (m: { id: number; ok: boolean; data?: unknown; error?: string }) => {
        const p = w.pending.get(m.id)
        if (!p) return
        w.pending.delete(m.id)
        if (m.ok) p.resolve(m.data)
        else p.reject(new Error(`worker ${i}: ${m.error}`))
      })
      child.on('exit', (code) => { for (const p of w.pending.values()) p.reject(new Error(`worker ${i} exited (${code})`)) })
      ws.push(w)
    }
    return new Fleet(ws)
  }

  get size(): number { return this.ws.length }
  get pids(): number[] { return this.ws.map((w) => w.child.pid!) }

  call<T>(i: number, cmd: WorkerCommand): Promise<T> {
    const w = this.ws[i]!
    const id = ++this.seq
    return new Promise<T>((resolve, reject) => {
      w.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      w.child.send({ id, cmd })
    })
  }

  all<T>(cmd: WorkerCommand | ((i: number) => WorkerCommand | null)): Promise<T[]> {
    return Promise.all(this.ws.map((_, i) => {
      const c = typeof cmd === 'function' ? cmd(i) : cmd
      return c ? this.call<T>(i, c) : Promise.resolve(null as T)
    }))
  }

  async close(): Promise<void> {
    await this.all({ op: 'close' }).catch(() => undefined)
    for (const w of this.ws) w.child.disconnect()
    await Promise.all(this.ws.map((w) => (w.child.exitCode !== null ? null : new Promise((r) => w.child.once('exit', r)))))
  }
}

/** Splits n into k nearly equal integer parts. */
export function split(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0))
}

export function sumConnect(rs: (ConnectResult | null)[]): ConnectResult {
  const out: ConnectResult = { connected: 0, joined: 0, failed: 0, joinFailed: 0, errors: {}, ms: 0 }
  for (const r of rs) {
    if (!r) continue
    out.connected += r.connected; out.joined += r.joined; out.failed += r.failed; out.joinFailed += r.joinFailed
    out.ms = Math.max(out.ms, r.ms)
    for (const [k, v] of Object.entries(r.errors)) out.errors[k] = (out.errors[k] ?? 0) + v
  }
  return out
}

const addTo = (o: Record<string, number>, k: string, v: number) => { o[k] = (o[k] ?? 0) + v }

/** Worker reports added up. */
export interface Merged {
  sockets: number
  joined: number
  disconnects: number
  disconnectReasons: Record<string, number>
  frames: number
  events: number
  voteFrames: number
  viewersOnly: number
  latency: Map<string, Hist>
  all: Hist
  first: Hist
  receipts: Map<string, number>
  timeline: Map<number, [number, number]>
  votesSent: number
  votesOk: number
  votesStarved: number
  voteCodes: Record<string, number>
  voteAck: Hist
  voteVisible: Hist
  loopDelayP99Max: number
  clientCpuMs: number
}

export function merge(rs: (WorkerReport | null)[]): Merged {
  const m: Merged = {
    sockets: 0, joined: 0, disconnects: 0, disconnectReasons: {}, frames: 0, events: 0, voteFrames: 0, viewersOnly: 0,
    latency: new Map(), all: new Hist(), first: new Hist(), receipts: new Map(), timeline: new Map(),
    votesSent: 0, votesOk: 0, votesStarved: 0, voteCodes: {}, voteAck: new Hist(), voteVisible: new Hist(), loopDelayP99Max: 0, clientCpuMs: 0,
  }
  for (const r of rs) {
    if (!r) continue
    m.sockets += r.sockets; m.joined += r.joined; m.disconnects += r.disconnects
    for (const [k, v] of Object.entries(r.disconnectReasons)) addTo(m.disconnectReasons, k, v)
    m.frames += r.frames; m.events += r.events; m.voteFrames += r.voteFrames; m.viewersOnly += r.viewersOnly
    for (const [k, h] of Object.entries(r.latency)) {
      if (!m.latency.has(k)) m.latency.set(k, new Hist())
      m.latency.get(k)!.merge(h)
      m.all.merge(h)
    }
    m.first.merge(r.first)
    for (const [k, v] of Object.entries(r.receipts)) m.receipts.set(k, (m.receipts.get(k) ?? 0) + v)
    for (const [k, [f, e]] of Object.entries(r.timeline)) {
      const s = Number(k)
      const cur = m.timeline.get(s) ?? [0, 0]
      m.timeline.set(s, [cur[0] + f, cur[1] + e])
    }
    m.votesSent += r.votesSent; m.votesOk += r.votesOk; m.votesStarved += r.votesStarved
    for (const [k, v] of Object.entries(r.voteCodes)) addTo(m.voteCodes, k, v)
    m.voteAck.merge(r.voteAck); m.voteVisible.merge(r.voteVisible)
    m.loopDelayP99Max = Math.max(m.loopDelayP99Max, r.loopDelayP99)
    m.clientCpuMs += r.cpuUserMs
  }
  return m
}

export function mergeAsk(rs: (AskResult | null)[]): { sent: number; ok: number; skipped: number; codes: Record<string, number>; ack: Hist; firstSend: number; lastAck: number; timeline: Map<number, number> } {
  const out = { sent: 0, ok: 0, skipped: 0, codes: {} as Record<string, number>, ack: new Hist(), firstSend: Infinity, lastAck: 0, timeline: new Map<number, number>() }
  for (const r of rs) {
    if (!r) continue
    out.sent += r.sent; out.ok += r.ok; out.skipped += r.skipped
    for (const [k, v] of Object.entries(r.codes)) addTo(out.codes, k, v)
    out.ack.merge(r.ack)
    out.firstSend = Math.min(out.firstSend, r.firstSend)
    out.lastAck = Math.max(out.lastAck, r.lastAck)
    for (const [k, v] of Object.entries(r.timeline)) out.timeline.set(Number(k), (out.timeline.get(Number(k)) ?? 0) + v)
  }
  return out
}
