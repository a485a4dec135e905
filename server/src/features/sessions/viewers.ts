import type { Db } from '../../db/client.ts'
import { isPrismaCode } from '../../db/tx.ts'

const CHUNK = 500

/**
 * Which devices watched a session (the summary's unique viewers), written in batches: a crowd joins
 * in the minute a session starts, and one row per join would queue thousands of writes behind
 * SQLite's single writer, in front of the questions. A count, not state anyone sees live: a crash
 * loses at most the last interval's new viewers.
 */
export class ViewerLog {
  private pending = new Map<string, Set<string>>()
  /** Keys already written, per session, so a re-join is not queried again (dropped when it grows large). */
  private written = new Map<string, Set<string>>()
  private writtenCount = 0
  private readonly timer: NodeJS.Timeout
  private flushing: Promise<void> = Promise.resolve()

  constructor(private readonly db: Db, private readonly onError: (err: unknown) => void, intervalMs = 2000) {
    this.timer = setInterval(() => { void this.flush() }, intervalMs)
    this.timer.unref()
  }

  record(sessionId: string, viewerKey: string): void {
    if (this.written.get(sessionId)?.has(viewerKey)) return
    let set = this.pending.get(sessionId)
    if (!set) this.pending.set(sessionId, (set = new Set()))
    set.add(viewerKey)
  }

  /** Writes what is pending (one flush at a time). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch(this.onError)
    return this.flushing
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.flush()
  }

  private async write(): Promise<void> {
    const batch = this.pending
    this.pending = new Map()
    for (const [sessionId, keys] of batch) {
      const all = [...keys]
      for (let i = 0; i < all.length; i += CHUNK) {
        const chunk = all.slice(i, i + CHUNK)
        const have = new Set((await this.db.sessionViewer.findMany({ where: { sessionId, viewerKey: { in: chunk } }, select: { viewerKey: true } })).map((r) => r.viewerKey))
        const fresh = chunk.filter((k) => !have.has(k))
        if (fresh.length) {
          await this.db.sessionViewer.createMany({ data: fresh.map((viewerKey) => ({ sessionId, viewerKey })) }).catch(async (err: unknown) => {
            // Another server of the cluster wrote some of them meanwhile: one by one, keeping theirs.
            if (!isPrismaCode(err, 'P2002')) throw err
            for (const viewerKey of fresh) await this.db.sessionViewer.upsert({ where: { sessionId_viewerKey: { sessionId, viewerKey } }, create: { sessionId, viewerKey }, update: {} })
          })
        }
        if (this.writtenCount > 200_000) { this.written.clear(); this.writtenCount = 0 }
        let w = this.written.get(sessionId)
        if (!w) this.written.set(sessionId, (w = new Set()))
        for (const k of chunk) w.add(k)
        this.writtenCount += chunk.length
      }
    }
  }
}
