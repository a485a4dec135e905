import { EventEmitter } from 'node:events'
import type { MediaConfig } from './config.ts'
import { SessionRouter } from './SessionRouter.ts'
import { WorkerPool, type WorkerDied, type WorkerReplaced } from './WorkerPool.ts'

export interface SessionsLost {
  /** Their origin router was on the dead worker: closed, to be rebuilt with session(id). */
  sessionIds: string[]
  /**
   * Only a spill-over router was on the dead worker: the session lives on; the viewers
   * placed there saw their transports close with 'routerclose' and must rejoin.
   */
  spillSessionIds: string[]
  workerPid: number
  error: Error
}

type MediaHostEvents = {
  /**
   * Every client of these sessions lost its transports. The owner tells them to rejoin;
   * the next `session(id)` builds a fresh SessionRouter on a live worker.
   */
  sessionslost: [SessionsLost]
  workerreplaced: [WorkerReplaced]
}

/**
 * The media side of one machine: a worker pool and the live sessions' routers. This is
 * the object server/ holds; it keeps sessions by id so that everyone joining a session,
 * however they race, ends up on the same SessionRouter.
 */
export class MediaHost extends EventEmitter<MediaHostEvents> {
  readonly pool: WorkerPool
  // The promise, not the router, is stored: two joins racing on a new session both get
  // the one creation in flight.
  readonly #sessions = new Map<string, Promise<SessionRouter>>()
  readonly #ready = new Map<string, SessionRouter>()
  #closed = false

  static async create(config: MediaConfig = {}): Promise<MediaHost> {
    return new MediaHost(await WorkerPool.create(config))
  }

  private constructor(pool: WorkerPool) {
    super()
    this.pool = pool
    pool.on('workerdied', (died) => this.#onWorkerDied(died))
    pool.on('workerreplaced', (replaced) => this.emit('workerreplaced', replaced))
  }

  /** The session's router set, created on first use. */
  session(sessionId: string): Promise<SessionRouter> {
    if (this.#closed) return Promise.reject(new Error('media: host is closed'))
    let pending = this.#sessions.get(sessionId)
    if (!pending) {
      pending = SessionRouter.create(sessionId, this.pool)
      this.#sessions.set(sessionId, pending)
      pending.then(
        (session) => {
          this.#ready.set(sessionId, session)
          session.once('close', () => {
            if (this.#ready.get(sessionId) === session) {
              this.#ready.delete(sessionId)
              this.#sessions.delete(sessionId)
            }
          })
        },
        // A failed creation is forgotten so the next join tries again.
        () => {
          if (this.#sessions.get(sessionId) === pending) this.#sessions.delete(sessionId)
        },
      )
    }
    return pending
  }

  /** The session if it is live now; never creates one (e.g. for a viewer's reconnect check). */
  existingSession(sessionId: string): SessionRouter | undefined {
    return this.#ready.get(sessionId)
  }

  get sessionIds(): string[] {
    return [...this.#ready.keys()]
  }

  /** Ends the session's media (the host ended the live session). Idempotent. */
  async closeSession(sessionId: string): Promise<void> {
    const pending = this.#sessions.get(sessionId)
    if (!pending) return
    const session = await pending.catch(() => undefined)
    session?.close()
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const session of this.#ready.values()) session.close()
    this.#ready.clear()
    this.#sessions.clear()
    this.pool.close()
  }

  #onWorkerDied({ worker, pid, error }: WorkerDied): void {
    const lost: string[] = []
    const spill: string[] = []
    for (const [id, session] of this.#ready) {
      const dropped = session.dropWorker(worker)
      if (dropped === 'origin') lost.push(id)
      else if (dropped === 'spill') spill.push(id)
    }
    if (lost.length + spill.length > 0) {
      this.emit('sessionslost', { sessionIds: lost, spillSessionIds: spill, workerPid: pid, error })
    }
  }
}
