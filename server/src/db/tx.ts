import { metrics } from '../lib/metrics.ts'
import { storageFault, storageHealth } from '../lib/storage-health.ts'
import type { Db, Tx } from './client.ts'

/** Runs fn in one database transaction; services use it without touching Prisma themselves. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const end = metrics.commits.startTimer()
  return db.$transaction(fn, { maxWait: 10_000, timeout: 20_000 }).then(
    (r) => { storageHealth.succeeded(); return r },
    (err: unknown) => {
      const fault = storageFault(err)
      if (fault) storageHealth.failed(fault)
      throw err
    },
  ).finally(() => end())
}

/** Prisma's "record not found" and "unique constraint" errors, recognised without importing Prisma. */
export function isPrismaCode(err: unknown, code: 'P2025' | 'P2002'): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code
}
