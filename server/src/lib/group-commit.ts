import type { Db, Tx } from '../db/client.ts'
import { inTransaction } from '../db/tx.ts'
import { metrics } from './metrics.ts'

/** Writes a batch in one transaction; returns one result or one Error per item, in order. */
export type BatchWriter<In, Out> = (tx: Tx, batch: In[]) => Promise<(Out | Error)[]>

/**
 * Group commit. Every durable commit costs a disk flush and a round of statements, and with
 * SQLite both block the one thread that also serves the sockets; under a burst (a question box
 * opening, hundreds of upvotes a second) per-item transactions starve everything else. Items
 * that arrive while a commit is in flight are written together in the next one. With no burst a
 * batch is one item, so nothing waits on a timer — unless `lingerMs` is set: then the first item
 * of a batch waits that long for company. Upvotes use it (their counts are shown once a second
 * anyway, and at hundreds per second per-vote batches cost a third of the server's CPU).
 * Each caller still gets its own result or error.
 */
export interface GroupCommitOptions<Out = unknown> {
  maxBatch?: number
  lingerMs?: number
  /**
   * Called with each committed result, synchronously after its commit and before the next batch
   * begins: in-memory state kept beside the rows (a poll's running tally) stays exactly in step
   * with what is stored, and a batch retried item by item is never applied twice.
   */
  afterCommit?: (result: Out) => void
}

export class GroupCommit<In, Out> {
  private queue: { item: In; resolve: (r: Out) => void; reject: (e: unknown) => void }[] = []
  private draining = false

  private readonly maxBatch: number
  private readonly lingerMs: number

  private readonly afterCommit: ((r: Out) => void) | undefined

  constructor(private readonly db: Db, private readonly write: BatchWriter<In, Out>, opts: GroupCommitOptions<Out> = {}) {
    this.maxBatch = opts.maxBatch ?? 500
    this.lingerMs = opts.lingerMs ?? 0
    this.afterCommit = opts.afterCommit
  }

  private committed(results: (Out | Error)[]): void {
    if (!this.afterCommit) return
    for (const r of results) {
      if (r instanceof Error || r === undefined) continue
      // What is committed stays committed: a failing hook must not send the batch round again.
      try { this.afterCommit(r) } catch { /* the hook's own state is its concern */ }
    }
  }

  submit(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (!this.draining) {
        this.draining = true
        if (this.lingerMs > 0) setTimeout(() => void this.drain(), this.lingerMs)
        else setImmediate(() => void this.drain())
      }
    })
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch)
      metrics.batches.observe(batch.length)
      try {
        const results = await inTransaction(this.db, (tx) => this.write(tx, batch.map((b) => b.item)))
        this.committed(results)
        batch.forEach((b, i) => settle(b, results[i]))
      } catch {
        // Something unexpected failed the whole transaction: retry one by one, so one bad item
        // cannot fail the others and each caller gets its own error.
        for (const b of batch) {
          try {
            const one = await inTransaction(this.db, (tx) => this.write(tx, [b.item]))
            this.committed(one)
            settle(b, one[0])
          } catch (e) {
            b.reject(e)
          }
        }
      }
    }
    this.draining = false
  }
}

function settle<Out>(b: { resolve: (r: Out) => void; reject: (e: unknown) => void }, r: Out | Error | undefined): void {
  if (r === undefined) b.reject(new Error('batch writer returned no result'))
  else if (r instanceof Error) b.reject(r)
  else b.resolve(r)
}
