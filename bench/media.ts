// Media benchmark: how many video consumers one mediasoup worker serves, and one session's audience
// spread over two workers through pipeToRouter. Drives @openday/media directly (no HTTP server;
// signalling in-process); ffmpeg publishes a test pattern. Two kinds of viewer, in several child
// processes: werift RTCPeerConnections (real WebRTC clients, but each costs several times its
// consumer, so they saturate 2 cores first) and SRTP sockets (a PlainTransport with SRTP per viewer,
// counted from the clear RTP header: cheap enough to measure the worker's own limit). See
// bench/README.md; `npx tsx bench/media.ts --help`.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, setPriority } from 'node:os'
import { join, resolve } from 'node:path'
import { MediaHost, type mediasoupTypes } from '@openday/media'
import { flags, list, num, outputFlags, writes } from './lib/args.ts'
import { Audience, webRtcSignalling } from './lib/media-audience.ts'
import { startFeed, type FeedOptions } from './lib/media-feed.ts'
import { ViewerFleet } from './lib/media-fleet.ts'
import { measure } from './lib/media-measure.ts'
import { DEFAULT_SRTP_SUITE, SRTP_SUITES, VIEWER_KINDS, type ViewerKind } from './lib/media-protocol.ts'
import { cpuModel, KIND_SHORT, modelMeasured, profileLine, section, stepLine, workerServedAll, type ReportInput, type StepResult } from './lib/media-report.ts'
import { viewerRtpCapabilities } from './lib/media-sdp.ts'
import { SrtpShim, SrtpSignalling } from './lib/media-srtp-signal.ts'
import { ProcSampler, waitQuiet } from './lib/procstat.ts'
import { latestProfile, summarize } from './lib/profile.ts'
import { rerendered, writeSection } from './lib/report.ts'
import { ROOT, runDir } from './lib/servers.ts'
import { sleep } from './lib/stamp.ts'

const f = flags('npx tsx bench/media.ts [flags]   video consumers per mediasoup worker; one session over two workers', {
  ...outputFlags('smoke run (~3 min: 20 werift viewers, 50 SRTP viewers, 40 of each over two workers)'),
  only: { type: 'string', help: 'per-worker | session (default: both)' },
  viewer: { type: 'string', help: 'werift (WebRTC clients) | srtp (PlainTransport + SRTP, UDP sockets); default: both, werift first' },
  steps: { type: 'string', help: 'one-worker run, werift viewers: viewer counts, comma separated', default: '50,100,250,500; quick 10,20' },
  'srtp-steps': { type: 'string', help: 'one-worker run, SRTP viewers: viewer counts, comma separated', default: '250,500,750,1000; quick 50' },
  'srtp-suite': { type: 'string', help: `SRTP viewers' crypto suite: ${Object.keys(SRTP_SUITES).join(' | ')} (over DTLS mediasoup prefers AEAD_AES_256_GCM, then AEAD_AES_128_GCM)`, default: DEFAULT_SRTP_SUITE },
  'srtp-rcvbuf': { type: 'string', help: 'SO_RCVBUF asked for each SRTP viewer socket, KiB (capped by net.core.rmem_max)', default: '1024' },
  'session-viewers': { type: 'string', help: 'session run (each kind): viewer counts on two workers, comma separated', default: '1000; quick 40' },
  'session-workers': { type: 'string', help: 'session run: mediasoup workers', default: '2' },
  'session-max': { type: 'string', help: 'session run: maxConsumersPerRouter (viewers beyond it spill to the next worker)', default: '500; quick 20' },
  fallback: { type: 'string', help: 'session run: lighter feeds to retry with, in order, while reach < 99 % or loss > 1 %: WxH@fps:kbps,… or "none"', default: '320x180@15:150,320x180@10:80,160x90@5:40' },
  size: { type: 'string', help: 'video size', default: '640x360' },
  fps: { type: 'string', help: 'video frame rate', default: '25' },
  kbps: { type: 'string', help: 'video bitrate (CBR)', default: '500' },
  'key-seconds': { type: 'string', help: 'key frame interval', default: '2' },
  audio: { type: 'boolean', help: 'also publish Opus; every viewer then consumes audio and video (2 consumers; loss/bitrate figures stay video-only, CPU per consumer mixes both)' },
  'no-nack': { type: 'boolean', help: 'consumers without NACK/RTX at all (mediasoup keeps no retransmission state)' },
  'viewer-nack': { type: 'boolean', help: 'let werift send NACKs (off by default: its 5 ms NACK timer per receiver collapses the generator under load)' },
  procs: { type: 'string', help: 'viewer processes (each kind)', default: '4; quick 2' },
  'viewer-nice': { type: 'string', help: 'nice of the viewer processes (the mediasoup workers keep 0)', default: '10' },
  batch: { type: 'string', help: 'viewers joined concurrently', default: '40' },
  duration: { type: 'string', help: 'seconds measured per step', default: '20; quick 8' },
  settle: { type: 'string', help: 'seconds between the last join and the window (first key frame)', default: '5; quick 4' },
  ports: { type: 'string', help: 'mediasoup RTC port range', default: '20000-29999' },
  'quiet-wait': { type: 'string', help: 'seconds to wait for the shared machine to be idle before each run', default: '60; quick 0' },
  'quiet-busy': { type: 'string', help: 'machine busy % (all cores) counted as idle enough', default: '25' },
  from: { type: 'string', help: 'no run: render the section again from a run directory\'s results.json (report code changed)' },
  'cpu-prof': { type: 'boolean', help: 'CPU-profile the viewer processes and print the busiest one\'s top functions' },
})

const quick = Boolean(f.quick)
const Q = <T,>(full: T, q: T): T => (quick ? q : full)
const [minPort, maxPort] = String(f.ports ?? '20000-29999').split('-').map(Number) as [number, number]
if (f.viewer !== undefined && !VIEWER_KINDS.includes(f.viewer as ViewerKind)) throw new Error(`--viewer ${String(f.viewer)}: want ${VIEWER_KINDS.join(' or ')}`)
if (f['srtp-suite'] !== undefined && !(String(f['srtp-suite']) in SRTP_SUITES)) throw new Error(`--srtp-suite ${String(f['srtp-suite'])}: want one of ${Object.keys(SRTP_SUITES).join(', ')}`)
const cfg = {
  only: typeof f.only === 'string' ? f.only : undefined,
  viewers: f.viewer ? [f.viewer as ViewerKind] : [...VIEWER_KINDS],
  steps: list(f.steps, Q([50, 100, 250, 500], [10, 20])),
  srtpSteps: list(f['srtp-steps'], Q([250, 500, 750, 1000], [50])),
  srtpRecvBuffer: num(f['srtp-rcvbuf'], 1024) * 1024,
  srtpSuite: String(f['srtp-suite'] ?? DEFAULT_SRTP_SUITE) as mediasoupTypes.SrtpCryptoSuite,
  sessionViewers: list(f['session-viewers'], Q([1000], [40])),
  sessionWorkers: num(f['session-workers'], 2),
  sessionMax: num(f['session-max'], Q(500, 20)),
  fallback: f.fallback === 'none' ? [] : String(f.fallback ?? '320x180@15:150,320x180@10:80,160x90@5:40').split(','),
  profile: {
    size: String(f.size ?? '640x360'), fps: num(f.fps, 25), kbps: num(f.kbps, 500),
    audio: Boolean(f.audio), keySeconds: num(f['key-seconds'], 2),
  } satisfies FeedOptions,
  nack: !f['no-nack'],
  viewerNack: Boolean(f['viewer-nack']) && !f['no-nack'],
  procs: num(f.procs, Q(4, 2)),
  viewerNice: num(f['viewer-nice'], 10),
  batch: num(f.batch, 40),
  duration: num(f.duration, Q(20, 8)),
  settle: num(f.settle, Q(5, 4)),
  quietWait: num(f['quiet-wait'], Q(60, 0)),
  quietBusy: num(f['quiet-busy'], 25),
}
const write = writes(f)
const dir = typeof f.from === 'string' ? resolve(f.from) : runDir('media')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

function parseProfile(s: string, base: FeedOptions): FeedOptions {
  const m = /^(\d+x\d+)@(\d+):(\d+)$/.exec(s)
  if (!m) throw new Error(`bad profile ${s} (want WxH@fps:kbps)`)
  return { ...base, size: m[1]!, fps: Number(m[2]), kbps: Number(m[3]) }
}

interface Scenario {
  name: 'per-worker' | 'session'
  viewer: ViewerKind
  workers: number
  maxConsumersPerRouter: number
  profile: FeedOptions
  steps: number[]
}

/** SO_RCVBUF the SRTP viewers' sockets got, for the report. */
let srtpRecvBuffer: number | undefined

/** One MediaHost, one feed, one viewer fleet; viewers added step by step, each step measured. */
async function run(sc: Scenario): Promise<StepResult[]> {
  log(`${sc.name}, ${KIND_SHORT[sc.viewer]}: ${sc.workers} worker(s), maxConsumersPerRouter ${sc.maxConsumersPerRouter}, ${profileLine(sc.profile)}; steps ${sc.steps.join(', ')}`)
  if (cfg.quietWait) await waitQuiet(cfg.quietBusy, cfg.quietWait, log)
  const tag = `${sc.viewer}-${sc.name}-${sc.profile.kbps}k`
  // Before the workers exist: the shim wraps their routers as they are created.
  const shim = sc.viewer === 'srtp' ? SrtpShim.install(cfg.srtpSuite) : undefined
  let host: MediaHost
  try {
    host = await MediaHost.create({
      workers: sc.workers, rtcMinPort: minPort, rtcMaxPort: maxPort, enableTcp: false,
      maxConsumersPerRouter: sc.maxConsumersPerRouter, logLevel: 'warn',
    })
  } catch (error) {
    shim?.uninstall()
    throw error
  }
  const signalling = shim ? new SrtpSignalling(shim, cfg.srtpRecvBuffer) : webRtcSignalling(cfg.viewerNack)
  const out: StepResult[] = []
  let fleet: ViewerFleet | undefined
  let audience: Audience | undefined
  let sampler: ProcSampler | undefined
  let stopFeed = () => {}
  try {
    const session = await host.session(`bench-${sc.name}`)
    const feed = await startFeed(session, sc.profile, join(dir, `ffmpeg-${tag}.log`))
    stopFeed = feed.stop
    fleet = ViewerFleet.start(sc.viewer, cfg.procs, f['cpu-prof'] ? join(dir, `prof-${tag}`) : undefined)
    for (const pid of fleet.pids) setPriority(pid, cfg.viewerNice)
    const workers = host.pool.workers
    sampler = new ProcSampler({
      ...Object.fromEntries(workers.map((w) => [`worker${w.index}`, w.pid])),
      ...Object.fromEntries(fleet.pids.map((pid, i) => [`viewers${i}`, pid])),
      ffmpeg: feed.ffmpeg.pid!, bench: process.pid,
    }).start()
    const producers = feed.audio ? [feed.video, feed.audio] : [feed.video]
    audience = new Audience(session, fleet, producers, viewerRtpCapabilities(cfg.nack), signalling)
    await sleep(2000)
    for (const target of sc.steps) {
      const joined = await audience.grow(target, cfg.batch)
      const settled = await audience.settle(30_000)
      log(`  joined ${joined.added} in ${joined.seconds.toFixed(1)} s (${joined.failed} failed); ${sc.viewer === 'werift' ? 'DTLS' : 'SRTP transports'} connected ${settled.connected}, pending ${settled.pending}, failed ${settled.failed}`
        + (signalling instanceof SrtpSignalling && signalling.granted ? `; SO_RCVBUF ${Math.round(signalling.granted / 1024)} KiB` : ''))
      if (signalling instanceof SrtpSignalling) srtpRecvBuffer ??= signalling.granted
      await sleep(cfg.settle * 1000)
      const m = await measure({
        audience, fleet, video: feed.video, workers, sampler, ffmpegPid: feed.ffmpeg.pid!,
        workerStats: () => host.pool.stats(),
      }, cfg.duration, (raw) => writeFileSync(join(dir, `window-${tag}-${target}.json`), JSON.stringify(raw)))
      const step: StepResult = { scenario: sc.name, viewer: sc.viewer, profile: sc.profile, workers: sc.workers, maxConsumersPerRouter: sc.maxConsumersPerRouter, target, join: { seconds: joined.seconds, failed: joined.failed }, m }
      out.push(step)
      log(stepLine(step))
      if (m.connected < 0.5 * m.viewers) {
        log('  fewer than half the viewers got connected: larger steps would only measure the collapse; stopping this run')
        break
      }
      // werift steps go on: the generator, not the worker, is what gives out there, and the table shows it.
      if (sc.name === 'per-worker' && sc.viewer === 'srtp' && !workerServedAll(m)) {
        log('  the worker is at its ceiling (or did not send every consumer the full stream): larger steps would only measure a deeper overload; stopping this run')
        break
      }
      // Joining viewers to a worker that is already saturated takes many minutes (each request waits
      // behind the media; seen: > 15 min for 250 joins at ~95 %), so a step whose load would take the
      // worker past a core, going by this step's cost per consumer, is not started.
      const next = sc.steps[sc.steps.indexOf(target) + 1]
      const busiest = Math.max(...m.workers.map((w) => w.cpuMean))
      if (sc.name === 'per-worker' && sc.viewer === 'srtp' && next !== undefined && (busiest * next) / target > 100) {
        log(`  the next step (${next}) would need ~${Math.round((busiest * next) / target)} % of a core by this step's cost: not started`)
        break
      }
    }
  } finally {
    sampler?.stop()
    audience?.close()
    stopFeed()
    await fleet?.close().catch(() => undefined)
    host.close()
    shim?.uninstall()
  }
  return out
}

/** What a run leaves in results.json; enough to render its section again. */
interface Saved {
  startedAt: string
  command?: string
  commit?: string
  dirtyMedia?: boolean
  cfg: typeof cfg
  perWorker: StepResult[]
  session: StepResult[]
  skipped: ReportInput['skipped']
  srtpRecvBuffer?: number
}

/** One kind of viewer: the one-worker steps, then the session over two workers (lighter feeds while it falls short). */
async function measureKind(viewer: ViewerKind, perWorker: StepResult[], session: StepResult[], skipped: Saved['skipped']): Promise<void> {
  const mine = cfg.only === 'session' ? [] : await run({
    name: 'per-worker', viewer, workers: 1, maxConsumersPerRouter: 1e9, profile: cfg.profile, steps: viewer === 'werift' ? cfg.steps : cfg.srtpSteps,
  })
  perWorker.push(...mine)
  const model = cpuModel(mine)
  if (model) log(`${KIND_SHORT[viewer]}: worker CPU ≈ ${model.a.toFixed(1)} % + ${(model.b * 100).toFixed(2)} % per 100 consumers -> ~${Math.round(model.perCore)} consumers per core (${modelMeasured(model, mine) ? 'inside the measured steps' : 'linear extrapolation'}${model.clean ? '' : ', from steps where the worker did not serve every consumer'}); ${model.usPerPacket.toFixed(1)} µs per packet sent`)
  if (cfg.only === 'per-worker') return
  // What one viewer of this kind costs at the main feed, from the largest one-worker step where the generator kept up.
  const calm = mine.filter((s) => !s.m.generatorSaturated.length && s.m.viewers > 0).pop()
  const perViewerCpu = calm ? calm.m.viewerCpu / calm.m.viewers : NaN
  const base: Scenario = { name: 'session', viewer, workers: cfg.sessionWorkers, maxConsumersPerRouter: cfg.sessionMax, profile: cfg.profile, steps: cfg.sessionViewers }
  const lighter = cfg.fallback.map((p) => parseProfile(p.trim(), cfg.profile))
  const runs: StepResult[] = []
  for (const profile of [cfg.profile, ...lighter]) {
    const predictedCpu = perViewerCpu * Math.max(...cfg.sessionViewers)
    if (profile === cfg.profile && lighter.length && predictedCpu > 0.8 * 100 * availableParallelism()) {
      log(`session run with the main feed skipped: ~${predictedCpu.toFixed(0)} % CPU predicted for the ${KIND_SHORT[viewer]} alone (${perViewerCpu.toFixed(2)} % each, measured with ${calm!.m.viewers} viewers)`)
      skipped.push({ viewer, profile, perViewerCpu, predictedCpu })
      continue
    }
    if (profile !== cfg.profile) log(`session run: lighter feed (${profileLine(profile)})`)
    runs.push(...await run({ ...base, profile }))
    const last = runs[runs.length - 1]
    const short = !last || last.m.receiving < 0.99 * last.m.viewers || last.m.lossAfter > 0.01 || last.m.viewers < last.target
    if (!short) break
  }
  session.push(...runs)
}

async function measureAll(): Promise<Saved> {
  const startedAt = new Date().toISOString()
  log(`media benchmark${quick ? ' (quick)' : ''}, ${cfg.viewers.map((k) => KIND_SHORT[k]).join(' then ')}; files in ${dir}`)
  const perWorker: StepResult[] = [], session: StepResult[] = [], skipped: Saved['skipped'] = []
  for (const viewer of cfg.viewers) await measureKind(viewer, perWorker, session, skipped)
  let dirtyMedia = false, commit = 'unknown'
  try {
    dirtyMedia = execFileSync('git', ['status', '--porcelain', '--', 'media'], { cwd: ROOT }).toString().trim() !== ''
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()
  } catch { /* not a checkout */ }
  const command = `npx tsx bench/media.ts ${process.argv.slice(2).join(' ')}`.trim()
  const saved: Saved = { startedAt, command, commit, dirtyMedia, cfg, perWorker, session, skipped, srtpRecvBuffer }
  writeFileSync(join(dir, 'results.json'), JSON.stringify(saved, null, 2))
  if (f['cpu-prof']) {
    for (const sub of readdirSync(dir).filter((d) => d.startsWith('prof-'))) {
      const file = latestProfile(join(dir, sub))
      if (file) console.log(`\n${sub}:\n${summarize(file, 25)}`)
    }
  }
  return saved
}

/** results.json from before SRTP viewers: werift only, and two fields named after DTLS/werift. */
function upgrade(saved: Saved): Saved {
  type Old = { dtlsConnected?: number; notReceiving: { werift?: Record<string, number> } }
  for (const s of [...saved.perWorker, ...saved.session]) {
    s.viewer ??= 'werift'
    const old = s.m as unknown as Old
    s.m.connected ??= old.dtlsConnected ?? 0
    s.m.notReceiving.viewers ??= old.notReceiving.werift ?? {}
  }
  for (const k of saved.skipped ?? []) k.viewer ??= 'werift'
  return saved
}

async function main() {
  const rerender = typeof f.from === 'string'
  const saved: Saved = rerender ? upgrade(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Saved) : await measureAll()
  const c = saved.cfg
  let text = section({
    command: saved.command ?? 'npx tsx bench/media.ts',
    procs: c.procs, viewerNice: c.viewerNice, nack: c.nack, viewerNack: c.viewerNack ?? false, batch: c.batch, duration: c.duration,
    perWorker: saved.perWorker, session: saved.session, dir, dirtyMedia: saved.dirtyMedia ?? false, skipped: saved.skipped ?? [],
    srtpRecvBuffer: saved.srtpRecvBuffer, srtpSuite: c.srtpSuite ?? DEFAULT_SRTP_SUITE,
  })
  if (rerender) text = rerendered(text, saved.startedAt, saved.commit)
  console.log(`\n${text}`)
  if (rerender ? !f['no-write'] : write) {
    writeSection('media', text)
    log('BENCHMARKS.md updated')
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
