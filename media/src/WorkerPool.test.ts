import { afterEach, describe, expect, it } from 'vitest'
import { nextEvent } from '../test/helpers.ts'
import { MediaHost, type SessionsLost } from './MediaHost.ts'
import type { TransportCloseReason } from './MediaTransport.ts'
import type { WorkerReplaced } from './WorkerPool.ts'

// Crash recovery with real worker processes killed by SIGKILL.
describe('worker death', () => {
  let host: MediaHost | undefined
  afterEach(() => host?.close())

  it('replaces the worker, reports the sessions that lost their router, and rebuilds them', async () => {
    host = await MediaHost.create({ workers: 2, rtcMinPort: 44000, rtcMaxPort: 44999 })
    const a = await host.session('sess-a')
    const b = await host.session('sess-b')
    const deadPid = a.stats()[0]!.workerPid
    expect(b.stats()[0]!.workerPid).not.toBe(deadPid)
    const viewer = await a.createWebRtcTransport({ direction: 'recv' })

    const lost = nextEvent<SessionsLost>(host, 'sessionslost')
    const replaced = nextEvent<WorkerReplaced>(host, 'workerreplaced')
    const viewerClosed = nextEvent<TransportCloseReason>(viewer, 'close')
    const killedAt = performance.now()
    process.kill(deadPid, 'SIGKILL')

    const report = await lost
    const lostMs = performance.now() - killedAt
    expect(report.sessionIds).toEqual(['sess-a'])
    expect(report.spillSessionIds).toEqual([])
    expect(report.workerPid).toBe(deadPid)
    expect(a.closed).toBe(true)
    expect(await viewerClosed).toBe('routerclose')
    expect(host.existingSession('sess-a')).toBeUndefined()
    expect(host.existingSession('sess-b')).toBe(b)
    expect(b.closed).toBe(false)

    // The owner rebuilds at once, before the replacement is up: the live worker takes it.
    const a2 = await host.session('sess-a')
    await a2.createWebRtcTransport({ direction: 'recv' })
    const rebuiltMs = performance.now() - killedAt
    expect(a2).not.toBe(a)

    const r = await replaced
    const replacedMs = performance.now() - killedAt
    expect(r.oldPid).toBe(deadPid)
    const pids = host.pool.workers.map((w) => w.pid)
    expect(pids).toHaveLength(2)
    expect(pids).not.toContain(deadPid)
    expect(pids).toContain(r.pid)
    // And the new worker is usable.
    const c = await host.session('sess-c')
    expect(c.stats()[0]!.workerPid).toBe(r.pid)
    console.log(`[media] SIGKILL -> sessionslost ${lostMs.toFixed(1)} ms, session rebuilt ${rebuiltMs.toFixed(1)} ms, ` +
      `replacement worker ready ${replacedMs.toFixed(1)} ms (pool's own figure ${r.ms} ms)`)
  })

  it('with a single worker, a join during the respawn waits for the replacement', async () => {
    host = await MediaHost.create({ workers: 1, rtcMinPort: 44000, rtcMaxPort: 44999 })
    const s = await host.session('sess-solo')
    const deadPid = s.stats()[0]!.workerPid
    const lost = nextEvent<SessionsLost>(host, 'sessionslost')
    const killedAt = performance.now()
    process.kill(deadPid, 'SIGKILL')
    expect((await lost).sessionIds).toEqual(['sess-solo'])

    const rebuilt = await host.session('sess-solo')
    await rebuilt.createWebRtcTransport({ direction: 'send' })
    const ms = performance.now() - killedAt
    expect(rebuilt.stats()[0]!.workerPid).not.toBe(deadPid)
    console.log(`[media] one-worker pool: SIGKILL -> session rebuilt on the replacement ${ms.toFixed(1)} ms`)
  })

  it('keeps replacing a slot that dies again', async () => {
    host = await MediaHost.create({ workers: 1, rtcMinPort: 44000, rtcMaxPort: 44999 })
    for (let i = 0; i < 3; i++) {
      const pid = host.pool.workers[0]!.pid
      const replaced = nextEvent<WorkerReplaced>(host, 'workerreplaced')
      process.kill(pid, 'SIGKILL')
      expect((await replaced).oldPid).toBe(pid)
    }
    expect(host.pool.workers).toHaveLength(1)
    await host.session('sess-after')
  })
})
