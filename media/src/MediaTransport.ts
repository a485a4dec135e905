import { EventEmitter } from 'node:events'
import type { types } from 'mediasoup'
import { listenInfos, type ResolvedMediaConfig } from './config.ts'
import { MediaConsumer, type ConsumeOptions } from './MediaConsumer.ts'
import { MediaProducer, type ProduceOptions } from './MediaProducer.ts'

/** 'send': media comes in (guest, ffmpeg feed). 'recv': media goes out (viewer, recorder). */
export type TransportDirection = 'send' | 'recv'

export type TransportCloseReason = 'closed' | 'routerclose'

/** Hooks the owning session gives each transport (see SessionRouter). */
export interface TransportHooks {
  /** Makes the producer consumable on this transport's router (pipeToRouter if needed). */
  beforeConsume(producerId: string): Promise<void>
  onProducer(producer: MediaProducer): void
}

interface CommonOptions {
  direction: TransportDirection
  appData?: types.AppData
}

type MediaTransportEvents = {
  close: [reason: TransportCloseReason]
  /** WebRTC only: 'failed' or 'closed' means the client is gone; the owner closes us. */
  dtlsstatechange: [state: types.DtlsState]
}

/** What both transport kinds share: direction checks, bookkeeping of producers/consumers. */
abstract class MediaTransport<T extends types.Transport = types.Transport> extends EventEmitter<MediaTransportEvents> {
  protected readonly transport: T
  readonly direction: TransportDirection
  readonly #hooks: TransportHooks
  readonly #producers = new Set<MediaProducer>()
  readonly #consumers = new Set<MediaConsumer>()
  #closed = false

  protected constructor(transport: T, direction: TransportDirection, hooks: TransportHooks) {
    super()
    this.transport = transport
    this.direction = direction
    this.#hooks = hooks
    transport.on('routerclose', () => this.#closeWith('routerclose'))
  }

  get id(): string {
    return this.transport.id
  }

  get closed(): boolean {
    return this.#closed
  }

  get appData(): types.AppData {
    return this.transport.appData
  }

  get producerCount(): number {
    return this.#producers.size
  }

  get consumerCount(): number {
    return this.#consumers.size
  }

  async produce(options: ProduceOptions): Promise<MediaProducer> {
    if (this.direction !== 'send') throw new Error(`media: transport ${this.id} is not a send transport`)
    const producer = await MediaProducer.create(this.transport, options)
    this.#producers.add(producer)
    producer.once('close', () => this.#producers.delete(producer))
    this.#hooks.onProducer(producer)
    return producer
  }

  /** A paused consumer of any producer of the session, wherever the producer lives. */
  async consume(options: ConsumeOptions): Promise<MediaConsumer> {
    if (this.direction !== 'recv') throw new Error(`media: transport ${this.id} is not a recv transport`)
    await this.#hooks.beforeConsume(options.producerId)
    const consumer = await MediaConsumer.create(this.transport, options)
    this.#consumers.add(consumer)
    consumer.once('close', () => this.#consumers.delete(consumer))
    return consumer
  }

  async getStats(): Promise<unknown[]> {
    return this.transport.getStats()
  }

  close(): void {
    this.#closeWith('closed')
  }

  #closeWith(reason: TransportCloseReason): void {
    if (this.#closed) return
    this.#closed = true
    // Closes our producers/consumers first (as 'transportclose'), then the transport.
    this.transport.close()
    this.emit('close', reason)
  }
}

export type WebRtcTransportOptions = CommonOptions

/** What a mediasoup-client Device needs for createSendTransport/createRecvTransport. */
export interface WebRtcTransportParameters {
  id: string
  iceParameters: types.IceParameters
  iceCandidates: types.IceCandidate[]
  dtlsParameters: types.DtlsParameters
}

/** A browser's connection (guest camera or viewer). */
export class WebRtcMediaTransport extends MediaTransport<types.WebRtcTransport> {
  static async create(
    router: types.Router,
    config: ResolvedMediaConfig,
    options: WebRtcTransportOptions,
    hooks: TransportHooks,
  ): Promise<WebRtcMediaTransport> {
    const transport = await router.createWebRtcTransport({
      listenInfos: listenInfos(config),
      enableUdp: true,
      enableTcp: config.enableTcp,
      preferUdp: true,
      initialAvailableOutgoingBitrate: config.initialAvailableOutgoingBitrate,
      appData: { direction: options.direction, ...options.appData },
    })
    return new WebRtcMediaTransport(transport, options.direction, hooks)
  }

  private constructor(transport: types.WebRtcTransport, direction: TransportDirection, hooks: TransportHooks) {
    super(transport, direction, hooks)
    transport.on('dtlsstatechange', (state) => this.emit('dtlsstatechange', state))
  }

  get parameters(): WebRtcTransportParameters {
    const t = this.transport
    return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters }
  }

  get dtlsState(): types.DtlsState {
    return this.transport.dtlsState
  }

  async connect(dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.transport.connect({ dtlsParameters })
  }

  /** After a network change the client needs fresh ICE credentials. */
  async restartIce(): Promise<types.IceParameters> {
    return this.transport.restartIce()
  }
}

export interface PlainTransportOptions extends CommonOptions {
  /**
   * Learn the remote address from the first packet (ffmpeg sending to us). Use it with
   * rtcpMux false: with mux on, mediasoup locks onto whichever of ffmpeg's two ports
   * sends first and then drops the RTP.
   */
  comedia?: boolean
  rtcpMux?: boolean
}

/** RTP to/from a local process without ICE/DTLS: ffmpeg feeds, recording, HLS. */
export class PlainMediaTransport extends MediaTransport<types.PlainTransport> {
  static async create(
    router: types.Router,
    config: ResolvedMediaConfig,
    options: PlainTransportOptions,
    hooks: TransportHooks,
  ): Promise<PlainMediaTransport> {
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: config.localListenIp, portRange: { min: config.rtcMinPort, max: config.rtcMaxPort } },
      comedia: options.comedia ?? false,
      rtcpMux: options.rtcpMux ?? true,
      appData: { direction: options.direction, ...options.appData },
    })
    return new PlainMediaTransport(transport, options.direction, hooks)
  }

  /** Where a local process sends RTP (and RTCP, when not muxed). */
  get local(): { ip: string; rtpPort: number; rtcpPort?: number } {
    const t = this.transport
    return { ip: t.tuple.localAddress, rtpPort: t.tuple.localPort, rtcpPort: t.rtcpTuple?.localPort }
  }

  /** Where we send RTP to (a recorder listening on ip:port). Not with comedia. */
  async connect(remote: { ip: string; port: number; rtcpPort?: number }): Promise<void> {
    await this.transport.connect(remote)
  }
}

export type { MediaTransport }
export type AnyMediaTransport = WebRtcMediaTransport | PlainMediaTransport
