import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/client.ts'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { createNetns, delayProxy, type Netns, networkFaultsUnavailable } from './netns.ts'
import { runMain, seededSettings, waitUp, type ServerProcess } from './process.ts'
import { record, size } from './report.ts'
import { client, clientId, type Client, login } from '../harness.ts'

// Issue 15, faults 2 and 3: networks that fail below the client library. Citizens run in a network
// namespace (netns.ts) and reach the real server through a delaying TCP proxy; iptables in their
// namespace cuts them off silently (fault 2: 30 s in the long form) or drops 5 % of their packets
// while the proxy adds 200 ± 50 ms each way (fault 3). Meanwhile others keep acting: a moderator
// approves every question, the host posts to the live record. Afterwards each citizen has
// delivered its own questions exactly once and holds exactly what a fresh join shows (every event
// it missed applied once; one that came twice around a re-join is discarded by its seq, as the
// app's store does, and counted); nothing acked is lost.

const unavailable = networkFaultsUnavailable()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const children: ChildProcess[] = []
const namespaces: Netns[] = []
afterAll(() => { for (const c of children) c.kill('SIGKILL'); for (const n of namespaces) n.destroy() })

interface ViewerReport { converged: { ok: boolean; questions: number; transcript: number; differ: string[] }; connected: boolean; queued: number; acked: string[]; drops: number; rejoins: number; twice: number[] }

/** A group of citizens in a namespace of their own, driven over stdin/stdout (netns-viewers.ts). */
async function group(ns: Netns, url: string, viewers: number, body: string) {
  const child = ns.spawn([process.execPath, '--import', 'tsx', 'server/test/faults/netns-viewers.ts'], { FAULT_URL: url, FAULT_SESSION: S, FAULT_VIEWERS: String(viewers), FAULT_BODY: body })
  children.push(child)
  const waiting: ((m: Record<string, unknown>) => boolean)[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let m: Record<string, unknown>
    try { m = JSON.parse(line) as Record<string, unknown> } catch { return }
    for (const w of [...waiting]) if (w(m)) waiting.splice(waiting.indexOf(w), 1)
  })
  const next = (key: string, ms: number) => new Promise<Record<string, unknown>>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${key} from the namespace's citizens`)), ms)
    waiting.push((m) => { if (!(key in m)) return false; clearTimeout(t); resolve(m); return true })
  })
  await next('ready', 60_000)
  const say = (m: unknown) => child.stdin!.write(`${JSON.stringify(m)}\n`)
  return {
    ask: (n: number) => say({ ask: n }),
    report: async () => { const r = next('report', 60_000); say({ report: true }); return (await r).report as ViewerReport[] },
    quit: () => say({ quit: true }),
  }
}

/** The others: a moderator approving every question as it comes, the host posting every 500 ms. */
async function staffAtWork(url: string) {
  const mod: Client = await client(url, { cookie: await login(url, 'moderator') })
  mod.on('live:frame', (f) => {
    for (const e of f.events ?? []) if (e.type === 'question:submitted') void mod.timeout(5_000).emitWithAck('question:approve', { questionId: e.question.id }).catch(() => undefined)
  })
  await mod.timeout(5_000).emitWithAck('session:join', { sessionId: S })
  const host: Client = await client(url, { cookie: await login(url, 'host') })
  await host.timeout(5_000).emitWithAck('session:join', { sessionId: S })
  let on = true
  let posted = 0
  const posting = (async () => {
    while (on) {
      const r = (await host.timeout(5_000).emitWithAck('transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '主持人', body: '网络故障时的文字实录' })) as { ok: boolean }
      if (r.ok) posted++
      await sleep(500)
    }
  })()
  return {
    posted: () => posted,
    stop: async () => {
      on = false
      await posting
      // The last pass over anything pending, then everyone's view has something to converge on.
      const snap = (await mod.timeout(5_000).emitWithAck('session:join', { sessionId: S })) as { ok: true; data: { questions?: { id: string; status: string }[] } }
      for (const q of snap.data.questions ?? []) if (q.status === 'pending') await mod.timeout(5_000).emitWithAck('question:approve', { questionId: q.id })
      mod.close(); host.close()
    },
  }
}

async function storedOnce(dbUrl: string, body: string, acked: string[]) {
  const db = await openDb(dbUrl)
  try {
    const rows = await db.question.findMany({ where: { sessionId: S, body }, select: { clientId: true } })
    const count = new Map<string, number>()
    for (const r of rows) count.set(r.clientId, (count.get(r.clientId) ?? 0) + 1)
    return { lost: acked.filter((id) => !count.has(id)).length, duplicated: [...count.values()].filter((k) => k > 1).length, stored: count.size }
  } finally {
    await db.$disconnect()
  }
}

describe('network faults below the client', () => {
  let server: ServerProcess
  let settings: Awaited<ReturnType<typeof seededSettings>>
  beforeAll(async () => {
    // Said, not skipped: on a machine without root or iptables these tests fail, naming what is missing.
    if (unavailable) throw new Error(unavailable)
    // A short heartbeat, so a cut is noticed within the test's time as it would be in 45 s in production.
    settings = await seededSettings({ SOCKET_PING_INTERVAL_MS: '2000', SOCKET_PING_TIMEOUT_MS: '2000' })
    server = runMain(settings.env)
    children.push(server.child)
    await waitUp(settings.url)
  })
  afterAll(async () => { if (server) { server.child.kill('SIGTERM'); await server.exited } })
  /** A namespace, a proxy with this delay into it, a group of citizens inside, and the staff at work. */
  const scene = async (delayMs: number, jitterMs: number, viewers: number, body: string) => {
    const ns = createNetns()
    namespaces.push(ns)
    const proxy = await delayProxy(ns.hostIp, Number(settings.env.PORT), delayMs, jitterMs)
    const citizens = await group(ns, `http://${ns.hostIp}:${proxy.port}`, viewers, body)
    return { ns, proxy, citizens, others: await staffAtWork(settings.url) }
  }

  it('a citizen cut off (not disconnected) queues its question, and back online delivers it once and gets exactly what it missed', async () => {
    const CUT_MS = size(8_000, 30_000)
    const body = '断网期间排队的问题'
    const { ns, proxy, citizens, others } = await scene(0, 0, 3, body)
    citizens.ask(1)
    await sleep(1_000)
    ns.cut()
    const cutAt = Date.now()
    citizens.ask(2) // asked while offline: queued on the phone
    const postedBefore = others.posted()
    await sleep(CUT_MS)
    ns.heal()
    const postedDuring = others.posted() - postedBefore
    // Back: each delivers its queue and catches up (reconnection backoff is at most 5 s ± 50 %).
    let reports: ViewerReport[] = []
    for (let i = 0; i < 30; i++) {
      await sleep(1_000)
      reports = await citizens.report()
      if (reports.every((r) => r.connected && r.queued === 0 && r.acked.length === 3)) break
    }
    await others.stop()
    await sleep(1_000)
    reports = await citizens.report()
    citizens.quit()
    proxy.close()
    const acked = reports.flatMap((r) => r.acked)
    const counts = await storedOnce(settings.dbUrl, body, acked)
    expect(reports.map((r) => ({ connected: r.connected, queued: r.queued, acked: r.acked.length, converged: r.converged.ok, differ: r.converged.differ })))
      .toEqual(reports.map(() => ({ connected: true, queued: 0, acked: 3, converged: true, differ: [] })))
    expect(reports.every((r) => r.drops >= 1 && r.rejoins >= 1)).toBe(true)
    expect(counts).toMatchObject({ lost: 0, duplicated: 0, stored: acked.length })
    record({
      fault: '2 a citizen offline', injected: `3 citizens' network cut by iptables (DROP both ways) for ${((Date.now() - cutAt) / 1000).toFixed(0)} s while the moderator approved and the host posted ${postedDuring} entries`,
      counts: { acked: acked.length, stored: counts.stored, lost: counts.lost, duplicated: counts.duplicated, 'events received twice (discarded by seq)': reports.reduce((a, r) => a + r.twice.length, 0), 'converged clients': reports.filter((r) => r.converged.ok).length, clients: reports.length },
    })
  }, 180_000)

  it('viewers on a bad network (200 ± 50 ms each way, 5 % loss) all converge and lose nothing acked', async () => {
    const VIEWERS = size(10, 50)
    const body = '慢网络上的问题'
    const { ns, proxy, citizens: viewers, others } = await scene(200, 50, VIEWERS, body)
    ns.loss(0.05)
    const started = Date.now()
    const rounds = size(3, 10)
    for (let k = 0; k < rounds; k++) { viewers.ask(1); await sleep(2_000) }
    let reports: ViewerReport[] = []
    for (let i = 0; i < 60; i++) {
      reports = await viewers.report()
      if (reports.every((r) => r.queued === 0)) break
      await sleep(1_000)
    }
    const underLoss = Date.now() - started
    await others.stop()
    await sleep(3_000) // the last frames, through the delay
    reports = await viewers.report()
    ns.heal()
    viewers.quit()
    proxy.close()
    const acked = reports.flatMap((r) => r.acked)
    const counts = await storedOnce(settings.dbUrl, body, acked)
    expect(reports.map((r) => ({ queued: r.queued, acked: r.acked.length, converged: r.converged.ok, differ: r.converged.differ })))
      .toEqual(reports.map(() => ({ queued: 0, acked: rounds, converged: true, differ: [] })))
    expect(counts).toMatchObject({ lost: 0, duplicated: 0, stored: acked.length })
    record({
      fault: '3 bad networks', injected: `${VIEWERS} viewers through 200 ± 50 ms each way and 5 % packet loss both ways for ${(underLoss / 1000).toFixed(0)} s, asking ${rounds} questions each`,
      counts: { acked: acked.length, stored: counts.stored, lost: counts.lost, duplicated: counts.duplicated, 'events received twice (discarded by seq)': reports.reduce((a, r) => a + r.twice.length, 0), drops: reports.reduce((a, r) => a + r.drops, 0), 'converged clients': reports.filter((r) => r.converged.ok).length, clients: reports.length },
    })
  }, 240_000)
})
