import type { LiveFrame } from '@openday/protocol'
import type { TypedServer } from '../../socket/types.ts'

/** One frame on its way to a list of sockets, a chunk per turn of the event loop. */
interface Wave {
  frame: LiveFrame
  ids: string[]
  next: number
}

/** Later frame's content wins for counts; events keep their order by sequence. */
export function mergeFrames(a: LiveFrame, b: LiveFrame): LiveFrame {
  const out: LiveFrame = { sessionId: a.sessionId }
  const events = [...(a.events ?? []), ...(b.events ?? [])].sort((x, y) => x.seq - y.seq)
  if (events.length) out.events = events
  if (a.votes || b.votes) {
    const votes = { ...a.votes }
    for (const [id, n] of Object.entries(b.votes ?? {})) votes[id] = Math.max(n, votes[id] ?? 0)
    out.votes = votes
  }
  const viewers = b.viewers ?? a.viewers
  if (viewers !== undefined) out.viewers = viewers
  return out
}

/**
 * Writes a session's public frames to its (large) room a chunk of sockets at a time.
 *
 * Writing one frame to 10,000 sockets is ~0.3 s of the only thread (one writev each). Done in one
 * synchronous loop, an event that arrives meanwhile waits for the whole pass and then needs a pass
 * of its own: two passes of delay, and no ack or ping is served in between. Here a wave yields
 * after every chunk, and a frame that arrives while waves are under way is merged into the frame
 * of every socket those waves have not reached yet; only the sockets already written (and
 * newcomers) get it as a wave of its own. Every socket is in at most one unfinished wave, so it
 * still gets its frames in order, and any event reaches everyone within about one pass.
 */
export class RoomWaves {
  private readonly waves = new Map<string, Wave[]>()
  private scheduled = false

  constructor(private readonly io: TypedServer, private readonly chunk: number) {}

  send(room: string, frame: LiveFrame): void {
    // One pass (the default): the adapter's own room broadcast, nothing to track.
    if (this.chunk === Number.POSITIVE_INFINITY) {
      this.io.to(room).emit('live:frame', frame)
      return
    }
    const members = this.io.of('/').adapter.rooms.get(room)
    if (!members || members.size === 0) return
    const waves = this.waves.get(room) ?? []
    const waiting = new Set<string>()
    for (const w of waves) {
      w.frame = mergeFrames(w.frame, frame)
      for (let i = w.next; i < w.ids.length; i++) waiting.add(w.ids[i]!)
    }
    const ids: string[] = []
    for (const id of members) if (!waiting.has(id)) ids.push(id)
    if (ids.length) waves.push({ frame, ids, next: 0 })
    this.waves.set(room, waves)
    // The first chunk leaves now: a small room is served without waiting for a turn.
    this.pump(room)
  }

  /** Sockets still waiting for a frame (tests and diagnostics). */
  backlog(room: string): number {
    return (this.waves.get(room) ?? []).reduce((n, w) => n + w.ids.length - w.next, 0)
  }

  close(): void {
    this.waves.clear()
  }

  private pump(room: string): void {
    const waves = this.waves.get(room)
    const wave = waves?.[0]
    if (!waves || !wave) return
    const members = this.io.of('/').adapter.rooms.get(room)
    // A socket that left the session meanwhile must not get its frames any more.
    const chunk = wave.ids.slice(wave.next, wave.next + this.chunk).filter((id) => members?.has(id))
    wave.next += this.chunk
    // Each socket's own room is its id: one encode per chunk, as a room broadcast does.
    if (chunk.length) this.io.to(chunk).emit('live:frame', wave.frame)
    if (wave.next >= wave.ids.length) waves.shift()
    if (waves.length === 0) this.waves.delete(room)
    else this.schedule()
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      for (const room of [...this.waves.keys()]) this.pump(room)
    })
  }
}
