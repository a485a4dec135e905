// When the database or the disk cannot take writes: which errors mean that (so they answer
// UNAVAILABLE, "try again", and never INTERNAL), and whether the last write failed that way (so
// readiness says not ready until one succeeds again). The shapes are what Prisma's driver
// adapters and Node actually throw, seen with PostgreSQL stopped and SQLite full.

/** Prisma's own codes for an unreachable or overloaded database. */
const PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'])
/** The driver adapters' kinds for the same. */
const KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist'])
/** PostgreSQL: 08 connection exception, 53 insufficient resources (disk full, memory, connections), 57P operator intervention (shutdown). */
const PG_CLASS = /^(08|53|57P)/
/** SQLite: full, I/O error, locked past the busy timeout, cannot open the file. */
const SQLITE = /^SQLITE_(FULL|IOERR|BUSY|CANTOPEN|READONLY)/
/** Node's own, from file writes (uploads, recordings) and sockets to the database. */
const NODE = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'])

type Loose = { code?: unknown; kind?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } }

/** 'full' (no room to write), 'down' (the database does not answer), or null (some other error). */
export function storageFault(err: unknown): 'full' | 'down' | null {
  for (let x = err as Loose | undefined, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const code = typeof x.code === 'string' ? x.code : ''
    const a = (x.meta?.driverAdapterError?.cause ?? {}) as Loose
    const original = typeof a.originalCode === 'string' ? a.originalCode : typeof x.originalCode === 'string' ? x.originalCode : ''
    if (code === 'ENOSPC' || code === 'EDQUOT' || original === 'SQLITE_FULL' || original === '53100') return 'full'
    if (PRISMA.has(code) || NODE.has(code) || (typeof a.kind === 'string' && KINDS.has(a.kind)) || (typeof x.kind === 'string' && KINDS.has(x.kind))) return 'down'
    if (PG_CLASS.test(original) || SQLITE.test(original)) return 'down'
    x = x.cause as Loose | undefined
  }
  return null
}

/** How long a failed write keeps readiness down when nothing has been written since. */
const HOLD_MS = 30_000
let lastFault: { at: number; kind: 'full' | 'down' } | null = null
let lastSuccess = 0

export const storageHealth = {
  failed(kind: 'full' | 'down', now = Date.now()): void { lastFault = { at: now, kind } },
  succeeded(now = Date.now()): void { lastSuccess = now },
  /** The fault still standing: the last write failed (within HOLD_MS) and none succeeded since. */
  current(now = Date.now()): 'full' | 'down' | null {
    return lastFault && lastFault.at > lastSuccess && now - lastFault.at < HOLD_MS ? lastFault.kind : null
  },
}
