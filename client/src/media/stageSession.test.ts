import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MediaJoinResult, MediaSource, StageProducer, StageState } from '@openday/protocol'
import { ApiError } from '../lib/api.ts'
import type { AppSocket } from '../lib/socket.ts'

// The WebRTC side is replaced by a recorder of calls: this tests what StageSession decides
// (when to join, what to consume, what to publish again), not mediasoup-client.
const joins: (() => Promise<MediaJoinResult>)[] = []
const clients: FakeClient[] = []

class FakeClient {
  closed = false
  consumed = new Set<string>()
  produced = new Map<MediaSource, MediaStreamTrack>()
  ids = new Map<MediaSource, string>()
  onChange = () => {}
  onLocalEnded = (_s: MediaSource) => {}
  sendState = null
  recvState = null
  static async join() {
    const next = joins.shift()
    if (!next) throw new ApiError('TIMEOUT', 'no join scripted')
    const result = await next()
    const client = new FakeClient()
    clients.push(client)
    return { client, result }
  }
  get ownProducerIds() { return new Set(this.ids.values()) }
  producer(s: MediaSource) { return this.ids.has(s) ? { closed: false } : undefined }
  consumedProducerIds() { return new Set(this.consumed) }
  remoteTracks() { return [] }
  consume(id: string) { this.consumed.add(id); return Promise.resolve(null) }
  dropProducer(id: string) { this.consumed.delete(id) }
  closeConsumer() {}
  async produce(source: MediaSource, track: MediaStreamTrack) {
    this.produced.set(source, track)
    this.ids.set(source, `mine-${source}`)
  }
  async closeProducer(source: MediaSource) { this.produced.delete(source); this.ids.delete(source) }
  async setProducerPaused() {}
  async rejoin() { return joins.shift()!() }
  close() { this.closed = true }
}
vi.mock('./mediaClient.ts', () => ({ MediaClient: FakeClient }))
const { StageSession } = await import('./stageSession.ts')

/** Enough of a socket.io client: handlers by event, and a record of what was emitted. */
function fakeSocket() {
  const handlers = new Map<string, Set<(...a: unknown[]) => void>>()
  const s = {
    connected: true,
    active: true,
    emitted: [] as string[],
    on(ev: string, fn: (...a: unknown[]) => void) { (handlers.get(ev) ?? handlers.set(ev, new Set()).get(ev)!).add(fn); return s },
    off(ev: string, fn: (...a: unknown[]) => void) { handlers.get(ev)?.delete(fn); return s },
    emit(ev: string) { s.emitted.push(ev); return s },
    connect() { return s },
    fire(ev: string, ...args: unknown[]) { for (const fn of handlers.get(ev) ?? []) fn(...args) },
  }
  return s
}

const producer = (id: string, memberId: string, source: MediaSource = 'camera'): StageProducer => ({
  id, kind: source === 'mic' ? 'audio' : 'video', source, memberId, name: memberId, role: 'guest', paused: false,
})
const stage = (producers: StageProducer[]): StageState => ({ sessionId: 's1', producers, activeSpeaker: null, hlsUrl: null, recording: false })
const joined = (producers: StageProducer[], canProduce = false): MediaJoinResult => ({
  rtpCapabilities: {}, stage: stage(producers), canProduce, webrtc: true, myRequest: null,
})
const flush = () => new Promise((r) => setTimeout(r, 0))
const track = (name: string) => ({ id: name }) as unknown as MediaStreamTrack

describe('StageSession', () => {
  beforeEach(() => {
    joins.length = 0
    clients.length = 0
  })
  afterEach(() => vi.useRealTimers())

  it('joins, consumes what is on stage, and follows media:stage', async () => {
    const socket = fakeSocket()
    joins.push(async () => joined([producer('p1', 'g')]))
    const s = new StageSession('s1', socket as unknown as AppSocket)
    s.start()
    await flush()
    expect(s.getSnapshot().phase).toBe('ready')
    expect([...clients[0]!.consumed]).toEqual(['p1'])
    socket.fire('media:stage', stage([producer('p2', 'h')]))
    expect([...clients[0]!.consumed]).toEqual(['p2'])
    socket.fire('media:stage', { ...stage([producer('x', 'h')]), sessionId: 'other' })
    expect([...clients[0]!.consumed]).toEqual(['p2'])
    s.stop()
    expect(socket.emitted).toContain('media:leave')
    expect(clients[0]!.closed).toBe(true)
  })

  it('is "not live" on CONFLICT and tries again after a pause', async () => {
    vi.useFakeTimers()
    const socket = fakeSocket()
    joins.push(async () => { throw new ApiError('CONFLICT', 'not started') })
    const s = new StageSession('s1', socket as unknown as AppSocket)
    s.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(s.getSnapshot().phase).toBe('notLive')
    joins.push(async () => joined([]))
    await vi.advanceTimersByTimeAsync(1000)
    expect(s.getSnapshot().phase).toBe('ready')
    s.stop()
  })

  it('does not retry what cannot change (FORBIDDEN)', async () => {
    vi.useFakeTimers()
    const socket = fakeSocket()
    joins.push(async () => { throw new ApiError('FORBIDDEN', 'no') })
    const s = new StageSession('s1', socket as unknown as AppSocket)
    s.start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(s.getSnapshot().phase).toBe('failed')
    expect(joins).toHaveLength(0)
    s.stop()
  })

  it('publishes the local tracks, never consumes its own, and publishes again after a reconnect', async () => {
    const socket = fakeSocket()
    const cam = track('cam')
    joins.push(async () => joined([producer('p1', 'h')], true))
    const s = new StageSession('s1', socket as unknown as AppSocket)
    s.setLocal('camera', cam)
    s.start()
    await flush()
    expect(clients[0]!.produced.get('camera')).toBe(cam)
    expect([...s.getSnapshot().publishing]).toEqual(['camera'])
    // The stage now lists our own camera too: it is not consumed back.
    socket.fire('media:stage', stage([producer('p1', 'h'), producer('mine-camera', 'me')]))
    expect([...clients[0]!.consumed]).toEqual(['p1'])

    socket.fire('disconnect')
    expect(s.getSnapshot().phase).toBe('reconnecting')
    expect(clients[0]!.closed).toBe(true)
    joins.push(async () => joined([producer('p1', 'h')], true))
    socket.fire('connect')
    await flush()
    expect(clients).toHaveLength(2)
    expect(clients[1]!.produced.get('camera')).toBe(cam)
    s.stop()
  })

  it('rebuilds on a worker reset and stops for good when the session ended', async () => {
    const socket = fakeSocket()
    joins.push(async () => joined([]), async () => joined([]))
    const s = new StageSession('s1', socket as unknown as AppSocket)
    s.start()
    await flush()
    socket.fire('media:reset', { sessionId: 's1', reason: 'workerdied' })
    await flush()
    expect(clients).toHaveLength(2)
    expect(clients[0]!.closed).toBe(true)
    socket.fire('media:reset', { sessionId: 's1', reason: 'ended' })
    expect(s.getSnapshot().phase).toBe('ended')
    expect(clients[1]!.closed).toBe(true)
    s.stop()
  })

  it('publishes once approved: refresh() joins again on the same client', async () => {
    const socket = fakeSocket()
    joins.push(async () => joined([]), async () => joined([], true))
    const s = new StageSession('s1', socket as unknown as AppSocket)
    const mic = track('mic')
    s.start()
    await flush()
    s.setLocal('mic', mic)
    expect(clients[0]!.produced.size).toBe(0) // not allowed yet
    await s.refresh()
    expect(clients).toHaveLength(1) // the same client: viewers' consumers keep playing
    expect(clients[0]!.produced.get('mic')).toBe(mic)
    expect(s.getSnapshot().canProduce).toBe(true)
    s.stop()
  })
})
