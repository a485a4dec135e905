// The assessment of bench/media.ts's section: the issue's two goals per viewer kind, what the load
// generator cost, how the kinds' worker figures compare, and the machine's load.
import { availableParallelism } from 'node:os'
import type { Measured } from './media-measure.ts'
import type { ViewerKind } from './media-protocol.ts'
import {
  cpuModel, delivered, GOAL_PER_CORE, GOAL_SESSION, KIND_SHORT, kindsIn, modelMeasured, ofKind, profileLine, reach,
  usPerReceived, usPerSent, workerServedAll, workersCpu, type ReportInput, type StepResult,
} from './media-report.ts'
import { fix, int, ms, pct } from './report.ts'

/** Why viewers were not receiving, from their states on both sides. */
function silentWhy(kind: ViewerKind, m: Measured): string {
  const disc = Object.entries(m.notReceiving.mediasoup).filter(([k]) => k.includes('disconnected')).reduce((a, [, n]) => a + n, 0)
  if (kind === 'srtp') {
    const states = Object.entries(m.notReceiving.viewers).map(([k, n]) => `${int(n)} ${k}`).join(', ')
    return states ? ` — SRTP sockets: ${states}` : ''
  }
  const failed = m.notReceiving.viewers.failed ?? 0
  if (!failed && !disc) return ''
  return ` — ${int(failed)} werift connections had declared ICE consent lost after their process lagged for 30 s, and mediasoup had marked ${int(disc)} transports ICE-disconnected and stopped sending to them`
}

const generator = (kind: ViewerKind) => (kind === 'werift' ? 'the werift load generator' : 'the SRTP load generator')

function perCoreGoal(kind: ViewerKind, steps: StepResult[]): string[] {
  const top = steps[steps.length - 1]
  if (!top) return []
  const out: string[] = []
  const model = cpuModel(steps)
  const w = top.m.workers[0]!
  const perCoreHere = (w.consumers / w.cpuMean) * 100
  const done = steps.filter((s) => delivered(s.m) && s.m.workers[0]!.cpuMean < 100).sort((a, b) => b.m.viewers - a.m.viewers)[0]
  const served = steps.filter((s) => workerServedAll(s.m) && s.m.workers[0]!.cpuMean < 100).sort((a, b) => b.m.workers[0]!.consumers - a.m.workers[0]!.consumers)[0]
  const modelLine = model ? `; the fit over the served steps gives ~${int(model.perCore)} consumers per core (${modelMeasured(model, steps) ? 'the 100 % point lies inside the measured steps' : 'extrapolated'}), ${fix(model.usPerPacket, 1)} µs per packet sent` : ''
  let goal: string
  if (done && done.m.viewers >= GOAL_PER_CORE) {
    goal = `**met, measured end to end**: ${int(done.m.viewers)} viewers on one worker, reach ${pct(reach(done.m) * 100)}, loss ${pct(done.m.lossAfter * 100, 2)}, the worker at ${pct(done.m.workers[0]!.cpuMean, 0)} of a core${modelLine}`
  } else if (served && served.m.workers[0]!.consumers >= GOAL_PER_CORE) {
    const sw = served.m.workers[0]!
    goal = `**met on the worker side, measured**: with ${int(sw.consumers)} consumers the worker sent each ${fix(served.m.msSentKbps, 0)} kbit/s (producer ${fix(served.m.producerKbps, 0)}) using ${pct(sw.cpuMean, 0)} of a core. `
      + `End-to-end delivery at that size was **not** shown: reach ${pct(reach(served.m) * 100)}, loss ${pct(served.m.lossAfter * 100, 2)}${served.m.generatorSaturated.length ? `, with ${generator(kind)} saturated (${served.m.generatorSaturated.join('; ')})` : ''}${modelLine}`
  } else if (model?.clean && model.perCore >= GOAL_PER_CORE) {
    goal = `**met by extrapolation only**: no step had ${GOAL_PER_CORE} consumers all served (at ${int(w.consumers)}: ${int(top.m.viewers - top.m.receiving)} viewers not receiving${silentWhy(kind, top.m)}, ${fix(top.m.msSentKbps, 0)} of ${fix(top.m.producerKbps, 0)} kbit/s sent per consumer, the worker at ${pct(w.cpuMean, 0)}); the linear model above gives ~${int(model.perCore)} consumers per core, and ${fix(model.usPerPacket, 1)} µs per packet puts ${GOAL_PER_CORE} consumers at ~${pct((GOAL_PER_CORE * model.from[0]!.m.producerPps * model.usPerPacket) / 1e4, 0)} of a core`
  } else {
    // A model from steps at the ceiling only understates the cost: CPU cannot read above 100 %.
    goal = `**not met**: ${model?.clean ? `the linear model gives ~${int(model.perCore)} consumers per core` : model ? 'no step where the worker served every consumer' : 'no usable steps'}; at ${int(w.consumers)} consumers the worker used ${pct(w.cpuMean, 0)} (~${int(perCoreHere)} consumers per core if linear from zero) and sent ${fix(top.m.msSentKbps, 0)} of ${fix(top.m.producerKbps, 0)} kbit/s per consumer, loss ${pct(top.m.lossAfter * 100, 2)}${top.m.udpDropsWorkers ? ` (${int(top.m.udpDropsWorkers)} datagrams dropped at the worker's own sockets)` : ''}`
  }
  out.push(`- **≥ ${GOAL_PER_CORE} video consumers per worker core, ${KIND_SHORT[kind]}** (${profileLine(top.profile)}): ${goal}.`)
  const calm = steps.filter((s) => !s.m.generatorSaturated.length).pop()
  if (calm) {
    const cw = calm.m.workers[0]!
    const ratio = (calm.m.viewerCpu / calm.m.viewers) / (cw.cpuMean / cw.consumers)
    // Worker and generator share the cores: together they set how many viewers this machine can show end to end.
    const perViewer = calm.m.viewerCpu / calm.m.viewers + cw.cpuMean / cw.consumers
    const cores = availableParallelism()
    out.push(`- **Cost of the load generator, ${KIND_SHORT[kind]}.** At ${int(calm.m.viewers)} viewers (the largest step it kept up with) the viewer processes used ${pct(calm.m.viewerCpu, 0)} (${fix(usPerReceived(calm.m), 1)} µs per packet received), the worker ${pct(cw.cpuMean, 0)} (${fix(usPerSent(calm.m), 1)} µs per packet sent): a viewer costs ~${fix(ratio, 1)}× what mediasoup spends on its consumer. `
      + `Worker and viewer together take ${pct(perViewer, 2)} of a core per viewer: the machine's ${cores} cores hold ~${int((100 * cores) / perViewer)} viewers end to end before both wait for the CPU (less what ffmpeg and other processes take)${ratio > 1.5 ? '; the generator, not mediasoup, is the larger share' : ''}.`)
  } else {
    out.push(`- **Cost of the load generator, ${KIND_SHORT[kind]}.** Saturated at every step (${steps.map((s) => `${int(s.m.viewers)}: ${s.m.generatorSaturated.join('; ')}`).join(' / ')}).`)
  }
  return out
}

function sessionGoal(kind: ViewerKind, r: ReportInput): string[] {
  const out: string[] = []
  const runs = ofKind(r.session, kind)
  const skipped = r.skipped.filter((k) => k.viewer === kind)
  // Best run: one that delivered (the richest feed of those), else the widest reach, then the least loss.
  const sess = [...runs].sort((a, b) => Number(delivered(b.m)) - Number(delivered(a.m))
    || (delivered(a.m) ? b.profile.kbps - a.profile.kbps : reach(b.m) - reach(a.m) || a.m.lossAfter - b.m.lossAfter))[0]
  if (!sess) return out
  const ok = delivered(sess.m) && sess.m.viewers >= GOAL_SESSION
  const spill = sess.m.workers.filter((x) => x.viewers > 0).length
  const mainKbps = ofKind(r.perWorker, kind)[0]?.profile.kbps ?? skipped[0]?.profile.kbps ?? runs[0]?.profile.kbps
  out.push(`- **One session, ${int(GOAL_SESSION)} viewers on this 2-core machine, ${KIND_SHORT[kind]}**: ${ok ? (mainKbps && sess.profile.kbps < mainKbps ? `**met with a lighter feed only** (${profileLine(sess.profile)}, not the ${mainKbps} kbit/s of the one-worker run)` : '**met**') : '**not shown on this machine**'}. Best run: ${profileLine(sess.profile)}, ${int(sess.m.viewers)} viewers placed on ${spill} worker(s) (${sess.m.workers.map((x) => `${int(x.viewers)} on worker ${x.index}`).join(', ')}), ${int(sess.m.receiving)} receiving (reach ${pct(reach(sess.m) * 100)}), loss ${pct(sess.m.lossAfter * 100, 2)}, mediasoup sent ${fix(sess.m.msSentKbps, 0)} of ${fix(sess.m.producerKbps, 0)} kbit/s per consumer with both workers together at ${pct(workersCpu(sess.m), 0)}${sess.m.generatorSaturated.length ? `; load generator saturated (${sess.m.generatorSaturated.join('; ')})` : ''}${sess.m.machineContended ? '; machine ≥ 90 % busy' : ''}.${sess.m.viewerLoopP99 > 250 ? ` The viewer processes' event loops lagged (delay p99 ${ms(sess.m.viewerLoopP99)} ms, max ${ms(sess.m.viewerLoopMax)} ms), so media reached some viewers late, though with ${pct(sess.m.lossAfter * 100, 2)} loss.` : ''}`)
  for (const k of skipped) out.push(`  Not run with ${profileLine(k.profile)}: the one-worker run measured ${pct(k.perViewerCpu, 2)} of a core per ${KIND_SHORT[kind].replace(/s$/, '')} at that feed, so ${int(GOAL_SESSION)} viewers would need ~${pct(k.predictedCpu, 0)} for the generator alone, more than the machine has.`)
  if (runs.length > 1) out.push(`  Runs: ${runs.map((s) => `${profileLine(s.profile)} → ${int(s.m.receiving)}/${int(s.m.viewers)} receiving, loss ${pct(s.m.lossAfter * 100, 2)}`).join('; ')}.`)
  return out
}

/** The worker's cost per packet with each kind of viewer, over the one-worker steps where it served every consumer. */
function comparison(r: ReportInput): string[] {
  const per = (kind: ViewerKind) => {
    const steps = ofKind(r.perWorker, kind).filter((s) => workerServedAll(s.m) && Number.isFinite(usPerSent(s.m)))
    const packets = steps.reduce((a, s) => a + s.m.msSentPps, 0)
    return { steps, us: packets ? steps.reduce((a, s) => a + workersCpu(s.m) * 1e4, 0) / packets : NaN }
  }
  const w = per('werift'), s = per('srtp')
  if (!w.steps.length || !s.steps.length) return []
  return [`- **Worker cost per packet, werift vs SRTP viewers** (one worker, steps where it served every consumer): ${fix(w.us, 1)} µs per packet sent with werift viewers (${w.steps.map((x) => int(x.m.viewers)).join(', ')}; SRTP suite AEAD_AES_128_GCM, mediasoup's pick over DTLS from what werift offers), ${fix(s.us, 1)} µs with SRTP viewers (${s.steps.map((x) => int(x.m.viewers)).join(', ')}; ${r.srtpSuite}). `
    + 'With both, mediasoup encrypts SRTP per consumer; the WebRTC transports also answer ICE consent checks, did a DTLS handshake at join and take the viewers\' RTCP (receiver reports), which the SRTP viewers do not send.']
}

export function assessment(r: ReportInput): string {
  const out: string[] = []
  for (const kind of kindsIn(r)) out.push(...perCoreGoal(kind, ofKind(r.perWorker, kind)), ...sessionGoal(kind, r))
  out.push(...comparison(r))
  const all = [...kindsIn(r).flatMap((k) => ofKind(r.perWorker, k)), ...kindsIn(r).flatMap((k) => ofKind(r.session, k))]
  const contended = all.filter((s) => s.m.machineContended || s.m.otherCpu > 25)
  if (contended.length) out.push(`- **Machine load.** Other processes used ${all.map((s) => pct(s.m.otherCpu, 0)).join(', ')} of a core in the windows (in table order); the machine was ≥ 90 % busy in ${contended.filter((s) => s.m.machineContended).length} of ${all.length} windows. Figures from contended windows are pessimistic for everything, the worker included.`)
  return out.join('\n')
}
