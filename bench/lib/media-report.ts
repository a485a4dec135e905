// Results of bench/media.ts: the console lines, the worker CPU model and the BENCHMARKS.md section
// (its assessment in media-assess.ts). Every table and paragraph names its viewer kind: werift
// (real WebRTC clients) or SRTP sockets (lib/media-srtp-viewer.ts).
import { assessment } from './media-assess.ts'
import type { FeedOptions } from './media-feed.ts'
import { COUNTER_SAMPLE, type Measured } from './media-measure.ts'
import { SRTP_SUITES, VIEWER_KINDS, type ViewerKind } from './media-protocol.ts'
import { fix, int, ms, pct, preamble, table } from './report.ts'

export const GOAL_PER_CORE = 500
export const GOAL_SESSION = 1000

export interface StepResult {
  scenario: 'per-worker' | 'session'
  /** Absent in results.json from before SRTP viewers existed: werift. */
  viewer: ViewerKind
  profile: FeedOptions
  workers: number
  maxConsumersPerRouter: number
  target: number
  join: { seconds: number; failed: number }
  m: Measured
}

/** In headings and the assessment. */
export const KIND_TITLE: Record<ViewerKind, string> = {
  werift: 'werift viewers (WebRTC: ICE, DTLS, SRTP, RTCP)',
  srtp: 'SRTP viewers (plain UDP sockets; no ICE, DTLS or RTCP)',
}
/** In table headers and console lines. */
export const KIND_SHORT: Record<ViewerKind, string> = { werift: 'werift viewers', srtp: 'SRTP viewers' }

export const profileLine = (p: FeedOptions) => `VP8 ${p.size} ${p.fps} fps ${p.kbps} kbit/s${p.audio ? ' + Opus 48 kbit/s' : ''}, key frame every ${p.keySeconds} s`

export const reach = (m: Measured) => (m.viewers ? m.receiving / m.viewers : NaN)
export const workersCpu = (m: Measured) => m.workers.reduce((a, w) => a + (Number.isFinite(w.cpuMean) ? w.cpuMean : 0), 0)
/** CPU time per RTP packet: the workers' per packet sent to a consumer, the viewers' per packet received. */
export const usPerSent = (m: Measured) => (m.msSentPps ? (workersCpu(m) * 1e4) / m.msSentPps : NaN)
export const usPerReceived = (m: Measured) => (m.rxPps ? (m.viewerCpu * 1e4) / m.rxPps : NaN)
/** mediasoup sent each consumer (nearly) all the producer's media. */
const workerKeptUp = (m: Measured) => m.msSentKbps >= 0.97 * m.producerKbps
export const delivered = (m: Measured) => reach(m) >= 0.99 && m.lossAfter <= 0.01

export const ofKind = (steps: StepResult[], kind: ViewerKind) => steps.filter((s) => s.viewer === kind)
export const kindsIn = (r: { perWorker: StepResult[]; session: StepResult[] }) =>
  VIEWER_KINDS.filter((k) => r.perWorker.some((s) => s.viewer === k) || r.session.some((s) => s.viewer === k))

/** One console line per measured step. */
export function stepLine(s: StepResult): string {
  const m = s.m
  const rtcp = s.viewer === 'werift' ? `, RR ${pct(m.msLoss * 100, 2)}; score ${fix(m.scoreMean, 1)} (min ${fix(m.scoreMin, 0)})` : ' (no RTCP from SRTP viewers: no RR loss, no score)'
  const w = m.workers.map((x) => `worker ${x.index}: ${x.viewers} viewers, ${x.consumers} consumers, CPU ${pct(x.cpuMean, 0)} (max ${pct(x.cpuMax, 0)})`).join('; ')
  return `  ${int(m.viewers)} ${KIND_SHORT[s.viewer]}: connected ${m.connected}, receiving ${m.receiving} (${pct(reach(m) * 100)}, ${m.stalled} stalled at the end), clean ${m.clean}; `
    + `rx ${fix(m.rxKbps.median, 0)} kbit/s median (p5 ${fix(m.rxKbps.p5, 0)}), ${fix(m.fps.median, 1)} fps; producer ${fix(m.producerKbps, 0)} kbit/s ${fix(m.producerPps, 0)} pkt/s, sent ${fix(m.msSentKbps, 0)} per consumer; `
    + `loss ${pct(m.lossAfter * 100, 2)} after recovery, ${pct(m.lossOnArrival * 100, 2)} on arrival${rtcp}\n`
    + `    ${w}; ${fix(usPerSent(m), 1)} µs per packet sent; viewers CPU ${pct(m.viewerCpu, 0)} (busiest process ${pct(m.viewerCpuMaxProc, 0)}, loop p99 ${ms(m.viewerLoopP99)} ms, ${fix(usPerReceived(m), 1)} µs per packet), ffmpeg ${pct(m.ffmpegCpu, 0)}, `
    + `other processes ${pct(m.otherCpu, 0)}, machine ${pct(m.machineBusy, 0)} busy, UDP drops at viewer sockets ${m.udpDropsViewers ?? '?'}, at worker sockets ${m.udpDropsWorkers ?? '?'}, machine-wide ${m.udpRcvbufErrors}`
    + (m.generatorSaturated.length ? `\n    load generator saturated: ${m.generatorSaturated.join('; ')}` : '')
    + (m.receiving < m.viewers ? `\n    not receiving: viewers ${JSON.stringify(m.notReceiving.viewers)}, mediasoup ${JSON.stringify(m.notReceiving.mediasoup)}` : '')
}

/** A worker this busy is at its ceiling: its CPU is a floor of what the load would take, not the load's cost. */
const WORKER_FULL_PCT = 95

/**
 * The worker did its whole job in this window: below its ceiling, every consumer's transport still
 * connected and sent (nearly) the producer's full rate. Its CPU then measures the worker, whatever
 * the viewers managed to take in (a saturated generator drops packets after the worker has sent them).
 */
export const workerServedAll = (m: Measured) =>
  workerKeptUp(m) && m.workers.every((w) => !(w.cpuMean >= WORKER_FULL_PCT))
  && !Object.keys(m.notReceiving.mediasoup).some((k) => k.includes('disconnected') || k.includes('failed'))

export type CpuModel = { a: number; b: number; perCore: number; usPerPacket: number; from: StepResult[]; clean: boolean }

/**
 * Worker CPU (% of a core) as a + b × consumers, least squares over one kind's one-worker steps
 * where the worker served every consumer (`clean` false: none did, every step is used), and the
 * consumers at 100 %. Also the CPU per packet sent, which is what the cost really scales with.
 */
export function cpuModel(steps: StepResult[]): CpuModel | null {
  const valid = steps.filter((s) => Number.isFinite(s.m.workers[0]?.cpuMean) && s.m.workers[0]!.consumers > 0)
  const ok = valid.filter((s) => workerServedAll(s.m))
  const use = ok.length ? ok : valid
  if (!use.length) return null
  const xs = use.map((s) => s.m.workers[0]!.consumers)
  const ys = use.map((s) => s.m.workers[0]!.cpuMean)
  let a = 0, b: number
  if (use.length === 1) b = ys[0]! / xs[0]!
  else {
    const mx = xs.reduce((p, x) => p + x, 0) / xs.length
    const my = ys.reduce((p, y) => p + y, 0) / ys.length
    const sxx = xs.reduce((p, x) => p + (x - mx) ** 2, 0)
    b = xs.reduce((p, x, i) => p + (x - mx) * (ys[i]! - my), 0) / sxx
    a = my - b * mx
  }
  // A flat or falling fit (noise, or a starved worker) says nothing about capacity.
  if (!(b > 0)) return null
  const usPerPacket = use.reduce((p, s) => p + s.m.workers[0]!.cpuMean * 1e4, 0) / use.reduce((p, s) => p + s.m.msSentPps, 0)
  return { a, b, perCore: (100 - a) / b, usPerPacket, from: use, clean: ok.length > 0 }
}

/** Whether the model's 100 % point lies within the consumers the steps really had on the worker. */
export function modelMeasured(model: CpuModel, steps: StepResult[]): boolean {
  return model.perCore <= Math.max(0, ...steps.map((s) => s.m.workers[0]?.consumers ?? 0))
}

function deliveryHead(kind: ViewerKind): string[] {
  const common = ['receiving (reach)', 'clean', 'producer kbit/s', 'sent kbit/s per consumer', 'rx kbit/s per viewer median / p5', 'fps median']
  if (kind === 'srtp') return [KIND_SHORT.srtp, 'transports connected', ...common, 'loss (sequence gaps)', 'first RTP ms p50 / p95']
  return [KIND_SHORT.werift, 'DTLS connected', ...common, 'loss after recovery', 'gaps on arrival', 'loss in receiver reports', 'NACKs / retransmitted', 'score mean / min', 'connect ms p50 / p95', 'first RTP ms p50 / p95']
}

function deliveryRow(s: StepResult): (string | number)[] {
  const m = s.m
  const common = [
    `${int(m.receiving)} (**${pct(reach(m) * 100)}**)${m.stalled ? `, ${int(m.stalled)} stalled` : ''}`, int(m.clean),
    `${fix(m.producerKbps, 0)}`, fix(m.msSentKbps, 0), `${fix(m.rxKbps.median, 0)} / ${fix(m.rxKbps.p5, 0)}`, `${fix(m.fps.median, 1)}`,
  ]
  const first = `${ms(m.firstRtpMs.p50)} / ${ms(m.firstRtpMs.p95)}`
  if (s.viewer === 'srtp') return [int(m.viewers), int(m.connected), ...common, pct(m.lossAfter * 100, 2), first]
  return [
    int(m.viewers), int(m.connected), ...common,
    pct(m.lossAfter * 100, 2), pct(m.lossOnArrival * 100, 2), pct(m.msLoss * 100, 2), `${int(m.msNacks)} / ${int(m.msRetransmitted)}`,
    `${fix(m.scoreMean, 1)} / ${fix(m.scoreMin, 0)}`, `${ms(m.connectMs.p50)} / ${ms(m.connectMs.p95)}`, first,
  ]
}

function loadRow(s: StepResult): (string | number)[] {
  const m = s.m
  return [
    int(m.viewers),
    m.workers.map((w) => `${pct(w.cpuMean, 1)} / ${pct(w.cpuMax, 0)}`).join('<br>'),
    m.workers.map((w) => int(w.consumers)).join('<br>'),
    m.workers.map((w) => (w.consumers ? fix((w.cpuMean / w.consumers) * 100, 2) : '–')).join('<br>'),
    fix(usPerSent(m), 1),
    `${pct(m.viewerCpu, 0)} (${pct(m.viewerCpuMaxProc, 0)})`, fix(usPerReceived(m), 1), ms(m.viewerLoopP99), pct(m.ffmpegCpu, 0), pct(m.benchCpu, 0), pct(m.otherCpu, 0),
    `${pct(m.machineBusy, 0)}${m.machineContended ? ' ⚠' : ''}`,
    `${int(m.udpDropsViewers ?? NaN)} / ${int(m.udpDropsWorkers ?? NaN)} (${int(m.udpRcvbufErrors)} / ${int(m.udpSndbufErrors)})`, m.generatorSaturated.length ? `**yes**: ${m.generatorSaturated.join('; ')}` : 'no',
  ]
}
const loadHead = (kind: ViewerKind) => [KIND_SHORT[kind], 'worker CPU mean / max', 'worker consumers', 'worker CPU % per 100 consumers', 'workers µs CPU per packet sent', 'viewer processes CPU (busiest)', 'viewers µs CPU per packet received', 'viewer loop delay p99 ms',
  'ffmpeg CPU', 'orchestrator CPU', 'other processes CPU', 'machine busy', 'UDP drops at viewer / worker sockets (machine-wide: receive / send buffer full)', 'generator saturated']

export interface ReportInput {
  command: string
  procs: number
  viewerNice: number
  nack: boolean
  viewerNack: boolean
  batch: number
  duration: number
  perWorker: StepResult[]
  session: StepResult[]
  dir: string
  dirtyMedia: boolean
  /** SO_RCVBUF the SRTP viewers' sockets got (as the kernel reports it). */
  srtpRecvBuffer?: number
  srtpSuite: keyof typeof SRTP_SUITES
  /** Session feeds not run because the per-worker run showed the generator could not take them. */
  skipped: { viewer: ViewerKind; profile: FeedOptions; perViewerCpu: number; predictedCpu: number }[]
}

/** The worker CPU paragraph under a one-worker table: fit, per packet, and whether the 100 % point was reached. */
function modelParagraph(kind: ViewerKind, steps: StepResult[]): string {
  const model = cpuModel(steps)
  if (!model) return ''
  const measured = modelMeasured(model, steps)
  const top = Math.max(...steps.map((s) => s.m.workers[0]?.consumers ?? 0))
  const pps = model.from[0]!.m.producerPps
  const atGoal = steps.filter((s) => workerServedAll(s.m) && (s.m.workers[0]?.consumers ?? 0) >= GOAL_PER_CORE)[0]
  const ceiling = steps.filter((s) => !workerServedAll(s.m))
  return `**Worker CPU, ${KIND_SHORT[kind]} (${measured ? `measured: the steps reach ${int(top)} consumers, past the 100 % point` : `an extrapolation, not a measurement: the largest step had ${int(top)} consumers`}):** least squares over the steps with ${model.from.map((s) => int(s.m.viewers)).join(', ')} viewers${model.clean ? ' (those where the worker served every consumer: all connected, each sent the full stream)' : ' (**in none of them did the worker serve every consumer**)'}: CPU ≈ ${fix(model.a, 1)} % + ${fix(model.b * 100, 2)} % of a core per 100 consumers → about **${int(model.perCore)} consumers per core** at 100 %${measured ? '' : ', if the cost per consumer stays linear'}. Per packet: ${fix(model.usPerPacket, 1)} µs of worker CPU per RTP packet sent to a consumer; at this feed's ${fix(pps, 0)} packets/s, ${GOAL_PER_CORE} consumers would take ~${pct((GOAL_PER_CORE * pps * model.usPerPacket) / 1e4, 0)} of a core${atGoal ? ` (measured with ${int(atGoal.m.workers[0]!.consumers)}: ${pct(atGoal.m.workers[0]!.cpuMean, 0)})` : ''}.`
    + ceiling.map((s) => ` At ${int(s.m.workers[0]?.consumers ?? 0)} consumers the worker did not serve them all: ${pct(s.m.workers[0]?.cpuMean ?? NaN, 0)} of a core (max ${pct(s.m.workers[0]?.cpuMax ?? NaN, 0)}), ${fix(s.m.msSentKbps, 0)} of ${fix(s.m.producerKbps, 0)} kbit/s sent per consumer${s.m.udpDropsWorkers ? `, ${int(s.m.udpDropsWorkers)} datagrams dropped at its own sockets (the feed it could not read in time)` : ''}, loss ${pct(s.m.lossAfter * 100, 2)}.`).join('')
}

function method(r: ReportInput, kinds: ViewerKind[], p0: FeedOptions | undefined): string {
  const out = [`**Method.** No HTTP server: the script drives \`@openday/media\` directly (MediaHost → SessionRouter, signalling in-process).
ffmpeg encodes a test pattern in real time (${p0 ? profileLine(p0) : '–'}; libvpx realtime, CBR) into a send
PlainTransport (comedia, rtcpMux off) on the session's origin router. Viewers run in ${r.procs} viewer processes (nice ${r.viewerNice}, so the
mediasoup workers under test get the CPU first); for each the script creates a recv transport on the session (SessionRouter places it) and a paused
consumer (rtpCapabilities: VP8${r.nack ? ' + RTX, NACK' : ', no NACK'}, PLI, FIR; no header extensions), connects the transport and resumes the consumer.
Viewers join ${r.batch} at a time; once all are connected, and a few seconds later (first key frame), a ${r.duration} s window is measured. Worker CPU is
utime+stime of the mediasoup-worker process from \`/proc/<pid>/stat\` each second (100 % = one core). Two kinds of viewer:`]
  if (kinds.includes('werift')) {
    out.push(`- **${KIND_TITLE.werift}**: a werift RTCPeerConnection (pure-TypeScript WebRTC), the real-client check. The transport is a
  WebRtcTransport; the script builds an SDP offer from its parameters (ICE-lite, actpass), the viewer answers, its DTLS fingerprint goes to
  \`transport.connect()\`.${r.nack && !r.viewerNack ? ` The offer werift sees leaves out the NACK/PLI feedback lines, so the viewers never send NACKs: werift runs
  a 5 ms timer per receiver while any packet is missing, which turns a saturated generator into a collapsing one. mediasoup still negotiated
  NACK/RTX and keeps its retransmission buffers as for a browser; "loss after recovery" therefore equals "gaps on arrival".` : ''}`)
  }
  if (kinds.includes('srtp')) {
    out.push(`- **${KIND_TITLE.srtp}**: the capacity measurement. The transport is a PlainTransport (SRTP **${r.srtpSuite}**, rtcpMux,
  no comedia) connected to the viewer's UDP socket with a random key${r.srtpRecvBuffer ? ` (SO_RCVBUF ${int(r.srtpRecvBuffer / 1024)} KiB as the kernel reports it)` : ''}. mediasoup encrypts
  every packet per consumer as it does for a browser${r.srtpSuite.startsWith('AEAD_') ? '' : ', but over DTLS mediasoup prefers AEAD_AES_256_GCM, then AEAD_AES_128_GCM, so a client that offers GCM does not get this suite (werift gets AEAD_AES_128_GCM), and the suite changes the worker\'s cost per packet'}; the viewer does not decrypt: sequence number, SSRC and marker bit are in the clear in SRTP, so it counts
  packets, bytes (less the ${SRTP_SUITES[r.srtpSuite].tagBytes}-byte authentication tag) and sequence gaps from the header. Not included: ICE (no consent checks to answer),
  DTLS (no handshake at join), RTCP from the viewer (no receiver reports, no NACKs). So there is no consumer score and no loss in receiver
  reports for these viewers: those columns are left out, not zero.`)
  }
  out.push(`
- **receiving**: got at least half the packets the producer sent during the window; **reach** = receiving ÷ viewers;
  **clean**: receiving and lost ≤ 1 %.
- **sent kbit/s per consumer**: what mediasoup sent each consumer (consumer \`getStats\` byteCount${[...r.perWorker, ...r.session].some((x) => x.m.countersSampled !== undefined) ? `, read from up to ${COUNTER_SAMPLE} consumers
  spread over the audience: they all forward the one stream` : ''}), whether or not the viewer could take it in; **rx kbit/s**: RTP bytes (header + payload) a viewer received; **fps**: marker bits per second.
- **loss after recovery**: 1 − distinct RTP sequence numbers ÷ the span seen, over all viewers (RTX retransmissions
  fill holes; SRTP viewers never ask for any: their loss is the gaps); **gaps on arrival**: holes before recovery; **loss in receiver reports** (werift):
  packetsLost that the viewers' RTCP receiver reports gave mediasoup, over packets sent in the window; **score** (werift): mediasoup's 0–10 consumer score at the end.
- **µs CPU per packet**: the workers' CPU ÷ RTP packets sent to all consumers; the viewer processes' CPU ÷ packets they received.
- **generator saturated**: a viewer process ≥ 85 % of a core, its event-loop p99 delay > 100 ms (beyond the 10 ms
  sampling), or the kernel dropped datagrams at the viewer processes' sockets for full receive buffers while the viewers
  saw holes (per socket from \`/proc/net/udp\`; drops at the workers' sockets are the workers'). Loss seen then is the generator's, not mediasoup's.
  ⚠ = machine ≥ 90 % busy: every process, the workers too, waited for CPU.`)
  return out.join('\n')
}

export function section(r: ReportInput): string {
  const kinds = kindsIn(r)
  const p0 = r.perWorker[0]?.profile ?? r.session[0]?.profile
  const perWorker = kinds.map((kind) => {
    const steps = ofKind(r.perWorker, kind)
    return `### One worker, rising audience: ${KIND_TITLE[kind]}${kind === 'srtp' ? `, ${r.srtpSuite}` : ''} (\`maxConsumersPerRouter\` high: every viewer on the origin worker)

${steps.length ? `${table(deliveryHead(kind), steps.map(deliveryRow))}\n\n${table(loadHead(kind), steps.map(loadRow))}\n\n${modelParagraph(kind, steps)}` : '*not run*'}`
  })
  const session = kinds.map((kind) => {
    const steps = ofKind(r.session, kind)
    const rows = steps.flatMap((s) => [
      ...s.m.workers.map((w) => [profileLine(s.profile), `worker ${w.index}${w.index === 0 ? ' (origin)' : ''}`, int(w.viewers), int(w.consumers), `${int(w.receiving)} (${pct((w.receiving / (w.viewers || NaN)) * 100)})`, pct(w.loss * 100, 2), `${pct(w.cpuMean, 1)} / ${pct(w.cpuMax, 0)}`]),
      [profileLine(s.profile), '**all**', int(s.m.viewers), int(s.m.workers.reduce((a, w) => a + w.consumers, 0)), `**${int(s.m.receiving)} (${pct(reach(s.m) * 100)})**`, pct(s.m.lossAfter * 100, 2), pct(workersCpu(s.m), 1)],
    ])
    return `### One session, ${int(steps[0]?.target ?? GOAL_SESSION)} viewers on ${steps[0]?.workers ?? 2} workers: ${KIND_TITLE[kind]}${kind === 'srtp' ? `, ${r.srtpSuite}` : ''} (\`maxConsumersPerRouter\` ${steps[0]?.maxConsumersPerRouter ?? '–'}: spill-over through pipeToRouter)

${steps.length ? `${table([`feed (${KIND_SHORT[kind]})`, 'worker', 'viewers placed', 'consumers on worker', 'receiving (reach)', 'loss after recovery', 'worker CPU mean / max'], rows)}\n\n${table(deliveryHead(kind), steps.map(deliveryRow))}\n\n${table(loadHead(kind), steps.map(loadRow))}` : '*not run*'}`
  })
  return `${preamble('Media: video consumers per mediasoup worker, one session across workers', r.command)}${r.dirtyMedia ? '*media/ had uncommitted changes (someone else\'s work in progress) when this ran.*\n' : ''}
${method(r, kinds, p0)}

${perWorker.join('\n\n')}

${session.join('\n\n')}

### Assessment

${assessment(r)}

Raw results: \`${r.dir.replace(/^.*\/data\//, 'data/')}/results.json\`.
`
}
