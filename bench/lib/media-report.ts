// Results of bench/media.ts: the console lines, the linear CPU model and the BENCHMARKS.md section.
import type { FeedOptions } from './media-feed.ts'
import type { Measured } from './media-measure.ts'
import { fix, int, ms, pct, preamble, table } from './report.ts'

export const GOAL_PER_CORE = 500
export const GOAL_SESSION = 1000

export interface StepResult {
  scenario: 'per-worker' | 'session'
  profile: FeedOptions
  workers: number
  maxConsumersPerRouter: number
  target: number
  join: { seconds: number; failed: number }
  m: Measured
}

export const profileLine = (p: FeedOptions) => `VP8 ${p.size} ${p.fps} fps ${p.kbps} kbit/s${p.audio ? ' + Opus 48 kbit/s' : ''}, key frame every ${p.keySeconds} s`

const reach = (m: Measured) => (m.viewers ? m.receiving / m.viewers : NaN)
const workersCpu = (m: Measured) => m.workers.reduce((a, w) => a + (Number.isFinite(w.cpuMean) ? w.cpuMean : 0), 0)
/** CPU time per RTP packet: the workers' per packet sent to a consumer, the viewers' per packet received. */
const usPerSent = (m: Measured) => (m.msSentPps ? (workersCpu(m) * 1e4) / m.msSentPps : NaN)
const usPerReceived = (m: Measured) => (m.rxPps ? (m.viewerCpu * 1e4) / m.rxPps : NaN)
/** mediasoup sent each consumer (nearly) all the producer's media. */
const workerKeptUp = (m: Measured) => m.msSentKbps >= 0.97 * m.producerKbps
const delivered = (m: Measured) => reach(m) >= 0.99 && m.lossAfter <= 0.01

/** One console line per measured step. */
export function stepLine(s: StepResult): string {
  const m = s.m
  const w = m.workers.map((x) => `worker ${x.index}: ${x.viewers} viewers, ${x.consumers} consumers, CPU ${pct(x.cpuMean, 0)} (max ${pct(x.cpuMax, 0)})`).join('; ')
  return `  ${int(m.viewers)} viewers: DTLS ${m.dtlsConnected}, receiving ${m.receiving} (${pct(reach(m) * 100)}, ${m.stalled} stalled at the end), clean ${m.clean}; `
    + `rx ${fix(m.rxKbps.median, 0)} kbit/s median (p5 ${fix(m.rxKbps.p5, 0)}), ${fix(m.fps.median, 1)} fps; producer ${fix(m.producerKbps, 0)} kbit/s ${fix(m.producerPps, 0)} pkt/s; `
    + `loss ${pct(m.lossAfter * 100, 2)} after recovery, ${pct(m.lossOnArrival * 100, 2)} on arrival, RR ${pct(m.msLoss * 100, 2)}; score ${fix(m.scoreMean, 1)} (min ${fix(m.scoreMin, 0)})\n`
    + `    ${w}; viewers CPU ${pct(m.viewerCpu, 0)} (busiest process ${pct(m.viewerCpuMaxProc, 0)}, loop p99 ${ms(m.viewerLoopP99)} ms), ffmpeg ${pct(m.ffmpegCpu, 0)}, `
    + `other processes ${pct(m.otherCpu, 0)}, machine ${pct(m.machineBusy, 0)} busy, UDP drops ${m.udpRcvbufErrors}`
    + (m.generatorSaturated.length ? `\n    load generator saturated: ${m.generatorSaturated.join('; ')}` : '')
    + (m.receiving < m.viewers ? `\n    not receiving: werift ${JSON.stringify(m.notReceiving.werift)}, mediasoup ${JSON.stringify(m.notReceiving.mediasoup)}` : '')
}

/**
 * The worker did its whole job in this window: every consumer's transport still ICE-connected and
 * sent (nearly) the producer's full rate. Its CPU then measures the worker, whatever the viewers
 * managed to take in (a saturated generator drops packets after the worker has sent them).
 */
export const workerServedAll = (m: Measured) =>
  workerKeptUp(m) && !Object.keys(m.notReceiving.mediasoup).some((k) => k.includes('disconnected') || k.includes('failed'))

/**
 * Worker CPU (% of a core) as a + b × consumers, least squares over the one-worker steps where
 * the worker served every consumer (`clean` false: none did, every step is used). Extrapolated:
 * consumers at 100 %. Also the CPU per packet sent, which is what the cost really scales with.
 */
export function cpuModel(steps: StepResult[]): { a: number; b: number; perCore: number; usPerPacket: number; from: StepResult[]; clean: boolean } | null {
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

function deliveryRow(s: StepResult): (string | number)[] {
  const m = s.m
  return [
    int(m.viewers), int(m.dtlsConnected), `${int(m.receiving)} (**${pct(reach(m) * 100)}**)${m.stalled ? `, ${int(m.stalled)} stalled` : ''}`, int(m.clean),
    `${fix(m.producerKbps, 0)}`, fix(m.msSentKbps, 0), `${fix(m.rxKbps.median, 0)} / ${fix(m.rxKbps.p5, 0)}`, `${fix(m.fps.median, 1)}`,
    pct(m.lossAfter * 100, 2), pct(m.lossOnArrival * 100, 2), pct(m.msLoss * 100, 2), `${int(m.msNacks)} / ${int(m.msRetransmitted)}`,
    `${fix(m.scoreMean, 1)} / ${fix(m.scoreMin, 0)}`, `${ms(m.connectMs.p50)} / ${ms(m.connectMs.p95)}`, `${ms(m.firstRtpMs.p50)} / ${ms(m.firstRtpMs.p95)}`,
  ]
}
const DELIVERY_HEAD = ['viewers', 'DTLS connected', 'receiving (reach)', 'clean', 'producer kbit/s', 'sent kbit/s per consumer', 'rx kbit/s per viewer median / p5', 'fps median',
  'loss after recovery', 'gaps on arrival', 'loss in receiver reports', 'NACKs / retransmitted', 'score mean / min', 'connect ms p50 / p95', 'first RTP ms p50 / p95']

function loadRow(s: StepResult): (string | number)[] {
  const m = s.m
  return [
    int(m.viewers),
    m.workers.map((w) => `${pct(w.cpuMean, 1)} / ${pct(w.cpuMax, 0)}`).join('<br>'),
    m.workers.map((w) => int(w.consumers)).join('<br>'),
    m.workers.map((w) => (w.consumers ? fix((w.cpuMean / w.consumers) * 100, 2) : '–')).join('<br>'),
    fix(usPerSent(m), 1),
    `${pct(m.viewerCpu, 0)} (${pct(m.viewerCpuMaxProc, 0)})`, fix(usPerReceived(m), 0), ms(m.viewerLoopP99), pct(m.ffmpegCpu, 0), pct(m.benchCpu, 0), pct(m.otherCpu, 0),
    `${pct(m.machineBusy, 0)}${m.machineContended ? ' ⚠' : ''}`,
    `${int(m.udpRcvbufErrors)} / ${int(m.udpSndbufErrors)}`, m.generatorSaturated.length ? `**yes**: ${m.generatorSaturated.join('; ')}` : 'no',
  ]
}
const LOAD_HEAD = ['viewers', 'worker CPU mean / max', 'worker consumers', 'worker CPU % per 100 consumers', 'workers µs CPU per packet sent', 'viewer processes CPU (busiest)', 'viewers µs CPU per packet received', 'viewer loop delay p99 ms',
  'ffmpeg CPU', 'orchestrator CPU', 'other processes CPU', 'machine busy', 'UDP drops: receive / send buffer full (machine-wide)', 'generator saturated']

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
  /** Session feeds not run because the per-worker run showed the generator could not take them. */
  skipped: { profile: FeedOptions; perViewerCpu: number; predictedCpu: number }[]
}

export function section(r: ReportInput): string {
  const model = cpuModel(r.perWorker)
  const p0 = r.perWorker[0]?.profile ?? r.session[0]?.profile
  const sessionTarget = r.session[0]?.target ?? GOAL_SESSION
  const sessionRows = r.session.flatMap((s) => [
    ...s.m.workers.map((w) => [profileLine(s.profile), `worker ${w.index}${w.index === 0 ? ' (origin)' : ''}`, int(w.viewers), int(w.consumers), `${int(w.receiving)} (${pct((w.receiving / (w.viewers || NaN)) * 100)})`, pct(w.loss * 100, 2), `${pct(w.cpuMean, 1)} / ${pct(w.cpuMax, 0)}`]),
    [profileLine(s.profile), '**all**', int(s.m.viewers), int(s.m.workers.reduce((a, w) => a + w.consumers, 0)), `**${int(s.m.receiving)} (${pct(reach(s.m) * 100)})**`, pct(s.m.lossAfter * 100, 2), pct(workersCpu(s.m), 1)],
  ])
  return `${preamble('Media: video consumers per mediasoup worker, one session across workers', r.command)}${r.dirtyMedia ? '*media/ had uncommitted changes (someone else\'s work in progress) when this ran.*\n' : ''}
**Method.** No HTTP server: the script drives \`@openday/media\` directly (MediaHost → SessionRouter, signalling in-process).
ffmpeg encodes a test pattern in real time (${p0 ? profileLine(p0) : '–'}; libvpx realtime, CBR) into a send
PlainTransport (comedia, rtcpMux off) on the session's origin router. Each viewer is a werift
RTCPeerConnection (pure-TypeScript WebRTC) in one of ${r.procs} viewer processes (nice ${r.viewerNice}, so the
mediasoup workers under test get the CPU first): the script creates a recv WebRtcTransport and a paused
consumer (rtpCapabilities: VP8${r.nack ? ' + RTX, NACK' : ', no NACK'}, PLI, FIR; no header extensions), builds an SDP offer from
their parameters (ICE-lite, actpass), the viewer answers, its DTLS fingerprint goes to
\`transport.connect()\` and the consumer is resumed. Viewers join ${r.batch} at a time; once all have
finished DTLS, and a few seconds later (first key frame), a ${r.duration} s window is measured. Worker CPU is
utime+stime of the mediasoup-worker process from \`/proc/<pid>/stat\` each second (100 % = one core).${r.nack && !r.viewerNack ? `
The offer werift sees leaves out the NACK/PLI feedback lines, so the viewers never send NACKs: werift runs
a 5 ms timer per receiver while any packet is missing, which turns a saturated generator into a
collapsing one. mediasoup still negotiated NACK/RTX and keeps its retransmission buffers as for a browser;
"loss after recovery" therefore equals "gaps on arrival".` : ''}

- **receiving**: got at least half the packets the producer sent during the window; **reach** = receiving ÷ viewers;
  **clean**: receiving and lost ≤ 1 %.
- **sent kbit/s per consumer**: what mediasoup sent each consumer (consumer \`getStats\` byteCount), whether or not the
  viewer could take it in; **rx kbit/s**: RTP bytes (header + payload) a viewer received; **fps**: marker bits per second.
- **loss after recovery**: 1 − distinct RTP sequence numbers ÷ the span seen, over all viewers (RTX retransmissions
  fill holes); **gaps on arrival**: holes before recovery; **loss in receiver reports**: packetsLost that the viewers'
  RTCP receiver reports gave mediasoup, over packets sent in the window; **score**: mediasoup's 0–10 consumer score at the end.
- **µs CPU per packet**: the workers' CPU ÷ RTP packets sent to all consumers; the viewer processes' CPU ÷ packets they received.
- **generator saturated**: a viewer process ≥ 85 % of a core, its event-loop p99 delay > 100 ms (beyond the 10 ms
  sampling), or the kernel dropped UDP datagrams for full receive buffers (\`/proc/net/snmp\`, machine-wide, so
  only when the viewers saw holes too). Loss seen then is the generator's, not mediasoup's.
  ⚠ = machine ≥ 90 % busy: every process, the workers too, waited for CPU.

### One worker, rising audience (\`maxConsumersPerRouter\` high: every viewer on the origin worker)

${r.perWorker.length ? `${table(DELIVERY_HEAD, r.perWorker.map(deliveryRow))}\n\n${table(LOAD_HEAD, r.perWorker.map(loadRow))}` : '*not run*'}

${model ? `**Worker CPU model (an extrapolation, not a measurement):** least squares over the steps with ${model.from.map((s) => int(s.m.viewers)).join(', ')} viewers${model.clean ? ' (those where the worker served every consumer: all ICE-connected, each sent the full stream)' : ' (**in none of them did the worker serve every consumer**)'}: CPU ≈ ${fix(model.a, 1)} % + ${fix(model.b * 100, 2)} % of a core per 100 consumers → about **${int(model.perCore)} consumers per core** at 100 %, if the cost per consumer stays linear. Per packet: ${fix(model.usPerPacket, 1)} µs of worker CPU per RTP packet sent to a consumer; at this feed's ${fix(model.from[0]!.m.producerPps, 0)} packets/s, ${GOAL_PER_CORE} consumers would take ~${pct((GOAL_PER_CORE * model.from[0]!.m.producerPps * model.usPerPacket) / 1e4, 0)} of a core.` : ''}

### One session, ${int(sessionTarget)} viewers on ${r.session[0]?.workers ?? 2} workers (\`maxConsumersPerRouter\` ${r.session[0]?.maxConsumersPerRouter ?? '–'}: spill-over through pipeToRouter)

${r.session.length ? `${table(['feed', 'worker', 'viewers placed', 'consumers on worker', 'receiving (reach)', 'loss after recovery', 'worker CPU mean / max'], sessionRows)}\n\n${table(DELIVERY_HEAD, r.session.map(deliveryRow))}\n\n${table(LOAD_HEAD, r.session.map(loadRow))}` : '*not run*'}

### Assessment

${assessment(r, model)}

Raw results: \`${r.dir.replace(/^.*\/data\//, 'data/')}/results.json\`.
`
}

/** Why viewers were not receiving, from their states on both sides. */
function silentWhy(m: Measured): string {
  const failed = m.notReceiving.werift.failed ?? 0
  const disc = Object.entries(m.notReceiving.mediasoup).filter(([k]) => k.includes('disconnected')).reduce((a, [, n]) => a + n, 0)
  if (!failed && !disc) return ''
  return ` — ${int(failed)} werift connections had declared ICE consent lost after their process lagged for 30 s, and mediasoup had marked ${int(disc)} transports ICE-disconnected and stopped sending to them`
}

function assessment(r: ReportInput, model: ReturnType<typeof cpuModel>): string {
  const out: string[] = []
  const top = r.perWorker[r.perWorker.length - 1]
  if (top) {
    const w = top.m.workers[0]!
    const perCoreHere = (w.consumers / w.cpuMean) * 100
    const done = r.perWorker.filter((s) => delivered(s.m)).sort((a, b) => b.m.viewers - a.m.viewers)[0]
    let goal: string
    if (done && done.m.viewers >= GOAL_PER_CORE && done.m.workers[0]!.cpuMean < 100) {
      goal = `**met, measured end to end**: ${int(done.m.viewers)} viewers on one worker, reach ${pct(reach(done.m) * 100)}, loss ${pct(done.m.lossAfter * 100, 2)}, the worker at ${pct(done.m.workers[0]!.cpuMean, 0)} of a core`
    } else if (w.consumers >= GOAL_PER_CORE && workerServedAll(top.m) && w.cpuMean < 100) {
      goal = `**met on the worker side, measured**: with ${int(w.consumers)} consumers the worker sent each ${fix(top.m.msSentKbps, 0)} kbit/s (producer ${fix(top.m.producerKbps, 0)}) using ${pct(w.cpuMean, 0)} of a core (~${int(perCoreHere)} consumers per core if linear from zero). `
        + (delivered(top.m) ? 'The viewers received it too.' : `End-to-end delivery at that size was **not** shown: reach ${pct(reach(top.m) * 100)}, loss ${pct(top.m.lossAfter * 100, 2)}${top.m.generatorSaturated.length ? `, with the werift load generator saturated (${top.m.generatorSaturated.join('; ')})` : ''}`)
    } else if (model && model.perCore >= GOAL_PER_CORE) {
      goal = `**met by extrapolation only**: no step had ${GOAL_PER_CORE} consumers all served (at ${int(w.consumers)}: ${int(top.m.viewers - top.m.receiving)} viewers not receiving${silentWhy(top.m)}, ${fix(top.m.msSentKbps, 0)} of ${fix(top.m.producerKbps, 0)} kbit/s sent per consumer, the worker at ${pct(w.cpuMean, 0)}); the linear model above gives ~${int(model.perCore)} consumers per core, and ${fix(model.usPerPacket, 1)} µs per packet puts ${GOAL_PER_CORE} consumers at ~${pct((GOAL_PER_CORE * model.from[0]!.m.producerPps * model.usPerPacket) / 1e4, 0)} of a core`
    } else {
      goal = `**not met**: ${model ? `the linear model gives ~${int(model.perCore)} consumers per core` : 'no usable steps'}; at ${int(w.consumers)} consumers the worker used ${pct(w.cpuMean, 0)} and sent ${fix(top.m.msSentKbps, 0)} of ${fix(top.m.producerKbps, 0)} kbit/s per consumer`
    }
    out.push(`- **≥ ${GOAL_PER_CORE} video consumers per worker core** (${profileLine(top.profile)}): ${goal}.`)
    const calm = r.perWorker.filter((s) => !s.m.generatorSaturated.length).pop()
    if (calm) {
      const cw = calm.m.workers[0]!
      const ratio = (calm.m.viewerCpu / calm.m.viewers) / (cw.cpuMean / cw.consumers)
      out.push(`- **Cost of the load generator.** At ${int(calm.m.viewers)} viewers (the largest step it kept up with) the werift processes used ${pct(calm.m.viewerCpu, 0)} (${fix(usPerReceived(calm.m), 0)} µs per packet received), the worker ${pct(cw.cpuMean, 0)} (${fix(usPerSent(calm.m), 1)} µs per packet sent): a werift viewer costs ~${fix(ratio, 1)}× what mediasoup spends on its consumer. On 2 cores shared with the worker, the generator, not mediasoup, limits how many viewers can be shown receiving.`)
    }
  }
  // Best run: one that delivered (the richest feed of those), else the widest reach, then the least loss.
  const sess = [...r.session].sort((a, b) => Number(delivered(b.m)) - Number(delivered(a.m))
    || (delivered(a.m) ? b.profile.kbps - a.profile.kbps : reach(b.m) - reach(a.m) || a.m.lossAfter - b.m.lossAfter))[0]
  if (sess) {
    const ok = delivered(sess.m) && sess.m.viewers >= GOAL_SESSION
    const spill = sess.m.workers.filter((x) => x.viewers > 0).length
    const mainKbps = r.perWorker[0]?.profile.kbps ?? r.skipped[0]?.profile.kbps
    out.push(`- **One session, ${int(GOAL_SESSION)} viewers on this 2-core machine**: ${ok ? (mainKbps && sess.profile.kbps < mainKbps ? `**met with a lighter feed only** (${profileLine(sess.profile)}, not the ${mainKbps} kbit/s of the one-worker run)` : '**met**') : '**not shown on this machine**'}. Best run: ${profileLine(sess.profile)}, ${int(sess.m.viewers)} viewers placed on ${spill} worker(s) (${sess.m.workers.map((x) => `${int(x.viewers)} on worker ${x.index}`).join(', ')}), ${int(sess.m.receiving)} receiving (reach ${pct(reach(sess.m) * 100)}), loss ${pct(sess.m.lossAfter * 100, 2)}, mediasoup sent ${fix(sess.m.msSentKbps, 0)} of ${fix(sess.m.producerKbps, 0)} kbit/s per consumer with both workers together at ${pct(workersCpu(sess.m), 0)}${sess.m.generatorSaturated.length ? `; load generator saturated (${sess.m.generatorSaturated.join('; ')})` : ''}${sess.m.machineContended ? '; machine ≥ 90 % busy' : ''}.${sess.m.viewerLoopP99 > 250 ? ` The viewer processes' event loops lagged (delay p99 ${ms(sess.m.viewerLoopP99)} ms, max ${ms(sess.m.viewerLoopMax)} ms), so media reached some viewers late, though with ${pct(sess.m.lossAfter * 100, 2)} loss.` : ''}`)
    for (const k of r.skipped) out.push(`  Not run with ${profileLine(k.profile)}: the one-worker run measured ${pct(k.perViewerCpu, 2)} of a core per werift viewer at that feed, so ${int(GOAL_SESSION)} viewers would need ~${pct(k.predictedCpu, 0)} for the generator alone, more than the machine has.`)
    if (r.session.length > 1) out.push(`  Runs: ${r.session.map((s) => `${profileLine(s.profile)} → ${int(s.m.receiving)}/${int(s.m.viewers)} receiving, loss ${pct(s.m.lossAfter * 100, 2)}`).join('; ')}.`)
  }
  const contended = [...r.perWorker, ...r.session].filter((s) => s.m.machineContended || s.m.otherCpu > 25)
  if (contended.length) out.push(`- **Machine load.** Other processes used ${[...r.perWorker, ...r.session].map((s) => pct(s.m.otherCpu, 0)).join(', ')} of a core in the windows (in table order); the machine was ≥ 90 % busy in ${contended.filter((s) => s.m.machineContended).length} of ${r.perWorker.length + r.session.length} windows. Figures from contended windows are pessimistic for everything, the worker included.`)
  return out.join('\n')
}
