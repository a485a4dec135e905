// Hotline benchmark: the time from "call saved" (the operator's `call:log` ack) to the venue board
// getting the call in a `live:frame`, with 20 operators logging at once. First rounds where every
// operator saves in the same instant, then a steady busy pace with random offsets. See
// bench/README.md. `npx tsx bench/hotline.ts --help` lists the flags.
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { flags, num, outputFlags, writes } from './lib/args.ts'
import { split } from './lib/fleet.ts'
import { Hist } from './lib/hist.ts'
import type { BoardConnect, BoardReport, SentCall } from './lib/hotline-board.ts'
import { Boards, type CallRecord, Operators, seedOperators } from './lib/hotline-load.ts'
import { hotlineSection, type PhaseResult } from './lib/hotline-report.ts'
import { ProcSampler, waitQuiet } from './lib/procstat.ts'
import { latestProfile, summarize } from './lib/profile.ts'
import { fix, ms, pct, writeSection } from './lib/report.ts'
import { loopStats, ROOT, runDir, startOpenDay } from './lib/servers.ts'
import { sleep } from './lib/stamp.ts'

const f = flags('npx tsx bench/hotline.ts [flags]   call saved → venue board update, operators logging at once', {
  ...outputFlags('smoke run (~30 s)'),
  operators: { type: 'string', help: 'operators logging calls (the demo operator + bench accounts)', default: '20' },
  viewers: { type: 'string', help: 'public board viewers joined to the session', default: '200; quick 100' },
  workers: { type: 'string', help: 'board-viewer processes', default: '2' },
  rounds: { type: 'string', help: 'burst phase: rounds in which every operator saves a call at once; 0 to skip', default: '30; quick 4' },
  'round-every': { type: 'string', help: 'burst phase: seconds between rounds', default: '2' },
  'steady-duration': { type: 'string', help: 'steady phase: seconds; 0 to skip', default: '60; quick 6' },
  'steady-interval': { type: 'string', help: 'steady phase: seconds between one operator\'s calls (±20 %)', default: '15; quick 3' },
  handoff: { type: 'string', help: 'share of calls handed off to a unit (work order) rather than answered', default: '0.2' },
  settle: { type: 'string', help: 'seconds to wait after the last ack for late frames', default: '3; quick 2' },
  port: { type: 'string', help: 'port of the server', default: '4500' },
  'quiet-wait': { type: 'string', help: 'seconds to wait for the shared machine to be idle before measuring', default: '60; quick 0' },
  'quiet-busy': { type: 'string', help: 'machine busy % (all cores) counted as idle enough', default: '25' },
  'cpu-prof': { type: 'boolean', help: 'write a V8 CPU profile of the server and print its top functions' },
})

const quick = Boolean(f.quick)
const Q = <T,>(full: T, q: T): T => (quick ? q : full)
const cfg = {
  operators: num(f.operators, 20),
  viewers: num(f.viewers, Q(200, 100)),
  workers: num(f.workers, 2),
  rounds: num(f.rounds, Q(30, 4)),
  roundEvery: num(f['round-every'], 2),
  steadyDuration: num(f['steady-duration'], Q(60, 6)),
  steadyInterval: num(f['steady-interval'], Q(15, 3)),
  handoff: num(f.handoff, 0.2),
  settle: num(f.settle, Q(3, 2)),
  port: num(f.port, 4500),
  quietWait: num(f['quiet-wait'], Q(60, 0)),
  quietBusy: num(f['quiet-busy'], 25),
  cpuProf: Boolean(f['cpu-prof']),
}
const write = writes(f)
const SESSION = 'demo-hotline'
const dir = runDir('hotline')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)
// The operators' sockets live in this process: its loop delay shifts the ack times it records.
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()

/** Calls in the database whose client id starts with `prefix` (the server's own Prisma setup). */
async function countRows(dbUrl: string, prefixes: string[]): Promise<number[]> {
  const { openDb } = await import(join(ROOT, 'server/src/db/client.ts')) as typeof import('../server/src/db/client.ts')
  const db = await openDb(dbUrl)
  try {
    return await Promise.all(prefixes.map((p) => db.hotlineCall.count({ where: { sessionId: SESSION, clientId: { startsWith: p } } })))
  } finally {
    await db.$disconnect()
  }
}

interface Window { name: 'burst' | 'steady'; t0: number; t1: number; loopP99: number }

async function main() {
  log(`hotline benchmark${quick ? ' (quick)' : ''}: ${cfg.operators} operators, ${cfg.viewers} board viewers; files in ${dir}`)
  if (cfg.quietWait) await waitQuiet(cfg.quietBusy, cfg.quietWait, log)
  const dbUrl = `file:${join(dir, 'hotline.db')}`
  // The seed (run here first, and again by startOpenDay) and the server must share the key.
  const opts = { port: cfg.port, dbUrl, dir, env: { DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') }, cpuProfDir: cfg.cpuProf ? join(dir, 'prof') : undefined }
  const usernames = await seedOperators(opts, SESSION, cfg.operators)
  const server = await startOpenDay(opts)
  const boards = Boards.start(cfg.workers)
  const sampler = new ProcSampler({ server: server.pid, boards: boards.pids, bench: process.pid }).start()
  const prefix = `h${randomBytes(3).toString('hex')}`
  const windows: Window[] = []
  const conn: BoardConnect = { connected: 0, joined: 0, errors: {} }
  let ops: Operators | null = null
  let reports: BoardReport[] = []
  try {
    const counts = split(cfg.viewers, boards.size)
    for (const r of await boards.all<BoardConnect>((i) => ({ op: 'connect', url: server.url, count: counts[i]!, sessionId: SESSION, ratePerSec: 200 / boards.size }))) {
      conn.connected += r.connected; conn.joined += r.joined
      for (const [k, v] of Object.entries(r.errors)) conn.errors[k] = (conn.errors[k] ?? 0) + v
    }
    log(`  ${conn.joined}/${cfg.viewers} board viewers joined${Object.keys(conn.errors).length ? `; failures ${JSON.stringify(conn.errors)}` : ''}`)
    ops = await Operators.open(server.url, usernames, SESSION, { prefix, handoff: cfg.handoff, timeoutMs: 30_000 })
    log(`  ${ops.size} operators logged in and joined as staff`)
    // Warm-up (not reported): first writes of each kind open files and JIT-compile the handlers.
    await ops.burst('warmup', 1, 0)
    await sleep(2000)
    await boards.all(() => ({ op: 'reset' }))
    const phase = async (name: Window['name'], run: (o: Operators) => Promise<void>) => {
      loop.reset()
      const t0 = Date.now()
      await run(ops!)
      windows.push({ name, t0, t1: Date.now(), loopP99: loop.percentile(99) / 1e6 })
      const rs = ops!.records.filter((r) => r.phase === name)
      log(`  ${name}: ${rs.filter((r) => r.ok).length}/${rs.length} calls acked ok in ${fix((Date.now() - t0) / 1000, 1)} s`)
      await sleep(cfg.settle * 1000)
    }
    if (cfg.rounds > 0) {
      log(`burst: ${cfg.rounds} rounds, ${cfg.roundEvery} s apart, ${ops.size} calls saved at once in each`)
      await phase('burst', (o) => o.burst('burst', cfg.rounds, cfg.roundEvery * 1000))
    }
    if (cfg.steadyDuration > 0) {
      log(`steady: ${cfg.steadyDuration} s, each operator a call about every ${cfg.steadyInterval} s`)
      await phase('steady', (o) => o.steady('steady', cfg.steadyDuration, cfg.steadyInterval))
    }
    // Warm-up calls are listed too (and left out of the figures), so that "unknown" receipts are
    // only calls that reached the boards without an ok ack.
    const sent: SentCall[] = ops.records.filter((r) => r.ok).map((r) => ({ id: r.id!, phase: r.phase, sent: r.sent, saved: r.saved }))
    reports = await boards.all<BoardReport>(() => ({ op: 'report', calls: sent }))
  } finally {
    sampler.stop()
    ops?.close()
    await boards.close().catch(() => undefined)
    await server.stop()
  }
  if (cfg.cpuProf) {
    const file = latestProfile(join(dir, 'prof'))
    if (file && windows.length) console.log(summarize(file, 25, { from: windows[0]!.t0, to: windows.at(-1)!.t1, endEpoch: Date.now() }))
  }
  const rows = await countRows(dbUrl, windows.map((w) => `${prefix}-${w.name}-`))
  const phases = windows.map((w, i) => summarise(w, ops!.records.filter((r) => r.phase === w.name), ops!.size, reports, conn.joined, rows[i]!, sampler, server.probe))
  const viewersAtEnd = reports.reduce((a, r) => a + r.viewers, 0)
  const extra = {
    frames: reports.reduce((a, r) => a + r.frames, 0), unlisted: reports.reduce((a, r) => a + r.unlisted, 0),
    duplicates: reports.reduce((a, r) => a + r.duplicates, 0), disconnects: reports.reduce((a, r) => a + r.disconnects, 0),
    boardLoopP99: Math.max(0, ...reports.map((r) => r.loopDelayP99)), viewersAtEnd,
  }
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ cfg, conn, phases, extra, calls: ops!.records }, null, 2))
  for (const p of phases) log(`  ${p.name}: saved→board p50 ${ms(p.savedToBoard.p50)} p95 ${ms(p.savedToBoard.p95)} p99 ${ms(p.savedToBoard.p99)} max ${ms(p.savedToBoard.max)} ms; sent→board p95 ${ms(p.sentToBoard.p95)} ms; ack p95 ${ms(p.ack.p95)} ms; reach ${pct(p.reach * 100, 2)}; server CPU ${pct(p.cpu, 0)}, other processes ${pct(p.other, 0)}`)

  const cmd = `npx tsx bench/hotline.ts ${process.argv.slice(2).join(' ')}`.trim()
  const text = hotlineSection({ cfg, joined: conn.joined, phases, ...extra }, cmd)
  console.log(`\n${text}`)
  if (write) {
    writeSection('hotline', text)
    log('BENCHMARKS.md updated')
  }
}

/** One phase's figures: operator side from the records, board side from the viewer processes. */
function summarise(w: Window, recs: CallRecord[], size: number, reports: BoardReport[], viewers: number, rows: number, sampler: ProcSampler, probe: string): PhaseResult {
  const ok = recs.filter((r) => r.ok)
  const codes: Record<string, number> = {}
  for (const r of recs) if (!r.ok) codes[r.code!] = (codes[r.code!] ?? 0) + 1
  const ack = new Hist()
  for (const r of recs) ack.record(r.saved - r.sent)
  const savedToBoard = new Hist()
  const sentToBoard = new Hist()
  let receipts = 0
  for (const rep of reports) {
    const p = rep.byPhase[w.name]
    if (!p) continue
    savedToBoard.merge(p.savedToBoard); sentToBoard.merge(p.sentToBoard); receipts += p.receipts
  }
  // Per call over all viewer processes: the first board to show it, and the last (when all did).
  // `viewers` = joined at the start: a viewer that dropped counts as a board that missed the call.
  const first = new Hist()
  const last = new Hist()
  let everywhere = 0
  for (const c of ok) {
    const per = reports.map((r) => r.perCall[c.id!]).filter((x) => x !== undefined)
    if (!per.length) continue
    first.record(Math.min(...per.map((x) => x[0])) - c.saved)
    if (per.reduce((a, x) => a + x[2], 0) >= viewers) { everywhere++; last.record(Math.max(...per.map((x) => x[1])) - c.saved) }
  }
  // Records are in send order: a burst round is `size` consecutive records.
  const firstAck = new Hist()
  const lastAck = new Hist()
  if (w.name === 'burst') {
    for (let k = 0; k + size <= recs.length; k += size) {
      const acks = recs.slice(k, k + size).map((r) => r.saved - r.sent)
      firstAck.record(Math.min(...acks)); lastAck.record(Math.max(...acks))
    }
  }
  const s = sampler.window('server', w.t0, w.t1)
  const seconds = (w.t1 - w.t0) / 1000
  return {
    name: w.name, seconds, sent: recs.length, ok: ok.length, codes, rows, callsPerS: recs.length / seconds,
    ack: ack.summary(), roundAck: [firstAck.percentile(0.5), lastAck.percentile(0.5)], savedToBoard: savedToBoard.summary(), sentToBoard: sentToBoard.summary(), negative: savedToBoard.negative,
    firstBoard: first.summary(), lastBoard: last.summary(), everywhere, receipts, reach: ok.length && viewers ? receipts / (ok.length * viewers) : NaN,
    cpu: s.cpuMean, cpuMax: s.cpuMax, rss: s.rssMax, loop: loopStats(probe, w.t0, w.t1),
    boardsCpu: sampler.window('boards', w.t0, w.t1).cpuMean, benchCpu: sampler.window('bench', w.t0, w.t1).cpuMean,
    other: sampler.other(w.t0, w.t1), machine: s.machineMean, benchLoopP99: w.loopP99,
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

