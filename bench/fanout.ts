// Fan-out benchmark: many viewers in one live session.
//   1. saturation: the same viewer counts against the plain socket.io baseline and against OpenDay
//      (a host posting transcript entries at the same rate, FRAME_INTERVAL_MS=10 so each entry
//      leaves as its own frame): deliveries/s, latency, reach, server CPU/RSS, OpenDay ÷ baseline.
//   2. realistic: 10,000 viewers on OpenDay with its default frame/tally intervals, a question
//      submitted and approved every ~3 s, a transcript entry every ~3 s, ~300 upvotes/s.
// See bench/README.md. `npx tsx bench/fanout.ts --help` lists the flags.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { flags, list, num, outputFlags, writes } from './lib/args.ts'
import { type Ack, citizenToken, type Client, connect, login, okData, send } from './lib/client.ts'
import { Fleet, type Merged, merge, split, sumConnect } from './lib/fleet.ts'
import { Hist } from './lib/hist.ts'
import { ProcSampler, waitQuiet } from './lib/procstat.ts'
import { latestProfile, summarize } from './lib/profile.ts'
import type { ConnectResult, WorkerReport } from './lib/protocol.ts'
import { fix, int, ms, pct, writeSection } from './lib/report.ts'
import { type RealResult, realSection, type SatResult, satSection } from './lib/fanout-report.ts'
import { loopStats, type Running, runDir, startBaseline, startOpenDay } from './lib/servers.ts'
import { now, sampleText, sleep, stampBody } from './lib/stamp.ts'

const f = flags('npx tsx bench/fanout.ts [flags]   fan-out to many viewers of one live session', {
  ...outputFlags('smoke run (~1 min on an idle machine, small sizes)'),
  only: { type: 'string', help: 'saturation | realistic (default both)' },
  targets: { type: 'string', help: 'saturation: which servers to run', default: 'baseline,openday' },
  clients: { type: 'string', help: 'saturation: viewer counts, comma separated', default: '2500,5000; quick 500' },
  rate: { type: 'string', help: 'saturation: entries posted per second', default: '20' },
  duration: { type: 'string', help: 'saturation: measured seconds per run', default: '20; quick 5' },
  warmup: { type: 'string', help: 'seconds of posting before measuring', default: '3; quick 1' },
  'max-drain': { type: 'string', help: 'seconds to wait for backlogged deliveries after posting stops', default: '30; quick 10' },
  viewers: { type: 'string', help: 'realistic: viewers in the session', default: '10000; quick 1000' },
  'realistic-duration': { type: 'string', help: 'realistic: measured seconds', default: '150; quick 15' },
  voters: { type: 'string', help: 'realistic: how many of the viewers upvote (distinct citizen tokens)', default: '1500; quick 300' },
  votes: { type: 'string', help: 'realistic: upvotes per second, all voters together', default: '300; quick 60' },
  'question-every': { type: 'string', help: 'realistic: seconds between submitted+approved questions', default: '3' },
  'transcript-every': { type: 'string', help: 'realistic: seconds between transcript entries', default: '3' },
  'frame-ms': { type: 'string', help: 'realistic: FRAME_INTERVAL_MS (server default when unset)' },
  'frame-chunk': { type: 'string', help: 'realistic: FRAME_CHUNK, sockets written per event-loop turn (server default when unset)' },
  'tally-ms': { type: 'string', help: 'realistic: TALLY_INTERVAL_MS (server default when unset)' },
  'floor-rate': { type: 'string', help: 'realistic: entries/s of the plain socket.io reference run with the same viewers (0 = skip)', default: '1; quick 0' },
  'floor-duration': { type: 'string', help: 'realistic: measured seconds of that reference run', default: '30; quick 10' },
  workers: { type: 'string', help: 'client processes for viewers', default: '4' },
  'client-nice': { type: 'string', help: 'nice of the client processes (the server keeps 0): simulated viewers stand for other people\'s devices', default: '10' },
  'viewer-client': { type: 'string', help: 'lean (socket.io protocol over ws, lib/lean-socket.ts) | full (socket.io-client)', default: 'lean' },
  'connect-rate': { type: 'string', help: 'new connections per second, all workers together', default: '1000' },
  'max-pending': { type: 'string', help: 'connections being opened+joined at once, per client process', default: '50' },
  body: { type: 'string', help: 'characters of text in each entry/question body', default: '100' },
  port: { type: 'string', help: 'first port to use (each server start takes the next one)', default: '4100' },
  'quiet-wait': { type: 'string', help: 'seconds to wait for the shared machine to be idle before each measurement', default: '60; quick 0' },
  'quiet-busy': { type: 'string', help: 'machine busy % (all cores) counted as idle enough', default: '25' },
  'cpu-prof': { type: 'boolean', help: 'write a V8 CPU profile of each OpenDay server and print its top functions' },
})

const quick = Boolean(f.quick)
const Q = <T,>(full: T, q: T): T => (quick ? q : full)
const cfg = {
  clients: list(f.clients, Q([2500, 5000], [500])),
  rate: num(f.rate, 20),
  duration: num(f.duration, Q(20, 5)),
  warmup: num(f.warmup, Q(3, 1)),
  maxDrain: num(f['max-drain'], Q(30, 10)),
  viewers: num(f.viewers, Q(10_000, 1000)),
  realisticDuration: num(f['realistic-duration'], Q(150, 15)),
  voters: num(f.voters, Q(1500, 300)),
  votes: num(f.votes, Q(300, 60)),
  questionEvery: num(f['question-every'], 3),
  transcriptEvery: num(f['transcript-every'], 3),
  frameMs: f['frame-ms'] as string | undefined,
  frameChunk: f['frame-chunk'] as string | undefined,
  tallyMs: f['tally-ms'] as string | undefined,
  floorRate: num(f['floor-rate'], Q(1, 0)),
  floorDuration: num(f['floor-duration'], Q(30, 10)),
  workers: num(f.workers, 4),
  clientNice: num(f['client-nice'], 10),
  viewerClient: f['viewer-client'] === 'full' ? 'full' as const : 'lean' as const,
  connectRate: num(f['connect-rate'], 1000),
  maxPending: num(f['max-pending'], 50),
  body: num(f.body, 100),
  cpuProf: Boolean(f['cpu-prof']),
  quietWait: num(f['quiet-wait'], Q(60, 0)),
  quietBusy: num(f['quiet-busy'], 25),
}
const write = writes(f)
const SESSION = 'demo-live'
let port = num(f.port, 4100)
// Each server gets a new port: the previous run's closed connections linger in TIME_WAIT on the
// old 4-tuples, and 10,000 of them would otherwise exhaust the ephemeral port range.
const nextPort = () => port++
const dir = runDir('fanout')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

function saveJson(name: string, data: unknown): void {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(data, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 2))
}

interface Posted { tag: string; ok: boolean; code?: string; ackMs: number }

/** Posts stamped transcript entries at a steady rate (open loop: does not wait for acks). */
async function postAt(host: Client, ratePerSec: number, seconds: number, tagPrefix: string, ackHist: Hist): Promise<Posted[]> {
  const out: Promise<Posted>[] = []
  const start = Date.now()
  const n = Math.round(ratePerSec * seconds)
  const text = sampleText(cfg.body)
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / ratePerSec
    if (due > Date.now()) await sleep(due - Date.now())
    const tag = `${tagPrefix}${i}`
    const sent = now()
    out.push(send(host, 'transcript:post', { sessionId: SESSION, clientId: randomUUID(), speaker: 'host', speakerName: '李明', body: stampBody(text, tag, sent) }).then((r: Ack) => {
      const ackMs = now() - sent
      ackHist.record(ackMs)
      return { tag, ok: r.ok, code: r.ok ? undefined : r.code, ackMs }
    }))
  }
  return Promise.all(out)
}

async function report(fleet: Fleet): Promise<Merged> {
  return merge(await fleet.all<WorkerReport>({ op: 'report' }))
}

/** Waits until every expected delivery arrived or deliveries stop growing (backlog drained or lost). */
async function drain(fleet: Fleet, tags: string[], joined: number, maxS: number): Promise<Merged> {
  const want = tags.length * joined
  let last = -1
  let still = 0
  const until = Date.now() + maxS * 1000
  for (;;) {
    const m = await report(fleet)
    const got = tags.reduce((a, t) => a + (m.receipts.get(t) ?? 0), 0)
    if (got >= want || Date.now() > until) return m
    still = got === last ? still + 1 : 0
    if (still >= 4) return m
    last = got
    await sleep(500)
  }
}

/** Mean per second over the whole seconds inside [from, to] (epoch ms). */
function perSecond(tl: Map<number, [number, number]>, from: number, to: number, k: 0 | 1): number {
  const a = Math.ceil(from / 1000)
  const b = Math.floor(to / 1000)
  if (b <= a) return NaN
  let sum = 0
  for (let s = a; s < b; s++) sum += tl.get(s)?.[k] ?? 0
  return sum / (b - a)
}

async function connectViewers(fleet: Fleet, url: string, count: number, votersTotal = 0): Promise<ConnectResult> {
  const counts = split(count, fleet.size)
  const voters = split(votersTotal, fleet.size)
  const res = sumConnect(await fleet.all<ConnectResult>((i) => ({ op: 'connect', url, count: counts[i]!, ratePerSec: cfg.connectRate / fleet.size, sessionId: SESSION, tokens: true, voters: voters[i]!, maxPending: cfg.maxPending, lean: cfg.viewerClient === 'lean' })))
  log(`  connected ${res.connected}/${count}, joined ${res.joined} in ${(res.ms / 1000).toFixed(1)} s${res.failed || res.joinFailed ? `; failures: ${JSON.stringify(res.errors)}` : ''}`)
  return res
}

async function profileOf(server: Running, stoppedAt: number, from: number, to: number): Promise<string | null> {
  if (!cfg.cpuProf) return null
  const file = latestProfile(join(dir, `prof-${server.port}`))
  if (!file) return null
  const text = summarize(file, 25, { from, to, endEpoch: stoppedAt })
  console.log(text)
  return file
}

// ---------------------------------------------------------------- saturation


async function saturation(target: 'baseline' | 'openday', clients: number, run: number, rate = cfg.rate, duration = cfg.duration): Promise<SatResult> {
  log(`${rate === cfg.rate ? 'saturation' : 'floor'}: ${target}, ${clients} viewers, ${rate} entries/s`)
  const idleBefore = cfg.quietWait ? await waitQuiet(cfg.quietBusy, cfg.quietWait, log) : NaN
  const p = nextPort()
  const server = target === 'baseline'
    ? await startBaseline(p, dir)
    : await startOpenDay({ port: p, dbUrl: `file:${join(dir, `fanout-${p}.db`)}`, dir, env: { FRAME_INTERVAL_MS: '10' }, cpuProfDir: cfg.cpuProf ? join(dir, `prof-${p}`) : undefined })
  const fleet = Fleet.start(cfg.workers, cfg.clientNice)
  const sampler = new ProcSampler({ server: server.pid, clients: fleet.pids, bench: process.pid }).start()
  try {
    const conn = await connectViewers(fleet, server.url, clients)
    const cookie = target === 'openday' ? await login(server.url, 'host') : undefined
    const host = await connect(server.url, { cookie })
    okData(await send(host, 'session:join', { sessionId: SESSION }), 'host join')
    const warm = new Hist()
    await postAt(host, rate, cfg.warmup, `w${run}x`, warm)
    await sleep(1000)
    await fleet.all({ op: 'reset' })
    const hostAck = new Hist()
    const t0 = Date.now()
    const posted = await postAt(host, rate, duration, `m${run}x`, hostAck)
    const t1 = Date.now()
    const tags = posted.filter((x) => x.ok).map((x) => x.tag)
    const postErrors: Record<string, number> = {}
    for (const x of posted) if (!x.ok) postErrors[x.code!] = (postErrors[x.code!] ?? 0) + 1
    const m = await drain(fleet, tags, conn.joined, cfg.maxDrain)
    const got = tags.reduce((a, t) => a + (m.receipts.get(t) ?? 0), 0)
    const w = sampler.window('server', t0 + 1000, t1)
    const c = sampler.window('clients', t0 + 1000, t1)
    const other = sampler.other(t0 + 1000, t1)
    const r: SatResult = {
      target, clients, joined: conn.joined, posted: tags.length, postErrors,
      deliveriesPerS: perSecond(m.timeline, t0 + 1000, t1, 1),
      framesPerS: perSecond(m.timeline, t0 + 1000, t1, 0),
      reach: tags.length && conn.joined ? got / (tags.length * conn.joined) : NaN,
      lat: m.all.summary(), first: m.first.summary(), hostAck: hostAck.summary(),
      cpu: w.cpuMean, cpuMax: w.cpuMax, rss: w.rssMax, clientCpu: c.cpuMean, machine: w.machineMean, other, idleBefore,
      disconnects: m.disconnects, loopDelay: m.loopDelayP99Max, serverLoop: loopStats(server.probe, t0 + 1000, t1),
    }
    saveJson(`${rate === cfg.rate ? 'saturation' : 'floor'}-${target}-${clients}`, r)
    log(`  ${int(r.deliveriesPerS)} deliveries/s (${int(r.framesPerS)} frames/s), reach ${pct(r.reach * 100, 2)}, latency p50 ${ms(r.lat.p50)} p95 ${ms(r.lat.p95)} p99 ${ms(r.lat.p99)} ms, server CPU ${pct(r.cpu, 0)} RSS ${int(r.rss)} MB, clients CPU ${pct(r.clientCpu, 0)}, other processes ${pct(r.other, 0)}, client loop delay p99 ${ms(r.loopDelay)} ms, server loop delay p99 ${ms(r.serverLoop.p99)} max ${ms(r.serverLoop.max)} ms, utilisation ${pct(r.serverLoop.elu * 100, 0)}`)
    host.close()
    await fleet.close()
    sampler.stop()
    await server.stop()
    if (target === 'openday') await profileOf(server, Date.now(), t0, t1)
    return r
  } catch (err) {
    sampler.stop()
    await fleet.close().catch(() => undefined)
    await server.stop()
    throw err
  }
}

// ---------------------------------------------------------------- realistic


async function realistic(): Promise<RealResult> {
  log(`realistic: ${cfg.viewers} viewers (${cfg.voters} of them voting ${cfg.votes}/s), a question every ${cfg.questionEvery} s, an entry every ${cfg.transcriptEvery} s, ${cfg.realisticDuration} s`)
  const idleBefore = cfg.quietWait ? await waitQuiet(cfg.quietBusy, cfg.quietWait, log) : NaN
  const p = nextPort()
  const env: Record<string, string> = {}
  if (cfg.frameMs) env.FRAME_INTERVAL_MS = cfg.frameMs
  if (cfg.frameChunk) env.FRAME_CHUNK = cfg.frameChunk
  if (cfg.tallyMs) env.TALLY_INTERVAL_MS = cfg.tallyMs
  const server = await startOpenDay({ port: p, dbUrl: `file:${join(dir, `realistic-${p}.db`)}`, dir, env, cpuProfDir: cfg.cpuProf ? join(dir, `prof-${p}`) : undefined })
  // One more process for the voters when there are many viewers: they do the most work per socket.
  const fleet = Fleet.start(cfg.workers, cfg.clientNice)
  const sampler = new ProcSampler({ server: server.pid, clients: fleet.pids, bench: process.pid }).start()
  const cmdErr: Record<string, number> = {}
  const countErr = (what: string, r: Ack) => { if (!r.ok) cmdErr[`${what}: ${r.code}`] = (cmdErr[`${what}: ${r.code}`] ?? 0) + 1 }
  try {
    const conn = await connectViewers(fleet, server.url, cfg.viewers, cfg.voters)
    const [hostCookie, modCookie] = [await login(server.url, 'host'), await login(server.url, 'moderator')]
    const host = await connect(server.url, { cookie: hostCookie })
    const mod = await connect(server.url, { cookie: modCookie })
    const asker = await connect(server.url, { citizenToken: await citizenToken(server.url) })
    for (const s of [host, mod, asker]) okData(await send(s, 'session:join', { sessionId: SESSION }), 'staff join')
    // Make sure enough questions are public before votes start, then settle.
    await sleep(2000)
    await fleet.all({ op: 'reset' })
    const postAck = new Hist(), submitAck = new Hist(), approveAck = new Hist()
    const tTags: string[] = [], qTags: string[] = []
    const pending: Promise<void>[] = []
    const text = sampleText(cfg.body)
    const t0 = Date.now()
    const end = t0 + cfg.realisticDuration * 1000
    const voteRate = split(cfg.votes, fleet.size)
    await fleet.all((i) => ({ op: 'vote-start', ratePerSec: voteRate[i]! }))

    const transcriptLoop = (async () => {
      for (let i = 0; Date.now() < end; i++) {
        const due = t0 + i * cfg.transcriptEvery * 1000
        if (due > Date.now()) await sleep(due - Date.now())
        if (Date.now() >= end) break
        const tag = `rt${i}`
        const sent = now()
        pending.push(send(host, 'transcript:post', { sessionId: SESSION, clientId: randomUUID(), speaker: i % 2 ? 'guest' : 'host', speakerName: i % 2 ? '王建国' : '李明', body: stampBody(text, tag, sent) }).then((r) => {
          postAck.record(now() - sent)
          if (r.ok) tTags.push(tag)
          countErr('transcript:post', r)
        }))
      }
    })()
    const questionLoop = (async () => {
      // Offset by half a period so questions and entries do not always share a frame.
      for (let i = 0; Date.now() < end; i++) {
        const due = t0 + (i + 0.5) * cfg.questionEvery * 1000
        if (due > Date.now()) await sleep(due - Date.now())
        if (Date.now() >= end) break
        const tag = `rq${i}`
        pending.push((async () => {
          const s0 = now()
          const r = await send<{ id: string }>(asker, 'question:submit', { sessionId: SESSION, clientId: randomUUID(), nickname: '热心市民', body: `${text.slice(0, 60)}？` })
          submitAck.record(now() - s0)
          countErr('question:submit', r)
          if (!r.ok) return
          // The moderator reads it for a moment, then approves it with a light edit: the edited
          // body carries the send time of the approval, which is what viewers measure against.
          await sleep(300)
          const sent = now()
          const a = await send(mod, 'question:approve', { questionId: r.data.id, body: stampBody(`${text.slice(0, 60)}？`, tag, sent) })
          approveAck.record(now() - sent)
          countErr('question:approve', a)
          if (a.ok) qTags.push(tag)
        })())
      }
    })()
    await Promise.all([transcriptLoop, questionLoop])
    await fleet.all({ op: 'vote-stop' })
    const t1 = Date.now()
    await Promise.all(pending)
    const m = await drain(fleet, [...tTags, ...qTags], conn.joined, Math.max(5, cfg.maxDrain / 2))
    const got = (tags: string[]) => tags.reduce((a, t) => a + (m.receipts.get(t) ?? 0), 0)
    const w = sampler.window('server', t0 + 1000, t1)
    const c = sampler.window('clients', t0 + 1000, t1)
    const seconds = (t1 - t0) / 1000
    const r: RealResult = {
      viewers: cfg.viewers, joined: conn.joined, connectS: conn.ms / 1000, seconds,
      transcripts: tTags.length, questions: qTags.length,
      latTranscript: (m.latency.get('transcript:posted') ?? new Hist()).summary(),
      latQuestion: (m.latency.get('question:approved') ?? new Hist()).summary(),
      latAll: m.all.summary(),
      latFirst: m.first.summary(),
      reachTranscript: got(tTags) / (tTags.length * conn.joined),
      reachQuestion: got(qTags) / (qTags.length * conn.joined),
      framesPerViewerS: perSecond(m.timeline, t0 + 1000, t1, 0) / conn.joined,
      viewersOnlyShare: m.viewersOnly / m.frames, voteShare: m.voteFrames / m.frames,
      votesOkPerS: m.votesOk / seconds, votesSent: m.votesSent, voteCodes: m.voteCodes, votesStarved: m.votesStarved,
      voteAck: m.voteAck.summary(), voteVisible: m.voteVisible.summary(),
      postAck: postAck.summary(), submitAck: submitAck.summary(), approveAck: approveAck.summary(), commandErrors: cmdErr,
      cpu: w.cpuMean, cpuMax: w.cpuMax, rss: w.rssMax, rssEnd: w.rssEnd, clientCpu: c.cpuMean, machine: w.machineMean, other: sampler.other(t0 + 1000, t1), idleBefore,
      disconnects: m.disconnects, disconnectReasons: m.disconnectReasons, loopDelay: m.loopDelayP99Max, serverLoop: loopStats(server.probe, t0 + 1000, t1),
      frameMs: cfg.frameMs ?? 'default (100)', tallyMs: cfg.tallyMs ?? 'default (1000)',
    }
    saveJson('realistic', r)
    log(`  latency p50 ${ms(r.latAll.p50)} p95 ${ms(r.latAll.p95)} p99 ${ms(r.latAll.p99)} ms; reach ${pct(r.reachTranscript * 100, 2)} / ${pct(r.reachQuestion * 100, 2)}; ${fix(r.framesPerViewerS)} frames/s per viewer; ${fix(r.votesOkPerS, 0)} votes/s (ack p99 ${ms(r.voteAck.p99)} ms, visible p95 ${ms(r.voteVisible.p95)} ms); server CPU ${pct(r.cpu, 0)} (max ${pct(r.cpuMax, 0)}), RSS ${int(r.rss)} MB, server loop utilisation ${pct(r.serverLoop.elu * 100, 0)} delay max ${ms(r.serverLoop.max)} ms; other processes ${pct(r.other, 0)}; ${r.disconnects} disconnects`)
    for (const s of [host, mod, asker]) s.close()
    await fleet.close()
    sampler.stop()
    await server.stop()
    await profileOf(server, Date.now(), t0, t1)
    return r
  } catch (err) {
    sampler.stop()
    await fleet.close().catch(() => undefined)
    await server.stop()
    throw err
  }
}

// ---------------------------------------------------------------- report

const cmdLine = `npx tsx bench/fanout.ts ${process.argv.slice(2).join(' ')}`.trim()

async function main() {
  log(`fan-out benchmark${quick ? ' (quick)' : ''}; files in ${dir}`)
  const only = f.only as string | undefined
  if (!only || only === 'saturation') {
    const rs: SatResult[] = []
    const targets = String(f.targets ?? 'baseline,openday').split(',').map((t) => t.trim()) as ('baseline' | 'openday')[]
    let run = 0
    for (const n of cfg.clients) {
      for (const target of targets) {
        rs.push(await saturation(target, n, run++))
        await sleep(1000)
      }
    }
    const text = satSection(rs, cfg, cmdLine)
    console.log(`\n${text}`)
    if (write) writeSection('fanout-saturation', text)
  }
  if (!only || only === 'realistic') {
    const floor = cfg.floorRate > 0 ? await saturation('baseline', cfg.viewers, 99, cfg.floorRate, cfg.floorDuration) : null
    const text = realSection(await realistic(), floor, cfg, cmdLine)
    console.log(`\n${text}`)
    if (write) writeSection('fanout-realistic', text)
  }
  if (write) log('BENCHMARKS.md updated')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
