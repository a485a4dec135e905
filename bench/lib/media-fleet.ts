// The media benchmark's viewer processes, each holding a share of the viewers, driven over IPC:
// lib/media-viewer-worker.ts (werift) or lib/media-srtp-viewer.ts (SRTP sockets).
import { type ChildProcess, fork } from 'node:child_process'
import { join } from 'node:path'
import type { SrtpOffer, ViewerCommand, ViewerKind, ViewerProcessReport } from './media-protocol.ts'
import type { ViewerOffer } from './media-sdp.ts'
import { ROOT } from './servers.ts'

const SCRIPT: Record<ViewerKind, string> = { werift: 'bench/lib/media-viewer-worker.ts', srtp: 'bench/lib/media-srtp-viewer.ts' }

interface Proc { child: ChildProcess; pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }> }

export class ViewerFleet {
  #seq = 0
  private constructor(private readonly procs: Proc[]) {}

  /** `profDir`: run each process with `node --cpu-prof`, profiles written there on exit. */
  static start(kind: ViewerKind, n: number, profDir?: string): ViewerFleet {
    const procs: Proc[] = []
    for (let i = 0; i < n; i++) {
      const child = fork(join(ROOT, SCRIPT[kind]), [], {
        cwd: ROOT, execArgv: ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      const p: Proc = { child, pending: new Map() }
      child.on('message', (m: { id: number; ok: boolean; data?: unknown; error?: string }) => {
        const q = p.pending.get(m.id)
        if (!q) return
        p.pending.delete(m.id)
        if (m.ok) q.resolve(m.data)
        else q.reject(new Error(`viewer process ${i}: ${m.error}`))
      })
      child.on('exit', (code) => { for (const q of p.pending.values()) q.reject(new Error(`viewer process ${i} exited (${code})`)) })
      procs.push(p)
    }
    return new ViewerFleet(procs)
  }

  get size(): number { return this.procs.length }
  get pids(): number[] { return this.procs.map((p) => p.child.pid!) }

  /** Viewer k lives in process k mod size. */
  procOf(viewer: number): number { return viewer % this.procs.length }

  call<T>(i: number, cmd: ViewerCommand): Promise<T> {
    const p = this.procs[i]!
    const id = ++this.#seq
    return new Promise<T>((resolve, reject) => {
      p.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      p.child.send({ id, cmd })
    })
  }

  all<T>(cmd: ViewerCommand): Promise<T[]> {
    return Promise.all(this.procs.map((_, i) => this.call<T>(i, cmd)))
  }

  /** Opens viewers (each in its own process by number); resolves with their answers. */
  async open<O extends ViewerOffer | SrtpOffer, A>(offers: O[]): Promise<A[]> {
    const by = new Map<number, O[]>()
    for (const o of offers) {
      const i = this.procOf(o.viewer)
      if (!by.has(i)) by.set(i, [])
      by.get(i)!.push(o)
    }
    const parts = await Promise.all([...by].map(([i, os]) => this.call<A[]>(i, { op: 'open', offers: os })))
    return parts.flat()
  }

  mark(): Promise<number[]> { return this.all<number>({ op: 'mark' }) }
  report(): Promise<ViewerProcessReport[]> { return this.all<ViewerProcessReport>({ op: 'report' }) }

  async close(): Promise<void> {
    await this.all({ op: 'close' }).catch(() => undefined)
    for (const p of this.procs) if (p.child.connected) p.child.disconnect()
    await Promise.all(this.procs.map((p) => (p.child.exitCode !== null ? null : new Promise((r) => p.child.once('exit', r)))))
  }
}
