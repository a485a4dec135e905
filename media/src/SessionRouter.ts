import { EventEmitter } from 'node:events'
import type { types } from 'mediasoup'
import type { MediaProducer } from './MediaProducer.ts'
import type { MediaWorker } from './MediaWorker.ts'
import {
  PlainMediaTransport, WebRtcMediaTransport,
  type AnyMediaTransport, type PlainTransportOptions, type TransportHooks, type WebRtcTransportOptions,
} from './MediaTransport.ts'
import type { WorkerPool } from './WorkerPool.ts'

/** One router of a session: the origin (producers live here) or a spill-over router. */
interface RouterSlot {
  router: types.Router
  worker: MediaWorker
  transports: Set<AnyMediaTransport>
  /** Recv transports being created on this slot, counted before they exist. */
  reserved: number
  /** producerId -> pipeToRouter in flight or done (spill slots only). */
  piped: Map<string, Promise<void>>
}

export type SessionCloseReason = 'closed' | 'workerdied'

export interface SessionRouterStats {
  workerPid: number
  origin: boolean
  transports: number
  consumers: number
  load: number
}

type SessionRouterEvents = {
  close: [reason: SessionCloseReason]
  /** A producer was added; viewers already in the session should consume it. */
  newproducer: [MediaProducer]
  /**
   * The dominant speaker among the session's audio producers changed (mediasoup's
   * ActiveSpeakerObserver, from the RTP audio-level header extension). null when the
   * speaking producer closed; a remaining producer may be named right after.
   */
  speaker: [producerId: string | null]
}

/** How often the active-speaker observer re-evaluates; ~300 ms follows a conversation without flapping. */
const ACTIVE_SPEAKER_INTERVAL_MS = 300

/**
 * The media of one live session. Producers always go to the origin router. Viewers are
 * placed on the origin until its consumer load reaches `maxConsumersPerRouter`; after
 * that on a router on another worker, which gets the producers through pipeToRouter —
 * so one session's audience can use every core.
 */
export class SessionRouter extends EventEmitter<SessionRouterEvents> {
  readonly sessionId: string
  readonly #pool: WorkerPool
  readonly #slots: RouterSlot[]
  readonly #producers = new Map<string, MediaProducer>()
  readonly #speakerObserver: types.ActiveSpeakerObserver
  #speaker: string | null = null
  #placing: Promise<unknown> = Promise.resolve()
  #closed = false

  static async create(sessionId: string, pool: WorkerPool): Promise<SessionRouter> {
    const worker = await pool.pick()
    if (!worker) throw new Error('media: no worker available')
    const router = await worker.createRouter(pool.config.mediaCodecs, { sessionId, role: 'origin' })
    // A worker that died between pick() and createRouter() leaves a closed router behind.
    if (router.closed) throw new Error(`media: worker ${worker.pid} died while creating the router`)
    let observer: types.ActiveSpeakerObserver
    try {
      // Producers live on the origin only, so one observer there sees every microphone.
      observer = await router.createActiveSpeakerObserver({ interval: ACTIVE_SPEAKER_INTERVAL_MS })
    } catch (error) {
      router.close()
      throw error
    }
    return new SessionRouter(sessionId, pool, router, worker, observer)
  }

  private constructor(
    sessionId: string,
    pool: WorkerPool,
    router: types.Router,
    worker: MediaWorker,
    observer: types.ActiveSpeakerObserver,
  ) {
    super()
    this.sessionId = sessionId
    this.#pool = pool
    this.#slots = [newSlot(router, worker)]
    this.#speakerObserver = observer
    observer.on('dominantspeaker', ({ producer }) => {
      // The worker can name a producer whose close is already known here.
      if (this.#closed || !this.#producers.has(producer.id)) return
      this.#setSpeaker(producer.id)
    })
  }

  /** The dominant speaker's audio producer id, if any (see the 'speaker' event). */
  get speaker(): string | null {
    return this.#speaker
  }

  get closed(): boolean {
    return this.#closed
  }

  /** What the client's mediasoup-client Device loads. Same on every router of the session. */
  get rtpCapabilities(): types.RtpCapabilities {
    return this.#origin.router.rtpCapabilities
  }

  get producers(): MediaProducer[] {
    return [...this.#producers.values()]
  }

  get workers(): MediaWorker[] {
    return this.#slots.map((s) => s.worker)
  }

  usesWorker(worker: MediaWorker): boolean {
    return this.#slots.some((s) => s.worker === worker)
  }

  /**
   * Called by the owner when `worker` died (its routers are already closed). Losing the
   * origin loses the producers: the session closes and must be rebuilt. Losing a spill
   * router only drops the viewers placed there (their transports closed with
   * 'routerclose'); the session goes on and they can rejoin.
   */
  dropWorker(worker: MediaWorker): 'origin' | 'spill' | undefined {
    if (this.#origin.worker === worker) {
      this.close('workerdied')
      return 'origin'
    }
    const before = this.#slots.length
    for (let i = this.#slots.length - 1; i > 0; i--) {
      if (this.#slots[i]!.worker === worker) this.#slots.splice(i, 1)
    }
    return this.#slots.length < before ? 'spill' : undefined
  }

  stats(): SessionRouterStats[] {
    return this.#slots.map((s, i) => ({
      workerPid: s.worker.pid,
      origin: i === 0,
      transports: s.transports.size,
      consumers: [...s.transports].reduce((n, t) => n + t.consumerCount, 0),
      load: this.#load(s),
    }))
  }

  async createWebRtcTransport(options: WebRtcTransportOptions): Promise<WebRtcMediaTransport> {
    return this.#createTransport(options.direction, (slot) =>
      WebRtcMediaTransport.create(slot.router, this.#pool.config, options, this.#hooks(slot)))
  }

  async createPlainTransport(options: PlainTransportOptions): Promise<PlainMediaTransport> {
    return this.#createTransport(options.direction, (slot) =>
      PlainMediaTransport.create(slot.router, this.#pool.config, options, this.#hooks(slot)))
  }

  close(reason: SessionCloseReason = 'closed'): void {
    if (this.#closed) return
    this.#closed = true
    this.#speakerObserver.close()
    // Closing a router closes its transports, producers, consumers and pipe transports.
    for (const slot of this.#slots) slot.router.close()
    this.#producers.clear()
    this.emit('close', reason)
  }

  get #origin(): RouterSlot {
    return this.#slots[0]!
  }

  async #createTransport<T extends AnyMediaTransport>(
    direction: 'send' | 'recv',
    create: (slot: RouterSlot) => Promise<T>,
  ): Promise<T> {
    this.#assertOpen()
    const slot = direction === 'send' ? this.#origin : await this.#reserveRecvSlot()
    try {
      const transport = await create(slot)
      if (this.#closed) {
        transport.close()
        this.#assertOpen()
      }
      slot.transports.add(transport)
      transport.once('close', () => slot.transports.delete(transport))
      return transport
    } finally {
      if (direction === 'recv') slot.reserved--
    }
  }

  /**
   * Placement runs one at a time per session, so a burst of joins cannot all see the
   * origin as "not full yet", nor open two spill routers when one is needed.
   */
  async #reserveRecvSlot(): Promise<RouterSlot> {
    const placed = this.#placing.then(() => this.#placeRecv())
    this.#placing = placed.catch(() => undefined)
    return placed
  }

  async #placeRecv(): Promise<RouterSlot> {
    this.#assertOpen()
    const limit = this.#pool.config.maxConsumersPerRouter
    // A spill router can be closed already while its worker's death is being reported.
    let slot = this.#slots.find((s) => !s.router.closed && this.#load(s) < limit)
    if (!slot) slot = (await this.#addSpillSlot()) ?? this.#leastLoaded()
    slot.reserved++
    return slot
  }

  /** A router on a worker this session does not use yet; none when every worker is used. */
  async #addSpillSlot(): Promise<RouterSlot | undefined> {
    const worker = await this.#pool.pick(new Set(this.workers))
    if (!worker) return undefined
    const router = await worker.createRouter(this.#pool.config.mediaCodecs, { sessionId: this.sessionId, role: 'spill' })
    if (this.#closed) router.close()
    this.#assertOpen()
    const slot = newSlot(router, worker)
    this.#slots.push(slot)
    return slot
  }

  #leastLoaded(): RouterSlot {
    return this.#slots.reduce((a, b) => (!b.router.closed && this.#load(b) < this.#load(a) ? b : a))
  }

  /**
   * Consumers on the slot, counting each viewer transport as at least one consumer per
   * producer of the session: a viewer who has just joined is about to consume them all.
   */
  #load(slot: RouterSlot): number {
    const perViewer = Math.max(this.#producers.size, 1)
    let load = slot.reserved * perViewer
    for (const t of slot.transports) {
      load += t.direction === 'recv' ? Math.max(t.consumerCount, perViewer) : t.consumerCount
    }
    return load
  }

  #hooks(slot: RouterSlot): TransportHooks {
    return {
      beforeConsume: (producerId) => this.#ensurePiped(slot, producerId),
      onProducer: (producer) => {
        this.#producers.set(producer.id, producer)
        producer.once('close', () => {
          this.#producers.delete(producer.id)
          if (this.#speaker === producer.id) this.#setSpeaker(null)
        })
        if (producer.kind === 'audio') this.#observeSpeaker(producer)
        this.emit('newproducer', producer)
      },
    }
  }

  #observeSpeaker(producer: MediaProducer): void {
    // The observer drops a closed producer by itself; a producer closed before this
    // request reached the worker just makes it fail, which is not an error here.
    this.#speakerObserver.addProducer({ producerId: producer.id }).catch(() => undefined)
  }

  #setSpeaker(producerId: string | null): void {
    // A closing session closes every producer: that is no news about who speaks.
    if (this.#closed || this.#speaker === producerId) return
    this.#speaker = producerId
    this.emit('speaker', producerId)
  }

  async #ensurePiped(slot: RouterSlot, producerId: string): Promise<void> {
    if (slot === this.#origin) return
    let piping = slot.piped.get(producerId)
    if (!piping) {
      const { localListenIp: ip, rtcMinPort: min, rtcMaxPort: max } = this.#pool.config
      piping = this.#origin.router
        .pipeToRouter({ producerId, router: slot.router, listenInfo: { protocol: 'udp', ip, portRange: { min, max } } })
        .then(({ pipeProducer }) => {
          // keepId: the piped producer has the original id, so consumers need no mapping.
          pipeProducer?.observer.once('close', () => slot.piped.delete(producerId))
        })
      slot.piped.set(producerId, piping)
      piping.catch(() => slot.piped.delete(producerId))
    }
    await piping
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`media: session ${this.sessionId} is closed`)
  }
}

function newSlot(router: types.Router, worker: MediaWorker): RouterSlot {
  return { router, worker, transports: new Set(), reserved: 0, piped: new Map() }
}
