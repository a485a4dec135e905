import type { Db, Tx } from '../db/client.ts'
import { inTransaction } from '../db/tx.ts'

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
export interface GroupCommitOptions {
  maxBatch?: number
  lingerMs?: number
}

export class GroupCommit<In, Out> {
  private queue: { item: In; resolve: (r: Out) => void; reject: (e: unknown) => void }[] = []
  private draining = false

  private readonly maxBatch: number
  private readonly lingerMs: number

  constructor(private readonly db: Db, private readonly write: BatchWriter<In, Out>, opts: GroupCommitOptions = {}) {
    this.maxBatch = opts.maxBatch ?? 500
    this.lingerMs = opts.lingerMs ?? 0
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
      try {
        const results = await inTransaction(this.db, (tx) => this.write(tx, batch.map((b) => b.item)))
        batch.forEach((b, i) => settle(b, results[i]))
      } catch {
        // Something unexpected failed the whole transaction: retry one by one, so one bad item
        // cannot fail the others and each caller gets its own error.
        for (const b of batch) {
          try {
            settle(b, (await inTransaction(this.db, (tx) => this.write(tx, [b.item])))[0])
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
