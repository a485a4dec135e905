// Ingest benchmark: citizens submitting questions to one live session, each a durable write
// (transaction committed) before its ack. A fixed target rate (default 1,000/s for 30 s), then
// rising steps to find the highest sustainable rate. SQLite by default; --pg for PostgreSQL.
// See bench/README.md. `npx tsx bench/ingest.ts --help` lists the flags.
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { flags, list, num, outputFlags, writes } from './lib/args.ts'
import { connect, login, okData, send } from './lib/client.ts'
import { Fleet, mergeAsk, split, sumConnect } from './lib/fleet.ts'
import type { Hist } from './lib/hist.ts'
import { postgresPids, ProcSampler, waitQuiet } from './lib/procstat.ts'
import { latestProfile, summarize } from './lib/profile.ts'
import type { AskResult, ConnectResult } from './lib/protocol.ts'
import { fix, int, ms, pct, preamble, table, writeSection } from './lib/report.ts'
import { dropPostgres, freshPostgres, loopStats, ROOT, type Running, runDir, startOpenDay } from './lib/servers.ts'
import { sleep } from './lib/stamp.ts'

const f = flags('npx tsx bench/ingest.ts [flags]   questions submitted per second with durable write + ack', {
  ...outputFlags('smoke run (~1 min)'),
  pg: { type: 'boolean', help: 'PostgreSQL (scripts/pg.sh) instead of SQLite' },
  'keep-db': { type: 'boolean', help: 'with --pg: keep the benchmark database afterwards (dropped by default)' },
  rate: { type: 'string', help: 'fixed run: questions per second, all citizens together', default: '1000; quick 300' },
  duration: { type: 'string', help: 'fixed run: seconds', default: '30; quick 10' },
  steps: { type: 'string', help: 'step run: rates, comma separated; "none" to skip', default: '250,500,750,1000,1250,1500,2000,3000; quick 200,400,800' },
  'step-duration': { type: 'string', help: 'seconds per step', default: '10; quick 5' },
  citizens: { type: 'string', help: 'citizen connections (distinct tokens), spread over the workers', default: '500; quick 100' },
  workers: { type: 'string', help: 'client processes', default: '2' },
  'inflight-cap': { type: 'string', help: 'unacked submissions per worker before sends are skipped', default: '2000' },
  moderator: { type: 'string', help: 'connect the demo moderator (receives every submission) yes|no', default: 'yes' },
  body: { type: 'string', help: 'characters per question body', default: '100' },
  port: { type: 'string', help: 'port of the server', default: '4300' },
  'quiet-wait': { type: 'string', help: 'seconds to wait for the shared machine to be idle before each measurement', default: '60; quick 0' },
  'quiet-busy': { type: 'string', help: 'machine busy % (all cores) counted as idle enough', default: '25' },
  'cpu-prof': { type: 'boolean', help: 'write a V8 CPU profile of the server and print its top functions' },
})

const quick = Boolean(f.quick)
const Q = <T,>(full: T, q: T): T => (quick ? q : full)
const pg = Boolean(f.pg)
const cfg = {
  rate: num(f.rate, Q(1000, 300)),
  duration: num(f.duration, Q(30, 10)),
  steps: f.steps === 'none' ? [] : list(f.steps, Q([250, 500, 750, 1000, 1250, 1500, 2000, 3000], [200, 400, 800])),
  stepDuration: num(f['step-duration'], Q(10, 5)),
  citizens: num(f.citizens, Q(500, 100)),
  workers: num(f.workers, 2),
  inflightCap: num(f['inflight-cap'], 2000),
  moderator: f.moderator !== 'no',
  body: num(f.body, 100),
  port: num(f.port, 4300),
  cpuProf: Boolean(f['cpu-prof']),
  quietWait: num(f['quiet-wait'], Q(60, 0)),
  quietBusy: num(f['quiet-busy'], 25),
}
const write = writes(f)
const SESSION = 'demo-live'
const dir = runDir(pg ? 'ingest-pg' : 'ingest-sqlite')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)
const GOAL_RATE = 1000
const GOAL_P99 = 100

interface Step {
  target: number
  seconds: number
  sent: number
  ok: number
  skipped: number
  codes: Record<string, number>
  achieved: number
  ack: ReturnType<Hist['summary']>
  cpu: number
  cpuMax: number
  rss: number
  other: number
  dbCpu: number
  loop: { p99: number; max: number; elu: number }
  prefix: string
}

let runNo = 0
async function runAt(fleet: Fleet, sampler: ProcSampler, server: Running, target: number, seconds: number): Promise<Step> {
  const prefix = `b${randomBytes(3).toString('hex')}${runNo++}`
  const rates = split(target * 1000, fleet.size).map((r) => r / 1000)
  const t0 = Date.now()
  const rs = await fleet.all<AskResult>((i) => ({ op: 'ask', sessionId: SESSION, ratePerSec: rates[i]!, durationMs: seconds * 1000, bodyLen: cfg.body, tag: `${prefix}w${i}`, inflightCap: cfg.inflightCap, timeoutMs: 30_000, settleMs: 30_000 }))
  const t1 = t0 + seconds * 1000
  const m = mergeAsk(rs)
  const w = sampler.window('server', t0 + 1000, t1)
  // Throughput: acks over the time from the first send to the last ack (includes any backlog).
  const achieved = m.ok / ((m.lastAck - m.firstSend) / 1000)
  const s: Step = { target, seconds, sent: m.sent, ok: m.ok, skipped: m.skipped, codes: m.codes, achieved, ack: m.ack.summary(), cpu: w.cpuMean, cpuMax: w.cpuMax, rss: w.rssMax, other: sampler.other(t0 + 1000, t1), dbCpu: pg ? sampler.window('database', t0 + 1000, t1).cpuMean : NaN, loop: loopStats(server.probe, t0 + 1000, t1), prefix }
  log(`  target ${target}/s: ${fix(achieved, 0)} acks/s, ok ${m.ok}/${m.sent}${m.skipped ? `, skipped ${m.skipped}` : ''}${Object.keys(m.codes).length ? `, errors ${JSON.stringify(m.codes)}` : ''}; ack p50 ${ms(s.ack.p50)} p95 ${ms(s.ack.p95)} p99 ${ms(s.ack.p99)} ms; server CPU ${pct(s.cpu, 0)} RSS ${int(s.rss)} MB${pg ? `, PostgreSQL CPU ${pct(s.dbCpu, 0)}` : ''}, loop busy ${pct(s.loop.elu * 100, 0)} max delay ${ms(s.loop.max)} ms; other processes ${pct(s.other, 0)}`)
  return s
}

/** Rows the database holds for a run's client ids (read with the server's own Prisma setup). */
async function countRows(dbUrl: string, prefixes: string[]): Promise<number[]> {
  const { openDb } = await import(join(ROOT, 'server/src/db/client.ts')) as typeof import('../server/src/db/client.ts')
  const db = await openDb(dbUrl)
  try {
    const out: number[] = []
    for (const p of prefixes) out.push(await db.question.count({ where: { sessionId: SESSION, clientId: { startsWith: p } } }))
    return out
  } finally {
    await db.$disconnect()
  }
}

const sustainable = (s: Step) => s.achieved >= 0.95 * s.target && s.ok === s.sent && s.skipped === 0

async function main() {
  const dbName = pg ? 'PostgreSQL 15 (scripts/pg.sh, local)' : 'SQLite (WAL, synchronous=FULL, file on this disk)'
  log(`ingest benchmark on ${dbName}${quick ? ' (quick)' : ''}; files in ${dir}`)
  if (cfg.quietWait) await waitQuiet(cfg.quietBusy, cfg.quietWait, log)
  const dbUrl = pg ? await freshPostgres(`bench_${Date.now().toString(36)}`) : `file:${join(dir, 'ingest.db')}`
  const server = await startOpenDay({ port: cfg.port, dbUrl, dir, cpuProfDir: cfg.cpuProf ? join(dir, 'prof') : undefined })
  const fleet = Fleet.start(cfg.workers)
  const sampler = new ProcSampler({ server: server.pid, clients: fleet.pids, bench: process.pid, ...(pg ? { database: postgresPids } : {}) }).start()
  let fixed: Step | null = null
  const steps: Step[] = []
  let conn: ConnectResult
  let window: [number, number] = [0, 0]
  try {
    const counts = split(cfg.citizens, fleet.size)
    conn = sumConnect(await fleet.all<ConnectResult>((i) => ({ op: 'connect', url: server.url, count: counts[i]!, ratePerSec: 500 / fleet.size, sessionId: SESSION, tokens: true, maxPending: 50 })))
    log(`  ${conn.joined}/${cfg.citizens} citizens connected and joined${conn.failed || conn.joinFailed ? `; failures ${JSON.stringify(conn.errors)}` : ''}`)
    const mod = cfg.moderator ? await connect(server.url, { cookie: await login(server.url, 'moderator') }) : null
    if (mod) okData(await send(mod, 'session:join', { sessionId: SESSION }), 'moderator join')
    // A short warm-up: first writes open files, JIT-compile the handlers, create citizen rows.
    await runAt(fleet, sampler, server, Math.min(100, cfg.rate), 2)
    const t0 = Date.now()
    log(`fixed rate: ${cfg.rate}/s for ${cfg.duration} s`)
    fixed = await runAt(fleet, sampler, server, cfg.rate, cfg.duration)
    window = [t0, Date.now()]
    if (cfg.steps.length) log(`steps: ${cfg.steps.join(', ')} /s, ${cfg.stepDuration} s each`)
    for (const rate of cfg.steps) {
      await sleep(2000)
      const s = await runAt(fleet, sampler, server, rate, cfg.stepDuration)
      steps.push(s)
      // Past the first rate it cannot sustain, higher ones only add backlog.
      if (!sustainable(s)) break
    }
    mod?.close()
  } finally {
    sampler.stop()
    await fleet.close().catch(() => undefined)
    await server.stop()
  }
  if (cfg.cpuProf) {
    const file = latestProfile(join(dir, 'prof'))
    if (file) console.log(summarize(file, 25, { from: window[0], to: window[1], endEpoch: Date.now() }))
  }
  const all = [fixed!, ...steps]
  const rows = await countRows(dbUrl, all.map((s) => s.prefix))
  if (pg && !f['keep-db']) await dropPostgres(dbUrl).catch((err) => log(`  could not drop the benchmark database: ${String(err)}`))
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ cfg, fixed, steps, rows }, null, 2))

  const best = [...steps].filter(sustainable).sort((a, b) => b.target - a.target)[0]
  const bestFast = [...steps].filter((s) => sustainable(s) && s.ack.p99 < GOAL_P99).sort((a, b) => b.target - a.target)[0]
  const peak = Math.max(...all.map((s) => s.achieved))
  const codes = (o: Record<string, number>) => (Object.keys(o).length ? Object.entries(o).map(([k, v]) => `${k} ×${v}`).join(', ') : 'none')
  const row = (s: Step, i: number, label: string) => [
    label, int(s.target), fix(s.seconds, 0), int(s.sent), int(s.ok), `**${int(s.achieved)}**`, ms(s.ack.p50), ms(s.ack.p95), `**${ms(s.ack.p99)}**`, ms(s.ack.max),
    `${codes(s.codes)}${s.skipped ? `; skipped ${int(s.skipped)}` : ''}`, `${int(rows[i]!)}${rows[i] === s.ok ? ' ✓' : ' ✗'}`, `${pct(s.cpu, 0)} / ${pct(s.cpuMax, 0)}`, `${pct(s.loop.elu * 100, 0)} / ${ms(s.loop.max)}`, int(s.rss), ...(pg ? [pct(s.dbCpu, 0)] : []), pct(s.other, 0),
  ]
  const f0 = fixed!
  const goalMet = f0.achieved >= 0.95 * GOAL_RATE && f0.ack.p99 < GOAL_P99 && f0.ok === f0.sent && cfg.rate >= GOAL_RATE
  const cmd = `npx tsx bench/ingest.ts ${process.argv.slice(2).join(' ')}`.trim()
  const text = `${preamble(`Ingest: questions per second, ${pg ? 'PostgreSQL' : 'SQLite'}`, cmd)}
**Method.** The real OpenDay server on ${dbName}, seeded demo data, rate limits raised, everything
else default. ${int(conn!.joined)} citizen connections (websocket only, distinct citizen tokens, all
joined to \`demo-live\`) in ${cfg.workers} client processes send \`question:submit\` (${cfg.body}-character
body, fresh client id each) on a fixed schedule: open loop, sends follow the clock, not the acks
(at most ${int(cfg.inflightCap)} unacked per process; beyond that a send is skipped and counted).
${cfg.moderator ? 'The demo moderator is connected and receives every submission in its staff frames. ' : ''}The server
acks a question only after the transaction that wrote it (citizen, sequence, question row, event
row; the server may write several submissions in one transaction) has committed. First a fixed rate, then rising steps of ${cfg.stepDuration} s until one is not sustained.

- **acks/s**: successful acks ÷ (last ack − first send), so a backlog lowers it.
- **ack latency**: send → ack at the client, every submission (errors included).
- **rows**: questions in the database afterwards with that run's client ids; ✓ = equal to acks ok.
- **sustained**: acks/s ≥ 95 % of the target, every submission acked ok, none skipped.

${table(['run', 'target /s', 's', 'sent', 'acked ok', 'acks/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'rows in DB', 'server CPU mean/max', 'server loop busy / longest stall ms', 'server RSS MB', ...(pg ? ['PostgreSQL CPU'] : []), 'other processes CPU'],
    all.map((s, i) => row(s, i, i === 0 ? 'fixed' : `step ${i}`)))}

Highest sustained step: **${best ? `${int(best.target)}/s` : 'none'}**${best ? ` (p99 ${ms(best.ack.p99)} ms)` : ''}; highest sustained with p99 < ${GOAL_P99} ms: **${bestFast ? `${int(bestFast.target)}/s` : 'none'}**; peak acks/s of any run: ${int(peak)}.

**Goal** (${int(GOAL_RATE)} questions/s with p99 ack < ${GOAL_P99} ms): fixed run at ${int(cfg.rate)}/s gave ${int(f0.achieved)} acks/s, p99 ${ms(f0.ack.p99)} ms — ${cfg.rate < GOAL_RATE ? 'not assessed (target below the goal rate)' : goalMet ? 'met' : 'not met'}.
`
  console.log(`\n${text}`)
  if (write) {
    writeSection(pg ? 'ingest-postgresql' : 'ingest-sqlite', text)
    log('BENCHMARKS.md updated')
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
