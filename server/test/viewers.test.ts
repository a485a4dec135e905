import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../prisma/migrate.ts'
import { type Db, openDb } from '../src/db/client.ts'
import { ViewerLog } from '../src/features/sessions/viewers.ts'
import { freshDatabaseUrl } from './harness.ts'

// The summary's unique viewers are written in batches (a crowd's joins are not one write each):
// every device once per session, whatever the re-joins, across more than one chunk. SQLite and PG.
let db: Db
beforeAll(async () => { const url = freshDatabaseUrl(); await migrate(url); db = await openDb(url) })
afterAll(async () => { await db?.$disconnect() })

describe('the viewer log', () => {
  it('writes each device once per session, in batches, re-joins and other sessions apart', async () => {
    const errors: unknown[] = []
    const log = new ViewerLog(db, (e) => errors.push(e), 60_000)
    const keys = Array.from({ length: 1_200 }, (_, i) => `k${i}`)
    for (const k of [...keys, ...keys.slice(0, 300)]) log.record('s1', k)
    log.record('s2', 'k0')
    await log.flush()
    expect(await db.sessionViewer.count({ where: { sessionId: 's1' } })).toBe(1_200)
    // Again after the batch: the known ones are not written twice, a new one is.
    for (const k of keys.slice(0, 10)) log.record('s1', k)
    log.record('s1', 'new')
    // Another server wrote one meanwhile: kept, not an error.
    await db.sessionViewer.create({ data: { sessionId: 's2', viewerKey: 'k1' } })
    log.record('s2', 'k1')
    await log.close()
    expect(await db.sessionViewer.count({ where: { sessionId: 's1' } })).toBe(1_201)
    expect(await db.sessionViewer.count({ where: { sessionId: 's2' } })).toBe(2)
    expect(errors).toEqual([])
  })
})
