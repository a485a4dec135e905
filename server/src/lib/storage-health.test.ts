import { describe, expect, it } from 'vitest'
import { storageFault, storageHealth } from './storage-health.ts'

// The error shapes as Prisma's driver adapters and Node throw them (seen with PostgreSQL stopped
// and SQLite full, test/faults/storage.test.ts), and others that must stay INTERNAL.
const adapter = (cause: Record<string, unknown>, code = 'P2039') => Object.assign(new Error('Invalid invocation'), { code, meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } })

describe('storageFault', () => {
  it('knows a full disk or database', () => {
    expect(storageFault(adapter({ originalCode: 'SQLITE_FULL', kind: 'sqlite', message: 'database or disk is full' }))).toBe('full')
    expect(storageFault(adapter({ originalCode: '53100', kind: 'postgres' }))).toBe('full')
    expect(storageFault(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe('full')
  })
  it('knows a database that does not answer', () => {
    expect(storageFault(adapter({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }, 'P1001'))).toBe('down')
    expect(storageFault(adapter({ originalCode: '57P01', kind: 'postgres', message: 'terminating connection due to administrator command' }))).toBe('down')
    expect(storageFault(adapter({ originalCode: 'SQLITE_BUSY', kind: 'sqlite' }))).toBe('down')
    expect(storageFault(new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) }))).toBe('down')
  })
  it('leaves everything else alone', () => {
    expect(storageFault(new Error('a bug'))).toBeNull()
    expect(storageFault(adapter({ originalCode: '23505', kind: 'postgres' }, 'P2002'))).toBeNull()
    expect(storageFault(adapter({ originalCode: 'SQLITE_CONSTRAINT', kind: 'sqlite' }, 'P2002'))).toBeNull()
    expect(storageFault(null)).toBeNull()
    expect(storageFault('text')).toBeNull()
  })
})

describe('storageHealth', () => {
  it('is down after a failed write until one succeeds, or for a while at most', () => {
    const t = 1_000_000_000
    storageHealth.failed('full', t)
    expect(storageHealth.current(t + 1)).toBe('full')
    expect(storageHealth.current(t + 31_000)).toBeNull()
    storageHealth.succeeded(t + 2)
    expect(storageHealth.current(t + 3)).toBeNull()
  })
})
