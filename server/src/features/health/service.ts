import type { MediaHost } from '@openday/media'
import type { Db } from '../../db/client.ts'
import { storageHealth } from '../../lib/storage-health.ts'

export interface Readiness { ready: boolean; checks: Record<string, 'ok' | 'down' | 'off'> }

/** How long the database may take to answer a readiness probe before it counts as down. */
const DB_PROBE_MS = 2_000

/**
 * Liveness is the process answering at all; readiness is whether it can do its work now: the
 * database answers, and the media workers (when video is on) are alive. A load balancer sends no
 * new viewers to a process that is not ready, and takes it back by itself once it is.
 */
export function createHealthService(d: { db: Db; mediaEnabled: boolean; mediaHost: () => MediaHost | null; draining?: () => boolean }) {
  async function database(): Promise<'ok' | 'down'> {
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        d.db.$queryRawUnsafe('SELECT 1'),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('database probe timed out')), DB_PROBE_MS) }),
      ])
      return 'ok'
    } catch {
      return 'down'
    } finally {
      clearTimeout(timer)
    }
  }
  function media(): 'ok' | 'down' | 'off' {
    if (!d.mediaEnabled) return 'off'
    const host = d.mediaHost()
    return host && host.pool.workers.some((w) => w.alive) ? 'ok' : 'down'
  }
  return {
    async readiness(): Promise<Readiness> {
      // A write that failed for want of room or of the database, with none succeeding since.
      const storage = storageHealth.current() ? 'down' as const : 'ok' as const
      const checks = { database: await database(), storage, media: media(), accepting: d.draining?.() ? 'down' as const : 'ok' as const }
      return { ready: Object.values(checks).every((c) => c !== 'down'), checks }
    },
  }
}
export type HealthService = ReturnType<typeof createHealthService>
