// What bench/latency.ts measures once the pages run: a latency window (one viewer's decoded
// frames against the clock painted into them) and worker-death recovery trials.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FrameRow } from './latency-page.ts'
import { childrenNamed, pump, wall, type Probe } from './latency-browser.ts'
import type { ProcSampler } from './procstat.ts'
import { ROOT } from './servers.ts'

export interface Dist { n: number; p50: number; p95: number; p99: number; min: number; max: number; mean: number }

export function dist(values: number[]): Dist {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b)
  const q = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))]! : NaN)
  return { n: v.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), min: v[0] ?? NaN, max: v[v.length - 1] ?? NaN, mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN }
}

export interface Cpu { server: number; worker: number; ffmpeg: number; browser: number; other: number; machine: number }

export interface LatencyWindow {
  over: 'webrtc' | 'hls'
  /** The viewer's quality menu: 'auto' (layer by element size) or a simulcast layer 0–2. */
  quality: string
  /** CSS pixels of the viewer's <video> (1280×720 viewport). */
  element: string
  seconds: number
  /** Distinct pictures decoded (a repeated picture counts once). */
  frames: number
  fps: number
  misreads: number
  repeats: number
  /** Canvas paints per second in the publisher (captureStream takes at most its fps of them). */
  paintedPerS: number
  /** Display time (rVFC expectedDisplayTime) − painted time. */
  glass: Dist
  /** rVFC callback time − painted time: the same without the compositor's look-ahead. */
  callback: Dist
  /** Samples below zero: the pages' clocks disagreed (should be none on one machine). */
  negative: number
  /** Least-squares slope of the latency over the window, ms per second: > 0, the viewer falls behind. */
  driftMsPerS: number
  /** Most frequent decoded size, e.g. 1280x720, with its share of frames. */
  size: string
  sizes: Record<string, number>
  /** Largest difference between the publisher's and the viewer's (Date.now − timeOrigin − now). */
  clockSpreadMs: number
  cpu: Cpu
  hls?: HlsFacts
}

export interface HlsFacts {
  /** hls-player data-mode: the browser's own HLS, or hls.js. */
  mode: string
  /** The first media error of the viewer's page (the native player failing before hls.js takes over). */
  mediaError?: string
  requests: number
  /** The client's hls.js and its live offset in target durations (HlsPlayer.tsx leaves it at the default). */
  hlsjs?: { version: string; liveSyncDurationCount: number; playerOptions: string }
  /** Seconds of media the player held ahead of what it showed, mean of 1 s samples. */
  bufferAheadS: number
  /** Seconds of media played per second over the window (currentTime): < 1, the player falls behind. */
  playRate: number
  targetDurationS: number
  segmentS: Dist
  /** Seconds between two segments appearing in the playlist (polled every 250 ms). */
  segmentEveryS: Dist
  /** Segments the playlist listed when the viewer opened the page. */
  segmentsAtJoin?: number
}

/** Polls the live playlist: when each segment shows up, and what it says about itself. */
export class PlaylistWatch {
  readonly seen = new Map<string, { at: number; extinf: number }>()
  targetDuration = NaN
  #timer: NodeJS.Timeout | null = null

  constructor(private url: string) {}

  start(): this {
    const poll = async () => {
      const text = await fetch(this.url).then((r) => (r.ok ? r.text() : ''), () => '')
      const at = wall()
      const lines = text.split('\n').map((l) => l.trim())
      const t = lines.find((l) => l.startsWith('#EXT-X-TARGETDURATION:'))
      if (t) this.targetDuration = Number(t.split(':')[1])
      let extinf = NaN
      for (const l of lines) {
        if (l.startsWith('#EXTINF:')) extinf = Number.parseFloat(l.slice(8))
        else if (l && !l.startsWith('#') && !this.seen.has(l)) this.seen.set(l, { at, extinf })
      }
    }
    void poll()
    this.#timer = setInterval(() => void poll(), 250)
    return this
  }

  stop(): void { if (this.#timer) clearInterval(this.#timer) }

  /** Segments that appeared after `from` (the first poll finds a backlog, not arrivals). */
  facts(from: number): Pick<HlsFacts, 'targetDurationS' | 'segmentS' | 'segmentEveryS'> {
    const fresh = [...this.seen.values()].filter((s) => s.at > from).sort((a, b) => a.at - b.at)
    return {
      targetDurationS: this.targetDuration,
      segmentS: dist(fresh.map((s) => s.extinf)),
      segmentEveryS: dist(fresh.slice(1).map((s, i) => (s.at - fresh[i]!.at) / 1000)),
    }
  }
}

/** hls.js as the client resolves it: its version and default live offset, read rather than assumed. */
async function clientHlsJs(): Promise<HlsFacts['hlsjs']> {
  try {
    const path = createRequire(join(ROOT, 'client/package.json')).resolve('hls.js')
    const mod = (await import(pathToFileURL(path).href)) as { default: { version: string; DefaultConfig: { liveSyncDurationCount: number } } }
    const player = readFileSync(join(ROOT, 'client/src/media/HlsPlayer.tsx'), 'utf8')
    const playerOptions = /new Hls\((\{[^}]*\})?\)/.exec(player)?.[1] ?? '{}'
    return { version: mod.default.version, liveSyncDurationCount: mod.default.DefaultConfig.liveSyncDurationCount, playerOptions }
  } catch {
    return undefined
  }
}

/** Slope of y over x by least squares (NaN with fewer than two points). */
function slope(xs: number[], ys: number[]): number {
  if (xs.length < 2) return NaN
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0)
  return sxx ? xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / sxx : NaN
}

function sizes(frames: FrameRow[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of frames) out[`${f[3]}x${f[4]}`] = (out[`${f[3]}x${f[4]}`] ?? 0) + 1
  return out
}

/** One window of `seconds`: frames the viewer decoded in it, CPU of everything involved. */
export async function measureWindow(o: {
  over: 'webrtc' | 'hls'; quality: string; seconds: number; publisher: Probe; viewer: Probe; sampler: ProcSampler; playlist?: PlaylistWatch
}): Promise<LatencyWindow> {
  const { publisher, viewer } = o
  await Promise.all([publisher.drain(), viewer.drain()])
  const f0 = viewer.frames.length
  const counts0 = { misreads: viewer.misreads, repeats: viewer.repeats, painted: publisher.painted }
  const s0 = { pub: publisher.skews.length, view: viewer.skews.length, buf: viewer.bufferAhead.length, head: viewer.playhead.length }
  const from = wall()
  const t0 = Date.now()
  await pump([publisher, viewer], o.seconds * 1000, () => false, 1000)
  const to = wall()
  const frames = viewer.frames.slice(f0)
  const seconds = (to - from) / 1000
  const glass = frames.map((f) => f[0] - f[1])
  const skews = [...publisher.skews.slice(s0.pub), ...viewer.skews.slice(s0.view)]
  const sz = sizes(frames)
  const top = Object.entries(sz).sort((a, b) => b[1] - a[1])[0]
  const t1 = Date.now()
  const w = (label: string) => o.sampler.window(label, t0, t1).cpuMean
  const out: LatencyWindow = {
    over: o.over, quality: o.quality, element: await viewer.videoBox(), seconds, frames: frames.length, fps: frames.length / seconds,
    misreads: viewer.misreads - counts0.misreads, repeats: viewer.repeats - counts0.repeats,
    paintedPerS: (publisher.painted - counts0.painted) / seconds,
    glass: dist(glass), callback: dist(frames.map((f) => f[2] - f[1])), negative: glass.filter((x) => x < 0).length,
    driftMsPerS: slope(frames.map((f) => f[0] / 1000), glass),
    size: top ? `${top[0]} (${Math.round((top[1] / frames.length) * 100)} %)` : '–', sizes: sz,
    clockSpreadMs: skews.length ? Math.max(...skews) - Math.min(...skews) : NaN,
    cpu: { server: w('server'), worker: w('worker'), ffmpeg: w('ffmpeg'), browser: w('browser'), other: o.sampler.other(t0, t1), machine: o.sampler.window('server', t0, t1).machineMean },
  }
  if (o.over === 'hls') {
    const buf = viewer.bufferAhead.slice(s0.buf)
    const head = viewer.playhead.slice(s0.head)
    out.hls = {
      mode: (await viewer.attr('[data-testid="hls-player"]', 'data-mode')) ?? '?',
      mediaError: viewer.events.filter((e) => e[1] === 'media-error').map((e) => `MediaError ${e[2]}${e[3] ? `: ${e[3]}` : ''}`)[0],
      requests: viewer.hlsRequests,
      hlsjs: await clientHlsJs(),
      bufferAheadS: buf.length ? buf.reduce((a, b) => a + b, 0) / buf.length : NaN,
      playRate: slope(head.map((h) => h[0] / 1000), head.map((h) => h[1])),
      ...(o.playlist ? o.playlist.facts(from) : { targetDurationS: NaN, segmentS: dist([]), segmentEveryS: dist([]) }),
    }
  }
  return out
}

export interface Trial {
  n: number
  workerPid: number
  /** Everything below is ms after the SIGKILL; NaN when it was not seen within the timeout. */
  serverNoticed: number
  workerReplaced: number
  /** The publisher's page dropped its producers (it got media:reset). */
  publisherReset: number
  /** The server acked the new camera and microphone producers (studio-local data-publishing). */
  republished: number
  /** The publisher's new send transport (its RTCPeerConnection) connected. */
  sendConnected: number
  /** The viewer's new receive transport connected. */
  recvConnected: number
  /** The viewer's stage lists the new producer (the server's media:stage after the re-publish). */
  viewerNewProducer: number
  /** Display time of the last picture painted before the kill: when the picture froze. */
  lastOldFrame: number
  /** Display time of the first picture painted after the kill: (b), the recovery time. */
  firstNewFrame: number
  /** When that picture was painted: pictures painted before it never reached anyone. */
  firstNewFramePainted: number
  recovered: boolean
}

const firstAfter = (events: Probe['events'], from: number, key: string, attr: string, ok: (v: string) => boolean) =>
  events.find((e) => e[0] >= from && e[1] === key && e[2] === attr && ok(e[3]))?.[0] ?? NaN

/** pino lines (JSON, `time` in epoch ms) written to the server log after byte `offset`. */
function logLinesFrom(file: string, offset: number): { time: number; msg: string }[] {
  const size = statSync(file).size
  if (size <= offset) return []
  const buf = Buffer.alloc(size - offset)
  const fd = openSync(file, 'r')
  try { readSync(fd, buf, 0, buf.length, offset) } finally { closeSync(fd) }
  return buf.toString('utf8').split('\n').flatMap((l) => {
    try { return [JSON.parse(l) as { time: number; msg: string }] } catch { return [] }
  })
}

/** Frames flow: at least `minFrames` new pictures displayed in the last 2 s. */
const flowing = (v: Probe, minFrames: number) => v.frames.filter((f) => f[0] > wall() - 2000).length >= minFrames

/**
 * One trial: wait for steady frames, SIGKILL the session's mediasoup worker (MEDIA_WORKERS=1: the
 * only mediasoup-worker child of the server), and follow publisher, viewer and server log until the
 * viewer shows a picture painted after the kill, or `timeoutS` pass.
 */
export async function recoveryTrial(o: {
  n: number; serverPid: number; serverLog: string; publisher: Probe; viewer: Probe; timeoutS: number; settleS: number; log: (s: string) => void
}): Promise<Trial> {
  const { publisher, viewer } = o
  if (!(await pump([publisher, viewer], 60_000, () => flowing(viewer, 5)))) o.log('  frames are not flowing steadily; killing anyway')
  await pump([publisher, viewer], o.settleS * 1000)
  const pids = childrenNamed(o.serverPid, 'mediasoup-worke') // comm is cut to 15 characters
  if (pids.length !== 1) throw new Error(`expected one mediasoup-worker child of the server (${o.serverPid}), found ${pids.length}: run with MEDIA_WORKERS=1`)
  const producerBefore = await viewer.attr('[data-testid="stage-main"]', 'data-producer-id')
  await Promise.all([publisher.drain(), viewer.drain()])
  const ev0 = { pub: publisher.events.length, view: viewer.events.length }
  const offset = statSync(o.serverLog).size
  const killAt = wall()
  process.kill(pids[0]!, 'SIGKILL')
  const done = await pump([publisher, viewer], o.timeoutS * 1000, () => viewer.frames.some((f) => f[1] > killAt), 100)
  // A moment more, so that the publisher's and server's later steps are in too.
  await pump([publisher, viewer], 1000)
  const rel = (t: number) => t - killAt
  const pubEv = publisher.events.slice(ev0.pub)
  const viewEv = viewer.events.slice(ev0.view)
  const reset = firstAfter(pubEv, killAt, 'studio-local', 'data-publishing', (v) => v !== 'camera mic')
  const republished = firstAfter(pubEv, Number.isFinite(reset) ? reset : killAt, 'studio-local', 'data-publishing', (v) => v === 'camera mic')
  const sendConnected = firstAfter(pubEv, killAt, 'pc:send', 'connectionState', (v) => v === 'connected')
  const recvConnected = firstAfter(viewEv, killAt, 'pc:recv', 'connectionState', (v) => v === 'connected')
  const newProducer = firstAfter(viewEv, killAt, 'stage-main', 'data-producer-id', (v) => v !== '' && v !== producerBefore)
  const old = viewer.frames.filter((f) => f[1] <= killAt).pop()
  const first = viewer.frames.find((f) => f[1] > killAt)
  const lines = logLinesFrom(o.serverLog, offset)
  const died = lines.find((l) => l.msg.startsWith('media worker died'))
  const replaced = lines.find((l) => l.msg.startsWith('media worker replaced'))
  return {
    n: o.n, workerPid: pids[0]!,
    serverNoticed: died ? died.time - killAt : NaN,
    workerReplaced: replaced ? replaced.time - killAt : NaN,
    publisherReset: rel(reset), republished: rel(republished), sendConnected: rel(sendConnected), recvConnected: rel(recvConnected), viewerNewProducer: rel(newProducer),
    lastOldFrame: old ? rel(old[0]) : NaN, firstNewFrame: first ? rel(first[0]) : NaN, firstNewFramePainted: first ? rel(first[1]) : NaN,
    recovered: done,
  }
}
