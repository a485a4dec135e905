import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/config.ts'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { runMain, seededSettings, waitUp, type ServerProcess } from './process.ts'
import { record, size } from './report.ts'

// Issue 15, fault 5: a mass reconnect. Viewers (viewer-fleet.ts: socket.io clients with the app's
// backoff and jitter) are all in the live session when the server is killed (kill -9) and started
// again; every one of them must come back and rejoin by itself, and the restarted server must
// survive the herd. The time until all are back and the server's memory peak are written down
// (the long form: ten thousand viewers); a test asserts no time.

const PROCESSES = size(2, 4)
const PER_PROCESS = size(150, 2_500)
const TOTAL = PROCESSES * PER_PROCESS
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) c.kill('SIGKILL') })
/** Kilobytes from /proc: the process's resident peak (VmHWM) or now (VmRSS). */
const memKb = (pid: number, field: 'VmHWM' | 'VmRSS') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)

describe('mass reconnect', () => {
  it(`${TOTAL} viewers all rejoin a restarted server by themselves, and the server stays up`, async () => {
    // One address for everyone here: the per-address limits are opened, the others are the defaults.
    const { env, url } = await seededSettings({ MAX_SOCKETS_PER_IP: '100000', LOG_LEVEL: 'warn' })
    let server: ServerProcess = runMain(env)
    children.push(server.child)
    await waitUp(url)

    const state = Array.from({ length: PROCESSES }, () => ({ connected: 0, joined: 0, connectErrors: 0, refusedJoins: 0 }))
    const fleets: ChildProcess[] = []
    for (let p = 0; p < PROCESSES; p++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/faults/viewer-fleet.ts'], { cwd: REPO_ROOT, env: { ...process.env, FAULT_URL: url, FAULT_SESSION: S, FAULT_VIEWERS: String(PER_PROCESS) }, stdio: ['ignore', 'pipe', 'inherit'] })
      children.push(child); fleets.push(child)
      createInterface({ input: child.stdout! }).on('line', (l) => { try { state[p] = JSON.parse(l) as (typeof state)[number] } catch { /* not ours */ } })
    }
    const joined = () => state.reduce((a, s) => a + s.joined, 0)
    const until = async (test: () => boolean, ms: number) => { const t = Date.now(); while (!test() && Date.now() - t < ms) await sleep(100) }
    await until(() => joined() === TOTAL, size(60_000, 300_000))
    expect(joined()).toBe(TOTAL)

    server.child.kill('SIGKILL')
    await server.exited
    const killedAt = Date.now()
    await until(() => joined() === 0, 30_000)
    server = runMain(env)
    children.push(server.child)
    const pid = server.child.pid!
    let rssPeakKb = 0
    const sampler = setInterval(() => { try { rssPeakKb = Math.max(rssPeakKb, memKb(pid, 'VmRSS')) } catch { /* not started yet */ } }, 200)
    await waitUp(url)
    const upAt = Date.now()
    await until(() => joined() === TOTAL, size(120_000, 600_000))
    const allBackAt = Date.now()
    clearInterval(sampler)
    const hwmKb = memKb(pid, 'VmHWM')

    // Everyone is back, on the same (restarted) process, which still answers.
    expect(joined()).toBe(TOTAL)
    expect(server.child.exitCode).toBeNull()
    expect((await fetch(`${url}/api/ready`)).status).toBe(200)
    const refusedJoins = state.reduce((a, s) => a + s.refusedJoins, 0)
    for (const c of fleets) c.kill('SIGTERM')
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    record({
      fault: '5 mass reconnect', injected: `kill -9 and restart with ${TOTAL} viewers joined (${PROCESSES} client processes); the app's backoff: 1 s doubling to 5 s, ±50 %`,
      counts: {
        viewers: TOTAL, 'rejoined': joined(), 'down s (kill to ready)': ((upAt - killedAt) / 1000).toFixed(1), 'all back s (ready to all rejoined)': ((allBackAt - upAt) / 1000).toFixed(1),
        'server memory peak MB': (Math.max(hwmKb, rssPeakKb) / 1024).toFixed(0), 'refused or timed-out joins (retried)': refusedJoins,
      },
    })
  }, size(300_000, 1_500_000))
})
