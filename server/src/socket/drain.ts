import type { TypedServer } from './types.ts'

/**
 * A graceful stop (SIGTERM): the server stops taking new work — new connections refused, new
 * commands and writes answered UNAVAILABLE ("try again": a client retries with the same clientId
 * on the restarted server, and that is stored once) — while every command already being handled
 * runs to its ack. Only then are the sockets closed, so nothing acknowledged is cut off and
 * nothing cut off was acknowledged. One gate per socket server (tests run several per process).
 */
export class DrainGate {
  draining = false
  private inflight = 0
  private idle: (() => void)[] = []

  enter(): boolean {
    if (this.draining) return false
    this.inflight++
    return true
  }

  leave(): void {
    this.inflight--
    if (this.inflight === 0) for (const f of this.idle.splice(0)) f()
  }

  /** Starts draining; resolves when nothing is in flight, or after `deadlineMs` at most. */
  async drain(deadlineMs: number): Promise<{ leftInFlight: number }> {
    this.draining = true
    if (this.inflight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadlineMs)
        this.idle.push(() => { clearTimeout(timer); resolve() })
      })
    }
    return { leftInFlight: this.inflight }
  }
}

const gates = new WeakMap<object, DrainGate>()
export function drainGate(io: TypedServer): DrainGate {
  let g = gates.get(io)
  if (!g) gates.set(io, (g = new DrainGate()))
  return g
}
