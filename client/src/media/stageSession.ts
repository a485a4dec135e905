import type { MediaSource, StageRequestDto, StageState } from '@openday/protocol'
import type { types } from 'mediasoup-client'
import { toApiError, type ApiError } from '../lib/api.ts'
import type { AppSocket } from '../lib/socket.ts'
import { consumerPlan } from './layout.ts'
import { MediaClient, type RemoteTrack } from './mediaClient.ts'
import type { SpatialLayer } from './quality.ts'

export type StagePhase =
  | 'joining'
  | 'ready'
  /** The socket dropped; media comes back by itself after it reconnects. */
  | 'reconnecting'
  /** The server refused: the session is not live (yet). Retried. */
  | 'notLive'
  /** No media service, or it is full and there is no HLS either. Retried. */
  | 'unavailable'
  /** The session's media closed for good. */
  | 'ended'
  | 'failed'

export interface StageSnapshot {
  phase: StagePhase
  error: ApiError | null
  stage: StageState | null
  canProduce: boolean
  /** False: watch the HLS stream (`stage.hlsUrl`) instead of WebRTC. */
  webrtc: boolean
  myRequest: StageRequestDto | null
  remote: RemoteTrack[]
  /** Ids of our own producers (never consumed back; the studio shows a local preview). */
  own: ReadonlySet<string>
  /** Sources being sent right now. */
  publishing: ReadonlySet<MediaSource>
  publishError: ApiError | null
  sendState: types.ConnectionState | null
  recvState: types.ConnectionState | null
}

export const initialSnapshot: StageSnapshot = {
  phase: 'joining', error: null, stage: null, canProduce: false, webrtc: true, myRequest: null,
  remote: [], own: new Set(), publishing: new Set(), publishError: null, sendState: null, recvState: null,
}

const MAX_RETRY_MS = 15_000
const NO_RETRY = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'UNAUTHENTICATED', 'SESSION_CLOSED'])

/**
 * The media side of one page for one session, outside React: joins on every (re)connect, follows
 * `media:stage` with consumers, re-publishes the page's local tracks after each rebuild, and
 * retries with backoff when the server says no for now. The page sees only snapshots.
 */
export class StageSession {
  readonly sessionId: string
  #socket: AppSocket
  #client: MediaClient | null = null
  // Bumped by every rebuild and by stop(): an async step that finds it changed has been overtaken.
  #gen = 0
  #snap: StageSnapshot = initialSnapshot
  #listeners = new Set<() => void>()
  #local = new Map<MediaSource, MediaStreamTrack>()
  #paused = new Map<MediaSource, boolean>()
  #producing = 0
  #attempt = 0
  #iceFailures = 0
  #retry: ReturnType<typeof setTimeout> | null = null
  #stopped = false
  /** A local track ended by itself (the browser's "stop sharing" bar, an unplugged camera). */
  onLocalEnded: (source: MediaSource) => void = () => {}

  constructor(sessionId: string, socket: AppSocket) {
    this.sessionId = sessionId
    this.#socket = socket
  }

  subscribe = (fn: () => void): (() => void) => {
    this.#listeners.add(fn)
    return () => this.#listeners.delete(fn)
  }

  getSnapshot = (): StageSnapshot => this.#snap

  start(): void {
    const s = this.#socket
    s.on('connect', this.#onConnect)
    s.on('disconnect', this.#onDisconnect)
    s.on('media:stage', this.#onStage)
    s.on('media:request', this.#onRequest)
    s.on('media:reset', this.#onReset)
    s.on('media:consumer:closed', this.#onConsumerClosed)
    if (s.connected) void this.#build()
    else if (!s.active) s.connect()
  }

  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    this.#gen++
    const s = this.#socket
    s.off('connect', this.#onConnect)
    s.off('disconnect', this.#onDisconnect)
    s.off('media:stage', this.#onStage)
    s.off('media:request', this.#onRequest)
    s.off('media:reset', this.#onReset)
    s.off('media:consumer:closed', this.#onConsumerClosed)
    if (this.#retry) clearTimeout(this.#retry)
    const had = this.#client !== null
    this.#dropClient()
    // Tell the server at once rather than leaving its transports open until the tab goes.
    if (had && s.connected) s.emit('media:leave', { sessionId: this.sessionId }, () => {})
    this.#listeners.clear()
  }

  // ---- what the page asks for ----

  /** The track the page wants sent from `source` (null: stop sending it). Kept across rebuilds. */
  setLocal(source: MediaSource, track: MediaStreamTrack | null): void {
    if (track) this.#local.set(source, track)
    else this.#local.delete(source)
    const c = this.#client
    if (!c || !this.#snap.canProduce) return
    if (track) void this.#publish(c, source, track)
    else void c.closeProducer(source).then(() => this.#publishState())
  }

  setPaused(source: MediaSource, paused: boolean): void {
    this.#paused.set(source, paused)
    this.#client?.setProducerPaused(source, paused).catch((err: unknown) => this.#set({ publishError: toApiError(err) }))
  }

  /** Our stage request as the server answered it (stage:request / stage:cancel acks). */
  noteRequest(request: StageRequestDto): void {
    if (request.sessionId === this.sessionId) this.#set({ myRequest: request })
  }

  setLayer(consumerId: string, layer: SpatialLayer | null): void {
    this.#client?.setLayer(consumerId, layer).catch(() => undefined) // a hint: the next change sends another
  }

  /**
   * Asks `media:join` again on the same transports: after our stage request was approved the
   * answer says we may publish, and what the page set with setLocal goes out.
   */
  async refresh(): Promise<void> {
    const c = this.#client
    // An HLS viewer has no loaded Device and no transports: build afresh, now as a publisher.
    if (!c || !this.#snap.webrtc) return this.#build()
    const gen = this.#gen
    try {
      const result = await c.rejoin()
      if (gen !== this.#gen) return
      this.#set({ stage: result.stage, canProduce: result.canProduce, webrtc: result.webrtc, myRequest: result.myRequest })
      if (result.canProduce) await this.#publishAll(c)
    } catch {
      if (gen === this.#gen) await this.#build()
    }
  }

  /** Rebuilds from scratch (the retry button). */
  retry(): void {
    this.#attempt = 0
    void this.#build()
  }

  async stats(direction: 'send' | 'recv'): Promise<RTCStatsReport | null> {
    return this.#client?.stats(direction) ?? null
  }

  // ---- building ----

  async #build(): Promise<void> {
    if (this.#stopped) return
    const gen = ++this.#gen
    if (this.#retry) clearTimeout(this.#retry)
    this.#retry = null
    this.#dropClient()
    // The old transports are gone: their connection states must not show through the rebuild.
    this.#set({ phase: this.#snap.phase === 'ended' ? 'ended' : 'joining', remote: [], own: new Set(), publishing: new Set(), sendState: null, recvState: null })
    try {
      const { client, result } = await MediaClient.join(this.sessionId)
      if (gen !== this.#gen) {
        client.close()
        return
      }
      this.#client = client
      client.onChange = () => this.#publishState()
      client.onLocalEnded = (source) => {
        this.#local.delete(source)
        this.onLocalEnded(source)
        this.#publishState()
      }
      this.#attempt = 0
      this.#set({ phase: 'ready', error: null, stage: result.stage, canProduce: result.canProduce, webrtc: result.webrtc, myRequest: result.myRequest })
      this.#syncConsumers()
      if (result.canProduce) await this.#publishAll(client)
    } catch (err) {
      if (gen !== this.#gen) return
      const e = toApiError(err)
      const phase: StagePhase = e.code === 'CONFLICT' ? 'notLive' : e.code === 'UNAVAILABLE' ? 'unavailable' : e.code === 'SESSION_CLOSED' ? 'ended' : 'failed'
      this.#set({ phase, error: e })
      if (!NO_RETRY.has(e.code)) {
        const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** this.#attempt++)
        this.#retry = setTimeout(() => {
          this.#retry = null
          void this.#build()
        }, delay)
      }
    }
  }

  #dropClient(): void {
    this.#client?.close()
    this.#client = null
  }

  async #publishAll(c: MediaClient): Promise<void> {
    await Promise.all([...this.#local].map(([source, track]) => this.#publish(c, source, track)))
  }

  async #publish(c: MediaClient, source: MediaSource, track: MediaStreamTrack): Promise<void> {
    this.#producing++
    try {
      await c.produce(source, track)
      if (this.#paused.get(source)) await c.setProducerPaused(source, true)
      this.#set({ publishError: null })
    } catch (err) {
      if (!c.closed) this.#set({ publishError: toApiError(err) })
    } finally {
      this.#producing--
      // The stage may have listed our new producer before we knew its id: sync only now.
      if (this.#producing === 0) this.#syncConsumers()
      this.#publishState()
    }
  }

  #syncConsumers(): void {
    const c = this.#client
    const stage = this.#snap.stage
    if (!c || !stage || !this.#snap.webrtc || this.#producing > 0) return
    const own = c.ownProducerIds
    // Our own member's other tracks too (e.g. a producer whose id we learn a moment later).
    const me = new Set(stage.producers.filter((p) => own.has(p.id)).map((p) => p.memberId))
    for (const p of stage.producers) if (me.has(p.memberId)) own.add(p.id)
    const plan = consumerPlan(stage.producers, c.consumedProducerIds(), own)
    for (const id of plan.drop) c.dropProducer(id)
    for (const id of plan.consume) {
      c.consume(id).catch((err: unknown) => {
        // A producer that left between the stage and our request is gone anyway; anything else
        // is retried with the next stage change, or by a rebuild if the transport failed.
        if (!c.closed && toApiError(err).code !== 'NOT_FOUND') console.warn('media: consume failed', err)
      })
    }
  }

  #publishState(): void {
    const c = this.#client
    this.#set({
      remote: c ? c.remoteTracks() : [],
      own: c ? c.ownProducerIds : new Set(),
      publishing: new Set(c ? ([...this.#local.keys()].filter((s) => c.producer(s) && !c.producer(s)!.closed)) : []),
      sendState: c?.sendState ?? null,
      recvState: c?.recvState ?? null,
    })
    if (!c) return
    if (c.recvState === 'connected' || c.sendState === 'connected') this.#iceFailures = 0
    // A transport whose ICE/DTLS failed for good does not come back by itself: build again, with
    // a growing pause in case the network keeps failing.
    if ((c.recvState === 'failed' || c.sendState === 'failed') && !this.#retry) {
      const gen = this.#gen
      const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** this.#iceFailures++)
      this.#retry = setTimeout(() => {
        this.#retry = null
        if (gen === this.#gen) void this.#build()
      }, delay)
    }
  }

  #set(patch: Partial<StageSnapshot>): void {
    if (this.#stopped) return
    this.#snap = { ...this.#snap, ...patch }
    for (const fn of this.#listeners) fn()
  }

  // ---- socket events (arrow functions: stable identities for on/off) ----

  #onConnect = () => void this.#build()
  #onDisconnect = () => {
    this.#gen++ // a join in flight answers on a dead connection
    // socket.io would buffer a retry's join and send it after reconnecting, next to ours.
    if (this.#retry) clearTimeout(this.#retry)
    this.#retry = null
    this.#dropClient()
    this.#set({ phase: 'reconnecting', remote: [], own: new Set(), publishing: new Set(), sendState: null, recvState: null })
  }
  #onStage = (stage: StageState) => {
    if (stage.sessionId !== this.sessionId) return
    this.#set({ stage })
    this.#syncConsumers()
  }
  #onRequest = (req: StageRequestDto) => {
    if (req.sessionId === this.sessionId) this.#set({ myRequest: req })
  }
  #onReset = (msg: { sessionId: string; reason: 'workerdied' | 'ended' | 'removed' }) => {
    if (msg.sessionId !== this.sessionId) return
    if (msg.reason === 'ended') {
      this.#gen++
      this.#dropClient()
      this.#set({ phase: 'ended', remote: [], own: new Set(), publishing: new Set() })
      return
    }
    void this.#build()
  }
  #onConsumerClosed = ({ consumerId }: { consumerId: string }) => this.#client?.closeConsumer(consumerId)
}
