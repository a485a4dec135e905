import { EventEmitter } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { MediaWorker } from './MediaWorker.ts'
import { resolveMediaConfig, type MediaConfig, type ResolvedMediaConfig } from './config.ts'

export interface WorkerDied {
  worker: MediaWorker
  index: number
  pid: number
  error: Error
}

export interface WorkerReplaced {
  index: number
  oldPid: number
  pid: number
  /** From the death being noticed to the new worker accepting routers. */
  ms: number
}

type WorkerPoolEvents = {
  /** Sync, before the replacement starts: listeners still see which worker it was. */
  workerdied: [WorkerDied]
  workerreplaced: [WorkerReplaced]
  /** A replacement failed to start; the pool keeps retrying every respawnDelayMs. */
  respawnfailed: [{ index: number; attempt: number; error: Error }]
}

/**
 * A fixed number of mediasoup workers (one per core by default). A worker that dies is
 * replaced in the same slot, so the pool keeps its size; the pool itself does not know
 * about sessions — its 'workerdied' event lets the owner find what it had on that worker.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  readonly config: ResolvedMediaConfig
  readonly #slots: (MediaWorker | undefined)[]
  readonly #respawning = new Map<number, Promise<MediaWorker | undefined>>()
  #closed = false

  static async create(config: MediaConfig | ResolvedMediaConfig = {}): Promise<WorkerPool> {
    const resolved = resolveMediaConfig(config)
    const pool = new WorkerPool(resolved)
    try {
      await Promise.all(Array.from({ length: resolved.workers }, (_, i) => pool.#start(i)))
    } catch (error) {
      pool.close()
      throw error
    }
    return pool
  }

  private constructor(config: ResolvedMediaConfig) {
    super()
    this.config = config
    this.#slots = new Array(config.workers).fill(undefined)
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Live workers, in slot order. */
  get workers(): MediaWorker[] {
    return this.#slots.filter((w): w is MediaWorker => w !== undefined && w.alive)
  }

  /**
   * The least-loaded live worker (fewest consumers, then fewest routers), skipping
   * `exclude`. Undefined when every live worker is excluded; when none is alive at all
   * (a one-worker pool mid-replacement) it waits for the replacement instead.
   */
  async pick(exclude: ReadonlySet<MediaWorker> = new Set()): Promise<MediaWorker | undefined> {
    for (;;) {
      if (this.#closed) throw new Error('media: worker pool is closed')
      const live = this.workers
      if (live.length > 0) {
        let best: MediaWorker | undefined
        for (const w of live) {
          if (exclude.has(w)) continue
          if (!best || w.consumerCount < best.consumerCount ||
            (w.consumerCount === best.consumerCount && w.routerCount < best.routerCount)) best = w
        }
        return best
      }
      if (this.#respawning.size === 0) throw new Error('media: no live worker')
      await Promise.race(this.#respawning.values())
    }
  }

  stats(): { index: number; pid: number; routers: number; consumers: number }[] {
    return this.workers.map((w) => ({ index: w.index, pid: w.pid, routers: w.routerCount, consumers: w.consumerCount }))
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const w of this.#slots) w?.close()
    this.#slots.fill(undefined)
  }

  async #start(index: number): Promise<MediaWorker> {
    const worker = await MediaWorker.create(index, this.config)
    if (this.#closed) {
      worker.close()
      throw new Error('media: worker pool is closed')
    }
    this.#slots[index] = worker
    worker.once('died', (error) => this.#onDied(worker, error))
    return worker
  }

  #onDied(worker: MediaWorker, error: Error): void {
    if (this.#closed || this.#slots[worker.index] !== worker) return
    const diedAt = performance.now()
    this.#slots[worker.index] = undefined
    this.emit('workerdied', { worker, index: worker.index, pid: worker.pid, error })
    const respawn = this.#respawn(worker, diedAt)
    this.#respawning.set(worker.index, respawn)
    void respawn.finally(() => this.#respawning.delete(worker.index))
  }

  async #respawn(dead: MediaWorker, diedAt: number): Promise<MediaWorker | undefined> {
    for (let attempt = 1; !this.#closed; attempt++) {
      try {
        const worker = await this.#start(dead.index)
        this.emit('workerreplaced', {
          index: dead.index, oldPid: dead.pid, pid: worker.pid, ms: Math.round(performance.now() - diedAt),
        })
        return worker
      } catch (error) {
        if (this.#closed) break
        this.emit('respawnfailed', { index: dead.index, attempt, error: error as Error })
        await sleep(this.config.respawnDelayMs)
      }
    }
    return undefined
  }
}
