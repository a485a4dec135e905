import { EventEmitter } from 'node:events'
import * as mediasoup from 'mediasoup'
import type { types } from 'mediasoup'
import type { ResolvedMediaConfig } from './config.ts'

type MediaWorkerEvents = { died: [error: Error] }

/**
 * One mediasoup worker process. Counts its routers and consumers through mediasoup's
 * observer events, so the pool can place work by real load no matter who created it.
 */
export class MediaWorker extends EventEmitter<MediaWorkerEvents> {
  readonly #worker: types.Worker
  #routers = 0
  #consumers = 0

  /** `index` is the pool slot; a replacement worker takes the same slot. */
  static async create(index: number, config: ResolvedMediaConfig): Promise<MediaWorker> {
    const worker = await mediasoup.createWorker({
      logLevel: config.logLevel,
      appData: { index },
    })
    return new MediaWorker(index, worker)
  }

  private constructor(
    readonly index: number,
    worker: types.Worker,
  ) {
    super()
    this.#worker = worker
    worker.observer.on('newrouter', (router) => {
      this.#routers++
      router.observer.once('close', () => this.#routers--)
      router.observer.on('newtransport', (transport) => {
        transport.observer.on('newconsumer', (consumer) => {
          this.#consumers++
          consumer.observer.once('close', () => this.#consumers--)
        })
      })
    })
    // mediasoup has already closed every router of this worker when 'died' fires.
    worker.on('died', (error) => this.emit('died', error))
  }

  get pid(): number {
    return this.#worker.pid
  }

  get alive(): boolean {
    return !this.#worker.closed
  }

  get routerCount(): number {
    return this.#routers
  }

  get consumerCount(): number {
    return this.#consumers
  }

  async createRouter(mediaCodecs: types.RouterRtpCodecCapability[], appData: types.AppData = {}): Promise<types.Router> {
    return this.#worker.createRouter({ mediaCodecs, appData })
  }

  /** CPU time used by the process, for the owner's metrics. */
  async resourceUsage(): Promise<types.WorkerResourceUsage> {
    return this.#worker.getResourceUsage()
  }

  close(): void {
    this.#worker.close()
  }
}
