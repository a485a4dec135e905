// What the media benchmark's two kinds of viewer process share (lib/media-viewer-worker.ts: werift;
// lib/media-srtp-viewer.ts: SRTP sockets): counting one RTP stream by sequence number, and the IPC
// loop with the parent (open, mark a window, report it, close) and the process's own CPU and
// event-loop figures.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { KindWindow, ViewerCommand, ViewerProcessReport, ViewerWindow } from './media-protocol.ts'

/** The event-loop monitor's own timer interval, included in what it reports. */
export const LOOP_RESOLUTION_MS = 10

const RING = 4096 // sequence numbers remembered per stream, to tell retransmissions from new packets

/**
 * One RTP stream's arrivals: unique sequence numbers against the span seen (loss after NACK
 * recovery), holes on arrival (loss before recovery), bytes, frames (marker bit), over a window
 * that `mark` opens.
 */
export class StreamCounter {
  readonly #seen = new Int32Array(RING).fill(-1)
  #highest = -1 // extended sequence number (with wrap-arounds), -1 before the first packet
  total = 0
  w: KindWindow = emptyWindow()
  #wFirst = -1

  add(seq: number, bytes: number, marker: boolean, now: number): void {
    let ext: number
    if (this.#highest < 0) ext = seq
    else {
      const base = this.#highest - (this.#highest & 0xffff)
      ext = base + seq
      // Pick the wrap-around that puts the packet nearest the highest seen.
      if (ext - this.#highest > 0x8000) ext -= 0x10000
      else if (this.#highest - ext > 0x8000) ext += 0x10000
    }
    const slot = ext & (RING - 1)
    if (this.#seen[slot] === ext) {
      this.w.duplicates++
      return
    }
    this.#seen[slot] = ext
    this.total++
    const w = this.w
    if (this.#wFirst < 0) this.#wFirst = ext
    if (ext > this.#highest) {
      if (this.#highest >= 0 && ext > this.#highest + 1 && this.#highest >= this.#wFirst) w.gaps += ext - this.#highest - 1
      this.#highest = ext
    }
    if (ext < this.#wFirst) return // a late packet from before the window
    w.packets++
    w.bytes += bytes
    if (marker) w.frames++
    w.expected = this.#highest - this.#wFirst + 1
    if (w.firstAt === 0) w.firstAt = now
    w.lastAt = now
  }

  mark(): void {
    this.w = emptyWindow()
    this.#wFirst = -1
  }
}

function emptyWindow(): KindWindow {
  return { packets: 0, expected: 0, gaps: 0, duplicates: 0, bytes: 0, frames: 0, firstAt: 0, lastAt: 0 }
}

/** One kind of viewer process, as the IPC loop drives it. */
export interface ViewerHost<O, A> {
  open(offer: O): Promise<A>
  windows(): ViewerWindow[]
  /** Starts a new window in every viewer's counters. */
  mark(): void
  /** Closes these viewers (all when undefined); resolves with how many were closed. */
  close(ids?: number[]): Promise<number>
}

/** Runs this process as a viewer process: answers the parent's commands until it disconnects. */
export function serve<O, A>(host: ViewerHost<O, A>): void {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  loop.enable()
  let markAt = Date.now()
  let markCpu = process.cpuUsage()

  const report = (): ViewerProcessReport => {
    const cpu = process.cpuUsage(markCpu)
    return {
      from: markAt, to: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000,
      loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      viewers: host.windows(),
    }
  }

  const handle = async (cmd: ViewerCommand): Promise<unknown> => {
    switch (cmd.op) {
      case 'open':
        return Promise.all((cmd.offers as O[]).map((o) => host.open(o)))
      case 'mark':
        host.mark()
        markAt = Date.now()
        markCpu = process.cpuUsage()
        loop.reset()
        return markAt
      case 'report':
        return report()
      case 'close':
        return host.close(cmd.viewers)
    }
  }

  process.on('message', (m: { id: number; cmd: ViewerCommand }) => {
    handle(m.cmd).then(
      (data) => process.send!({ id: m.id, ok: true, data }),
      (error: unknown) => process.send!({ id: m.id, ok: false, error: String(error) }),
    )
  })
  process.on('disconnect', () => process.exit(0))
}
