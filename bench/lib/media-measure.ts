// One measurement window of the media benchmark: mediasoup consumer counters and the producer's
// at both edges, the viewers' own counts over the window, CPU of every process each second, and
// the kernel's UDP drop counters. Everything is reduced to one Measured record (media-report.ts
// prints it).
import type { MediaProducer, MediaWorker } from '@openday/media'
import type { Audience, SendCounters } from './media-audience.ts'
import { producerCounters } from './media-feed.ts'
import type { ViewerFleet } from './media-fleet.ts'
import type { KindWindow, ViewerProcessReport } from './media-protocol.ts'
import { LOOP_RESOLUTION_MS } from './media-viewer-common.ts'
import { udpCounters, udpDropsByPid } from './media-udp.ts'
import type { ProcSampler } from './procstat.ts'
import { sleep } from './stamp.ts'

/**
 * Consumers whose counters are read per window, spread over the audience. They all forward the one
 * stream, so a sample gives the per-consumer figures; reading every consumer of a worker at its
 * ceiling takes minutes (each request waits behind the media) and perturbs the worker.
 */
export const COUNTER_SAMPLE = 200

export interface WorkerFigures {
  index: number
  pid: number
  /** Viewers whose transport this worker's router holds. */
  viewers: number
  /** Consumers on the worker (mediasoup's count: includes pipe consumers feeding other workers). */
  consumers: number
  receiving: number
  cpuMean: number
  cpuMax: number
  rssMb: number
  loss: number
}

export interface Measured {
  seconds: number
  viewers: number
  /** mediasoup side: transports connected (werift: DTLS finished; SRTP: connect() done). */
  connected: number
  /** Viewers that got at least half the packets the producer sent during the window. */
  receiving: number
  /** Receiving, but nothing in the window's last 2 s: their process had stalled (media late, not lost). */
  stalled: number
  /** Receiving, and lost ≤ 1 % (distinct sequence numbers ÷ span). */
  clean: number
  producerKbps: number
  producerPps: number
  rxKbps: { median: number; p5: number; mean: number }
  fps: { median: number; p5: number }
  /** Viewer side: 1 − distinct/expected sequence numbers (after NACK/RTX), and holes on arrival. */
  lossAfter: number
  lossOnArrival: number
  /**
   * mediasoup side, from the viewers' receiver reports: packetsLost ÷ packets sent, window deltas.
   * SRTP viewers send no RTCP: this and the score stay at mediasoup's defaults and mean nothing.
   */
  msLoss: number
  msRetransmitted: number
  msNacks: number
  msSentKbps: number
  /** Packets per second: sent by all consumers together, any kind (mediasoup); video received by all viewers (distinct). */
  msSentPps: number
  rxPps: number
  scoreMean: number
  scoreMin: number
  connectMs: { p50: number; p95: number }
  firstRtpMs: { p50: number; p95: number }
  workers: WorkerFigures[]
  viewerCpu: number
  viewerCpuMaxProc: number
  viewerLoopP99: number
  viewerLoopMax: number
  viewerRssMb: number
  ffmpegCpu: number
  benchCpu: number
  otherCpu: number
  machineBusy: number
  udpRcvbufErrors: number
  udpInErrors: number
  udpSndbufErrors: number
  /** Of those, dropped at the viewer processes' own sockets, and at the mediasoup workers' (absent in older results). */
  udpDropsViewers?: number
  udpDropsWorkers?: number
  /** Viewers whose consumer counters were read (the mediasoup-side figures come from them). */
  countersSampled?: number
  /** Why the load generator counts as saturated (empty: it was not). */
  generatorSaturated: string[]
  /** The machine was (nearly) fully busy: every process, the workers included, competed for CPU. */
  machineContended: boolean
  /** Viewers not receiving, counted by their state: the viewer's own (werift's connectionState, SRTP socket), and mediasoup's. */
  notReceiving: { viewers: Record<string, number>; mediasoup: Record<string, number> }
}

/** What a window's raw data looks like on disk (one file per step). */
export interface RawWindow {
  reports: ViewerProcessReport[]
  before: [number, Record<string, SendCounters>][]
  after: [number, Record<string, SendCounters>][]
  placement: [number, number][]
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)

export interface MeasureContext {
  audience: Audience
  fleet: ViewerFleet
  video: MediaProducer
  workers: MediaWorker[]
  workerStats: () => { pid: number; consumers: number }[]
  sampler: ProcSampler
  ffmpegPid: number
}

export async function measure(ctx: MeasureContext, seconds: number, raw?: (w: RawWindow) => void): Promise<Measured> {
  const { audience, fleet, sampler } = ctx
  const stride = Math.max(1, audience.viewers.length / COUNTER_SAMPLE)
  const sample = [...new Set(Array.from({ length: Math.min(COUNTER_SAMPLE, audience.viewers.length) }, (_, i) => audience.viewers[Math.floor(i * stride)]!.id))]
  const scale = sample.length ? audience.viewers.length / sample.length : NaN
  const dropPids = [...fleet.pids, ...ctx.workers.map((w) => w.pid)]
  // Each consumer's counters are read at its own moment; the middle of the sweep stands for all.
  const tc0a = Date.now()
  const c0 = await audience.counters(sample)
  const tc0 = (tc0a + Date.now()) / 2
  // A busy worker answers late: the middle of the request stands for when it read the counters.
  const tp0a = Date.now()
  const p0 = await producerCounters(ctx.video)
  const tp0 = (tp0a + Date.now()) / 2
  const u0 = udpCounters()
  const d0 = udpDropsByPid(dropPids)
  await fleet.mark()
  const t0 = Date.now()
  await sleep(seconds * 1000)
  const reports: ViewerProcessReport[] = await fleet.report()
  const t1 = Date.now()
  const u1 = udpCounters()
  const d1 = udpDropsByPid(dropPids)
  const tp1a = Date.now()
  const p1 = await producerCounters(ctx.video)
  const tp1 = (tp1a + Date.now()) / 2
  const tc1a = Date.now()
  const c1 = await audience.counters(sample)
  const tc1 = (tc1a + Date.now()) / 2
  const sentWindow = (tc1 - tc0) / 1000
  const window = (t1 - t0) / 1000
  raw?.({ reports, before: [...c0], after: [...c1], placement: audience.viewers.map((v) => [v.id, v.workerPid]) })

  // Over the producer's own sampling interval (the viewer windows are read at slightly different times).
  const producerPps = (p1.packets - p0.packets) / ((tp1 - tp0) / 1000)
  const byViewer = new Map(reports.flatMap((r) => r.viewers.map((v) => [v.viewer, { v, to: r.to, from: r.from }] as const)))
  let distinct = 0, expected = 0, gaps = 0
  const kbps: number[] = [], fps: number[] = [], connect: number[] = [], firstRtp: number[] = []
  const isReceiving = new Set<number>()
  const pidOf = new Map(audience.viewers.map((v) => [v.id, v.workerPid]))
  const lossBy = new Map<number, [number, number]>()
  let clean = 0, stalled = 0
  for (const { v, from, to } of byViewer.values()) {
    if (v.connectMs >= 0) connect.push(v.connectMs)
    if (v.firstRtpMs >= 0) firstRtp.push(v.firstRtpMs)
    const k: KindWindow | undefined = v.kinds.video
    const secs = (to - from) / 1000
    if (!k || k.packets === 0) { kbps.push(0); fps.push(0); continue }
    distinct += k.packets; expected += k.expected; gaps += k.gaps
    const pid = pidOf.get(v.viewer) ?? -1
    const cur = lossBy.get(pid) ?? [0, 0]
    lossBy.set(pid, [cur[0] + k.packets, cur[1] + k.expected])
    kbps.push((k.bytes * 8) / secs / 1000)
    fps.push(k.frames / secs)
    // Media flowed for most of the window (a viewer process that stalled just before the report
    // still has the last packets in its socket buffer: late, not lost).
    if (k.packets >= 0.5 * producerPps * secs) {
      isReceiving.add(v.viewer)
      if (k.lastAt < to - 2000) stalled++
      if (k.packets >= 0.99 * k.expected) clean++
    }
  }

  let sentBytes = 0, sentPackets = 0, lost = 0, retrans = 0, nacks = 0
  // Every kind (video, and audio with --audio): what the worker's CPU pays for.
  let allPackets = 0
  const scores: number[] = []
  for (const id of sample) {
    for (const [kind, b] of Object.entries(c1.get(id) ?? {})) allPackets += b.packets - (c0.get(id)?.[kind]?.packets ?? b.packets)
    const a = c0.get(id)?.video, b: SendCounters | undefined = c1.get(id)?.video
    if (!b) continue
    scores.push(b.score)
    if (!a) continue
    sentBytes += b.bytes - a.bytes; sentPackets += b.packets - a.packets
    lost += b.lost - a.lost; retrans += b.retransmitted - a.retransmitted; nacks += b.nacks - a.nacks
  }

  const from = t0 + 1000
  const perWorker = audience.perWorker()
  const counts = new Map(ctx.workerStats().map((w) => [w.pid, w.consumers]))
  const workers: WorkerFigures[] = ctx.workers.map((w) => {
    const win = sampler.window(`worker${w.index}`, from, t1)
    const placed = perWorker.get(w.pid) ?? []
    const [d, e] = lossBy.get(w.pid) ?? [0, 0]
    return {
      index: w.index, pid: w.pid, viewers: placed.length, consumers: counts.get(w.pid) ?? 0,
      receiving: placed.filter((v) => isReceiving.has(v.id)).length,
      cpuMean: win.cpuMean, cpuMax: win.cpuMax, rssMb: win.rssMax, loss: e ? 1 - d / e : NaN,
    }
  })
  const procCpu = fleet.pids.map((_, i) => sampler.window(`viewers${i}`, from, t1))
  const viewerCpu = procCpu.reduce((a, w) => a + (Number.isFinite(w.cpuMean) ? w.cpuMean : 0), 0)
  const viewerCpuMaxProc = Math.max(...procCpu.map((w) => w.cpuMean))
  const loopP99 = Math.max(0, ...reports.map((r) => r.loopP99 - LOOP_RESOLUTION_MS))
  const loopMax = Math.max(0, ...reports.map((r) => r.loopMax - LOOP_RESOLUTION_MS))
  const machineBusy = sampler.window('bench', from, t1).machineMean
  const rcvbuf = (u1.RcvbufErrors ?? 0) - (u0.RcvbufErrors ?? 0)
  const dropped = d1.map((d, i) => d - d0[i]!)
  const viewerDrops = dropped.slice(0, fleet.pids.length).reduce((a, b) => a + b, 0)
  const workerDrops = dropped.slice(fleet.pids.length).reduce((a, b) => a + b, 0)

  const silent = audience.viewers.filter((v) => !isReceiving.has(v.id))
  const viewerStates: Record<string, number> = {}
  for (const v of silent) {
    const st = byViewer.get(v.id)?.v.state ?? 'no report'
    viewerStates[st] = (viewerStates[st] ?? 0) + 1
  }
  const notReceiving = { viewers: viewerStates, mediasoup: await audience.transportStates(silent.map((v) => v.id)) }

  const saturated: string[] = []
  if (viewerCpuMaxProc >= 85) saturated.push(`a viewer process at ${viewerCpuMaxProc.toFixed(0)} % of a core`)
  if (loopP99 > 100) saturated.push(`viewer event-loop delay p99 ${loopP99.toFixed(0)} ms`)
  // Drops at the workers' sockets (the feed) are the worker's, not the generator's.
  if (viewerDrops > 0 && gaps > 0.001 * expected) saturated.push(`${viewerDrops} UDP datagrams dropped by the kernel at the viewers' sockets (receive buffers full)`)

  return {
    seconds: window,
    viewers: audience.viewers.length,
    connected: audience.viewers.filter((v) => v.state === 'connected').length,
    receiving: isReceiving.size,
    stalled,
    clean,
    producerKbps: ((p1.bytes - p0.bytes) * 8) / ((tp1 - tp0) / 1000) / 1000,
    producerPps,
    rxKbps: { median: quantile(kbps, 0.5), p5: quantile(kbps, 0.05), mean: mean(kbps) },
    fps: { median: quantile(fps, 0.5), p5: quantile(fps, 0.05) },
    lossAfter: expected ? 1 - distinct / expected : NaN,
    lossOnArrival: expected ? gaps / expected : NaN,
    msLoss: sentPackets ? lost / sentPackets : NaN,
    msRetransmitted: retrans * scale,
    msNacks: nacks * scale,
    msSentKbps: sample.length ? (sentBytes * 8) / sentWindow / 1000 / sample.length : NaN,
    msSentPps: (allPackets * scale) / sentWindow,
    rxPps: distinct / window,
    scoreMean: mean(scores),
    scoreMin: scores.length ? Math.min(...scores) : NaN,
    connectMs: { p50: quantile(connect, 0.5), p95: quantile(connect, 0.95) },
    firstRtpMs: { p50: quantile(firstRtp, 0.5), p95: quantile(firstRtp, 0.95) },
    workers,
    viewerCpu,
    viewerCpuMaxProc,
    viewerLoopP99: loopP99,
    viewerLoopMax: loopMax,
    viewerRssMb: reports.reduce((a, r) => a + r.rssMb, 0),
    ffmpegCpu: sampler.window('ffmpeg', from, t1).cpuMean,
    benchCpu: sampler.window('bench', from, t1).cpuMean,
    otherCpu: sampler.other(from, t1),
    machineBusy,
    udpRcvbufErrors: rcvbuf,
    udpInErrors: (u1.InErrors ?? 0) - (u0.InErrors ?? 0),
    udpSndbufErrors: (u1.SndbufErrors ?? 0) - (u0.SndbufErrors ?? 0),
    udpDropsViewers: viewerDrops,
    udpDropsWorkers: workerDrops,
    countersSampled: sample.length,
    generatorSaturated: saturated,
    machineContended: machineBusy >= 90,
    notReceiving,
  }
}
