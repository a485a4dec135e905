import type { LiveEvent, LiveFrame, PollResultsDto } from '@openday/protocol'
import { metrics } from '../../lib/metrics.ts'
import type { StoredEvent } from './repository.ts'
import { toLiveEvent } from './sync.ts'
import type { TypedServer } from '../../socket/types.ts'
import { RoomWaves } from './waves.ts'

export const rooms = {
  session: (id: string) => `s:${id}`,
  staff: (id: string) => `s:${id}:staff`,
  citizen: (id: string) => `c:${id}`,
  /** The sockets that voted in a poll round whose figures only voters see while it is open. */
  voters: (pollId: string, round: number) => `pv:${pollId}:${round}`,
}

/** Who a poll's running figures go to now (the poll's visibility, protocol/polls.ts). */
export type PollAudience = { to: 'room' } | { to: 'voters'; round: number } | { to: 'staff' }
interface PollTick { results: () => PollResultsDto | null; audience: PollAudience }

interface Pending {
  events: StoredEvent[]
  votes: Map<string, number>
  polls: Map<string, PollTick>
  frameTimer: NodeJS.Timeout | null
  tallyTimer: NodeJS.Timeout | null
}

export interface HubOptions {
  frameMs: number
  tallyMs: number
  /** Sockets written per turn of the event loop when a frame goes to a session's room; 0: all at once. */
  chunk: number
  /** Called with a session's viewer count whenever it reaches a new high. */
  onPeak?: (sessionId: string, viewers: number) => void
}

/**
 * Coalesces a session's live output. Plain socket.io spends its one thread on per-socket writes,
 * so OpenDay sends a viewer at most one frame per frame interval for state changes and one per
 * tally interval for upvote and viewer counts, however many clicks happen in between. Events are
 * always persisted before they reach here, so a frame lost to a disconnect is recovered by re-sync.
 */
export class LiveHub {
  private readonly pending = new Map<string, Pending>()
  private readonly peaks = new Map<string, number>()
  /** Per session: the viewer count last sent to the room, and when the last room frame left. */
  private readonly sent = new Map<string, { viewers: number; at: number }>()

  private readonly waves: RoomWaves

  constructor(private readonly io: TypedServer, private readonly opts: HubOptions) {
    this.waves = new RoomWaves(io, opts.chunk > 0 ? opts.chunk : Number.POSITIVE_INFINITY)
  }

  publish(sessionId: string, events: StoredEvent[]): void {
    if (events.length === 0) return
    const p = this.state(sessionId)
    p.events.push(...events)
    // Leading edge: an event after a quiet spell leaves on the next tick (events of the same tick
    // share the frame); only what follows within the interval waits for the next frame.
    const since = Date.now() - (this.sent.get(sessionId)?.at ?? 0)
    p.frameTimer ??= setTimeout(() => this.flush(sessionId), Math.max(0, this.opts.frameMs - since))
  }

  vote(sessionId: string, questionId: string, upvotes: number): void {
    const p = this.state(sessionId)
    // Counts only grow; a late-arriving smaller count from a concurrent vote must not win.
    p.votes.set(questionId, Math.max(upvotes, p.votes.get(questionId) ?? 0))
    this.scheduleTally(sessionId, p)
  }

  /**
   * A poll's figures changed (votes were stored). Nothing is computed here: `results` is read once
   * per flush, so a burst of votes costs one computation per tally interval, not one per vote.
   */
  pollChanged(sessionId: string, pollId: string, results: () => PollResultsDto | null, audience: PollAudience): void {
    const p = this.state(sessionId)
    p.polls.set(pollId, { results, audience })
    this.scheduleTally(sessionId, p)
  }

  /** A socket joined or left the session's room. */
  viewersChanged(sessionId: string): void {
    const p = this.state(sessionId)
    this.scheduleTally(sessionId, p)
  }

  viewers(sessionId: string): number {
    return this.io.of('/').adapter.rooms.get(rooms.session(sessionId))?.size ?? 0
  }

  close(): void {
    for (const p of this.pending.values()) {
      if (p.frameTimer) clearTimeout(p.frameTimer)
      if (p.tallyTimer) clearTimeout(p.tallyTimer)
    }
    this.pending.clear()
    this.waves.close()
  }

  private state(sessionId: string): Pending {
    let p = this.pending.get(sessionId)
    if (!p) {
      p = { events: [], votes: new Map(), polls: new Map(), frameTimer: null, tallyTimer: null }
      this.pending.set(sessionId, p)
    }
    return p
  }

  private scheduleTally(sessionId: string, p: Pending): void {
    p.tallyTimer ??= setTimeout(() => this.flush(sessionId), this.opts.tallyMs)
  }

  /** Sends everything pending for a session: events to their audiences, tallies to everyone. */
  private flush(sessionId: string): void {
    const p = this.pending.get(sessionId)
    if (!p) return
    if (p.frameTimer) clearTimeout(p.frameTimer)
    if (p.tallyTimer) clearTimeout(p.tallyTimer)
    const events = p.events.sort((a, b) => a.seq - b.seq)
    const votes = p.votes
    const polls = p.polls
    this.pending.delete(sessionId)
    // Each poll's figures, computed once for this flush and shared by every audience.
    const figures = new Map<string, { r: PollResultsDto; audience: PollAudience }>()
    for (const [id, t] of polls) {
      const r = t.results()
      if (r) figures.set(id, { r, audience: t.audience })
    }
    const roomPolls = [...figures].filter(([, f]) => f.audience.to === 'room')

    const pub = events.filter((e) => e.audience === 'public')
    const last = this.sent.get(sessionId)
    const now = Date.now()
    const viewers = this.viewers(sessionId)
    this.trackPeak(sessionId, viewers)
    // A frame to the whole room is a write to every viewer (10,000 of them): counts ride along with
    // public events, and otherwise leave at most once per tally interval. A flush for staff- or
    // citizen-only events (a question submitted) must not cost the room a pass for counts alone.
    const countsDue = now - (last?.at ?? 0) >= this.opts.tallyMs
    if (pub.length || countsDue) {
      const frame: LiveFrame = { sessionId }
      if (pub.length) frame.events = pub.map((e) => toLiveEvent(e, false))
      if (votes.size) frame.votes = Object.fromEntries(votes)
      if (roomPolls.length) frame.polls = Object.fromEntries(roomPolls.map(([id, f]) => [id, f.r]))
      if (viewers !== last?.viewers) frame.viewers = viewers
      if (frame.events || frame.votes || frame.polls || frame.viewers !== undefined) {
        this.sent.set(sessionId, { viewers, at: now })
        this.waves.send(rooms.session(sessionId), frame)
        metrics.frames.inc({ audience: 'room' })
        metrics.events.inc({ audience: 'room' }, frame.events?.length ?? 0)
      }
    } else if (votes.size || roomPolls.length || viewers !== last?.viewers) {
      const q = this.state(sessionId)
      for (const [id, n] of votes) q.votes.set(id, Math.max(n, q.votes.get(id) ?? 0))
      for (const [id] of roomPolls) if (!q.polls.has(id)) q.polls.set(id, polls.get(id)!)
      q.tallyTimer ??= setTimeout(() => this.flush(sessionId), this.opts.tallyMs - (now - (last?.at ?? 0)))
    }

    // Staff see everything with staff fields; they also get the public events (above, possibly a
    // little later as the room is written in waves), so they get the full versions of all events
    // again in their own frame; clients keep the staff copy whichever comes first.
    if (events.length || figures.size) {
      const staffFrame: LiveFrame = { sessionId }
      if (events.length) staffFrame.events = events.map((e) => toLiveEvent(e, true))
      if (figures.size) staffFrame.polls = Object.fromEntries([...figures].map(([id, f]) => [id, f.r]))
      this.io.to(rooms.staff(sessionId)).emit('live:frame', staffFrame)
      metrics.frames.inc({ audience: 'staff' })
      metrics.events.inc({ audience: 'staff' }, staffFrame.events?.length ?? 0)
    }
    // Voters of a poll whose figures only voters see: few of them get a frame of their own.
    for (const [id, f] of figures) {
      if (f.audience.to === 'voters') this.io.to(rooms.voters(id, f.audience.round)).emit('live:frame', { sessionId, polls: { [id]: f.r } })
    }
    const byCitizen = new Map<string, LiveEvent[]>()
    for (const e of events) {
      if (e.audience !== 'citizen' || !e.citizenId) continue
      const list = byCitizen.get(e.citizenId) ?? []
      list.push(toLiveEvent(e, false))
      byCitizen.set(e.citizenId, list)
    }
    for (const [citizenId, list] of byCitizen) {
      this.io.to(rooms.citizen(citizenId)).emit('live:frame', { sessionId, events: list })
      metrics.frames.inc({ audience: 'citizen' })
      metrics.events.inc({ audience: 'citizen' }, list.length)
    }
  }

  private trackPeak(sessionId: string, viewers: number): void {
    if (viewers > (this.peaks.get(sessionId) ?? 0)) {
      this.peaks.set(sessionId, viewers)
      this.opts.onPeak?.(sessionId, viewers)
    }
  }
}
