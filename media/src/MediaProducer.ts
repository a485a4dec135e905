import { EventEmitter } from 'node:events'
import type { types } from 'mediasoup'

export interface ProduceOptions {
  kind: types.MediaKind
  rtpParameters: types.RtpParameters
  /** Start paused (e.g. a guest who joins muted). */
  paused?: boolean
  appData?: types.AppData
}

/** Why a wrapper closed: the owner asked, or something it depends on went away. */
export type ProducerCloseReason = 'closed' | 'transportclose'

type MediaProducerEvents = { close: [reason: ProducerCloseReason] }

/** Media sent into a session (a guest's camera or microphone, or an ffmpeg feed). */
export class MediaProducer extends EventEmitter<MediaProducerEvents> {
  readonly #producer: types.Producer
  #closed = false

  static async create(transport: types.Transport, options: ProduceOptions): Promise<MediaProducer> {
    const producer = await transport.produce({
      kind: options.kind,
      rtpParameters: options.rtpParameters,
      paused: options.paused ?? false,
      appData: options.appData ?? {},
    })
    return new MediaProducer(producer)
  }

  private constructor(producer: types.Producer) {
    super()
    this.#producer = producer
    producer.on('transportclose', () => this.#closeWith('transportclose'))
  }

  get id(): string {
    return this.#producer.id
  }

  get kind(): types.MediaKind {
    return this.#producer.kind
  }

  get paused(): boolean {
    return this.#producer.paused
  }

  get closed(): boolean {
    return this.#closed
  }

  get appData(): types.AppData {
    return this.#producer.appData
  }

  /** Pausing stops forwarding to every consumer, including those behind pipeToRouter. */
  async pause(): Promise<void> {
    if (!this.#closed) await this.#producer.pause()
  }

  async resume(): Promise<void> {
    if (!this.#closed) await this.#producer.resume()
  }

  async getStats(): Promise<types.ProducerStat[]> {
    return this.#producer.getStats()
  }

  close(): void {
    this.#closeWith('closed')
  }

  #closeWith(reason: ProducerCloseReason): void {
    if (this.#closed) return
    this.#closed = true
    this.#producer.close()
    this.emit('close', reason)
  }
}
