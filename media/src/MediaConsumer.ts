import { EventEmitter } from 'node:events'
import type { types } from 'mediasoup'

export interface ConsumeOptions {
  producerId: string
  /** The receiving device's capabilities (mediasoup-client's device.rtpCapabilities). */
  rtpCapabilities: types.RtpCapabilities
  appData?: types.AppData
}

export type ConsumerCloseReason = 'closed' | 'producerclose' | 'transportclose'

type MediaConsumerEvents = {
  close: [reason: ConsumerCloseReason]
  /** The producer was paused/resumed upstream; lets the UI show "camera off". */
  producerpause: []
  producerresume: []
}

/**
 * Media leaving a session towards one endpoint. Always created paused: the client first
 * builds its side from `rtpParameters`, then asks to resume, so the first key frame is
 * not spent before the client can decode it (mediasoup's own recommendation).
 */
export class MediaConsumer extends EventEmitter<MediaConsumerEvents> {
  readonly #consumer: types.Consumer
  #closed = false

  static async create(transport: types.Transport, options: ConsumeOptions): Promise<MediaConsumer> {
    const consumer = await transport.consume({
      producerId: options.producerId,
      rtpCapabilities: options.rtpCapabilities,
      paused: true,
      appData: options.appData ?? {},
    })
    return new MediaConsumer(consumer)
  }

  private constructor(consumer: types.Consumer) {
    super()
    this.#consumer = consumer
    consumer.on('transportclose', () => this.#closeWith('transportclose'))
    consumer.on('producerclose', () => this.#closeWith('producerclose'))
    consumer.on('producerpause', () => this.emit('producerpause'))
    consumer.on('producerresume', () => this.emit('producerresume'))
  }

  get id(): string {
    return this.#consumer.id
  }

  get producerId(): string {
    return this.#consumer.producerId
  }

  get kind(): types.MediaKind {
    return this.#consumer.kind
  }

  get type(): types.ConsumerType {
    return this.#consumer.type
  }

  /** What the client needs to build its side of the consumer. */
  get rtpParameters(): types.RtpParameters {
    return this.#consumer.rtpParameters
  }

  get paused(): boolean {
    return this.#consumer.paused
  }

  get producerPaused(): boolean {
    return this.#consumer.producerPaused
  }

  get closed(): boolean {
    return this.#closed
  }

  get appData(): types.AppData {
    return this.#consumer.appData
  }

  async resume(): Promise<void> {
    if (!this.#closed) await this.#consumer.resume()
  }

  async pause(): Promise<void> {
    if (!this.#closed) await this.#consumer.pause()
  }

  /**
   * For simulcast video: the highest layer this viewer wants (a manual quality choice, or a
   * small player). mediasoup still drops below it when the viewer's bandwidth estimate is lower.
   * No-op for audio and for single-layer video.
   */
  async setPreferredLayers(spatialLayer: number, temporalLayer?: number): Promise<void> {
    if (this.#closed || this.#consumer.type !== 'simulcast') return
    await this.#consumer.setPreferredLayers({ spatialLayer, ...(temporalLayer === undefined ? {} : { temporalLayer }) })
  }

  async requestKeyFrame(): Promise<void> {
    if (!this.#closed) await this.#consumer.requestKeyFrame()
  }

  async getStats(): Promise<(types.ConsumerStat | types.ProducerStat)[]> {
    return this.#consumer.getStats()
  }

  close(): void {
    this.#closeWith('closed')
  }

  #closeWith(reason: ConsumerCloseReason): void {
    if (this.#closed) return
    this.#closed = true
    this.#consumer.close()
    this.emit('close', reason)
  }
}
