// Glass-to-glass latency of the video interview on loopback, over WebRTC and over HLS, and how
// long the stage takes to come back after its mediasoup worker is killed. The real server with
// the built client, the real studio and public page in Chromium; the guest's camera is a canvas
// painting the wall clock, which the viewer's page reads back off each decoded frame.
// See bench/README.md; `npx tsx bench/latency.ts --help`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { flags, num, outputFlags, writes } from './lib/args.ts'
import { latestProfile, summarize } from './lib/profile.ts'
import { childrenNamed, descendants, goLive, launch, openViewer, pump, SESSION, type Probe } from './lib/latency-browser.ts'
import { measureWindow, PlaylistWatch, recoveryTrial, type LatencyWindow, type Trial } from './lib/latency-measure.ts'
import { latencySection, windowLine, trialLine, type Saved } from './lib/latency-report.ts'
import { ProcSampler, waitQuiet } from './lib/procstat.ts'
import { rerendered, writeSection } from './lib/report.ts'
import { ROOT, runDir, startOpenDay, type Running } from './lib/servers.ts'

const f = flags('npx tsx bench/latency.ts [flags]   glass-to-glass latency (WebRTC, HLS) and worker-death recovery, in Chromium', {
  ...outputFlags('smoke run (~1.5 min: one short window per path, one recovery trial)'),
  only: { type: 'string', help: 'webrtc | hls | recovery (default: all three)' },
  seconds: { type: 'string', help: 'seconds measured per latency window', default: '30; quick 6' },
  warmup: { type: 'string', help: 'seconds between the first decoded frame and the window (WebRTC; HLS waits twice as long)', default: '10; quick 3' },
  qualities: { type: 'string', help: 'WebRTC windows, one per setting of the viewer\'s quality menu, in order: auto (by element size: the top layer at this viewport), 0, 1, 2; recovery runs with the last', default: '0,auto; quick auto' },
  'hls-players': { type: 'string', help: 'HLS windows, one viewer each: page (the page picks, native HLS first) and/or hlsjs (native HLS hidden from the page)', default: 'page,hlsjs; quick hlsjs' },
  'hls-join-after': { type: 'string', help: 'open the HLS viewers once the playlist lists this many segments (a viewer of the first seconds starts nearer the edge)', default: '6; quick 3' },
  trials: { type: 'string', help: 'worker kills in the recovery run', default: '5; quick 1' },
  'trial-timeout': { type: 'string', help: 'seconds to wait for a picture painted after the kill', default: '60' },
  'trial-settle': { type: 'string', help: 'seconds of steady frames before each kill', default: '8; quick 3' },
  'quiet-wait': { type: 'string', help: 'seconds to wait for the shared machine to be idle before each run', default: '60; quick 0' },
  'quiet-busy': { type: 'string', help: 'machine busy % (all cores) counted as idle enough', default: '25' },
  from: { type: 'string', help: 'no run: render the section again from a run directory\'s results.json' },
  'cpu-prof': { type: 'boolean', help: 'write a V8 CPU profile of each server and print its top functions' },
})

const quick = Boolean(f.quick)
const Q = <T,>(full: T, q: T): T => (quick ? q : full)
const only = typeof f.only === 'string' ? f.only : undefined
if (only && !['webrtc', 'hls', 'recovery'].includes(only)) throw new Error(`--only webrtc|hls|recovery, not ${only}`)
const cfg = {
  only,
  seconds: num(f.seconds, Q(30, 6)),
  warmup: num(f.warmup, Q(10, 3)),
  qualities: String(f.qualities ?? Q('0,auto', 'auto')).split(',').map((q) => q.trim()),
  hlsPlayers: String(f['hls-players'] ?? Q('page,hlsjs', 'hlsjs')).split(',').map((q) => q.trim()),
  hlsJoinAfter: num(f['hls-join-after'], Q(6, 3)),
  trials: num(f.trials, Q(5, 1)),
  trialTimeout: num(f['trial-timeout'], 60),
  trialSettle: num(f['trial-settle'], Q(8, 3)),
  quietWait: num(f['quiet-wait'], Q(60, 0)),
  quietBusy: num(f['quiet-busy'], 25),
}
const write = writes(f)
const dir = typeof f.from === 'string' ? resolve(f.from) : runDir('latency')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)
const CLIENT_DIST = join(ROOT, 'client/dist')

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    }).on('error', rej)
  })
}

/**
 * The server as the e2e "video" project starts it (e2e/start-server.sh, playwright.config.ts):
 * the built client, media on 127.0.0.1, recording (and so HLS) on. One mediasoup worker, so that
 * the recovery run kills the one hosting the session.
 */
async function server(name: string, audienceLimit: number): Promise<Running> {
  const port = await freePort()
  return startOpenDay({
    port, dbUrl: `file:${join(dir, `${name}.db`)}`, dir, cpuProfDir: f['cpu-prof'] ? join(dir, `prof-${name}`) : undefined,
    env: {
      // Its own files: the recorder appends to a session's playlist, which must not be the previous server's.
      DATA_DIR: join(dir, `files-${name}`),
      CLIENT_DIST, MEDIA_ENABLED: 'true', MEDIA_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1', RECORDING_ENABLED: 'true',
      WEBRTC_AUDIENCE_LIMIT: String(audienceLimit),
    },
  })
}

function sampler(srv: Running): ProcSampler {
  const browser = () => childrenNamed(process.pid, 'chrom').flatMap((p) => [p, ...descendants(p)])
  return new ProcSampler({
    server: srv.pid, worker: () => childrenNamed(srv.pid, 'mediasoup-worke'), ffmpeg: () => childrenNamed(srv.pid, 'ffmpeg'),
    browser, bench: process.pid,
  }).start()
}

/** Waits for the viewer's first decoded frames, then `warmup` seconds more. */
async function firstFrames(publisher: Probe, viewer: Probe, warmup: number): Promise<void> {
  const ok = await pump([publisher, viewer], 120_000, () => viewer.frames.length >= 5)
  if (!ok) {
    throw new Error(`the viewer decoded no clock frames in 120 s (${viewer.callbacks} frames seen, ${viewer.misreads} misread); `
      + `problems: ${[...publisher.problems, ...viewer.problems].join('; ') || 'none'}`)
  }
  await pump([publisher, viewer], warmup * 1000)
}

/** Everything the pages recorded, for looking into a figure afterwards. */
function saveRaw(name: string, publisher?: Probe, viewer?: Probe, playlist?: PlaylistWatch): void {
  writeFileSync(join(dir, `raw-${name}.json`), JSON.stringify({
    frames: viewer?.frames, playhead: viewer?.playhead, viewerEvents: viewer?.events, publisherEvents: publisher?.events,
    playlist: playlist ? [...playlist.seen] : undefined, problems: [...publisher?.problems ?? [], ...viewer?.problems ?? []],
  }))
}

/**
 * One server, one browser. WebRTC: one viewer, a window per quality-menu setting, then the
 * recovery trials. HLS: a viewer per player variant, one after the other (each decodes 720p).
 */
async function run(over: 'webrtc' | 'hls', doWindow: boolean, trials: number): Promise<{ windows: LatencyWindow[]; trials: Trial[]; problems: string[] }> {
  if (cfg.quietWait) await waitQuiet(cfg.quietBusy, cfg.quietWait, (s) => log(s))
  log(`${over}: starting the server${over === 'hls' ? ' with WEBRTC_AUDIENCE_LIMIT=0' : ''}`)
  const srv = await server(over, over === 'hls' ? 0 : 2)
  let browser: Browser | undefined
  let procs: ProcSampler | undefined
  let playlist: PlaylistWatch | undefined
  let publisher: Probe | undefined
  let viewer: Probe | undefined
  const windows: LatencyWindow[] = []
  const trialsDone: Trial[] = []
  const problems: string[] = []
  try {
    browser = await launch()
    publisher = await goLive(browser, srv.url, (s) => log(s))
    procs = sampler(srv)
    if (over === 'hls') {
      const list = playlist = new PlaylistWatch(`${srv.url}/media/hls/${SESSION}/index.m3u8`).start()
      if (!(await pump([publisher], 180_000, () => list.seen.size >= cfg.hlsJoinAfter, 500))) throw new Error(`the playlist did not reach ${cfg.hlsJoinAfter} segments in 180 s`)
      for (const player of doWindow ? cfg.hlsPlayers : []) {
        const listed = list.seen.size
        viewer = await openViewer(browser, srv.url, `viewer-${player}`, 'hls', player === 'hlsjs')
        log(`  viewer joined over HLS${player === 'hlsjs' ? ' (native HLS hidden from the page)' : ''}`)
        await firstFrames(publisher, viewer, cfg.warmup * 2)
        const w = await measureWindow({ over, quality: player, seconds: cfg.seconds, publisher, viewer, sampler: procs, playlist: list })
        if (w.hls) w.hls.segmentsAtJoin = listed
        windows.push(w)
        log(windowLine(w))
        saveRaw(`hls-${player}`, publisher, viewer, playlist)
        problems.push(...viewer.problems)
        await viewer.close()
        viewer = undefined
      }
      return { windows, trials: trialsDone, problems: [...problems, ...publisher.problems] }
    }
    viewer = await openViewer(browser, srv.url, 'viewer', 'webrtc')
    log('  viewer joined over WebRTC')
    await firstFrames(publisher, viewer, cfg.warmup)
    let menu = 'auto' // the page's initial choice
    for (const quality of doWindow ? cfg.qualities : []) {
      if (quality !== menu) {
        await viewer.page.getByTestId('stage-quality').selectOption(quality)
        menu = quality
        // The new layer starts at its next key frame; the warm-up lets the jitter buffer settle too.
        await pump([publisher, viewer], cfg.warmup * 1000)
      }
      const w = await measureWindow({ over, quality, seconds: cfg.seconds, publisher, viewer, sampler: procs })
      windows.push(w)
      log(windowLine(w))
      if (viewer.hlsRequests) throw new Error(`the WebRTC viewer fetched HLS ${viewer.hlsRequests} times`)
    }
    for (let n = 1; n <= trials; n++) {
      const t = await recoveryTrial({ n, serverPid: srv.pid, serverLog: srv.log, publisher, viewer, timeoutS: cfg.trialTimeout, settleS: cfg.trialSettle, log: (s) => log(s) })
      trialsDone.push(t)
      log(trialLine(t))
    }
    saveRaw('webrtc', publisher, viewer)
    const done = { windows, trials: trialsDone, problems: [...publisher.problems, ...viewer.problems] }
    viewer = undefined
    return done
  } finally {
    if (viewer) saveRaw(`${over}-failed`, publisher, viewer, playlist)
    playlist?.stop()
    procs?.stop()
    await browser?.close().catch(() => undefined)
    await srv.stop()
    const prof = f['cpu-prof'] ? latestProfile(join(dir, `prof-${over}`)) : null
    if (prof) console.log(`\n${over} server CPU profile (${prof}):\n${summarize(prof, 25)}`)
  }
}

async function measureAll(): Promise<Saved> {
  const startedAt = new Date().toISOString()
  log(`latency benchmark${quick ? ' (quick)' : ''}; files in ${dir}`)
  if (!existsSync(join(CLIENT_DIST, 'index.html'))) throw new Error(`no built client in ${CLIENT_DIST}: npm run build -w client`)
  const webrtcWindow = !only || only === 'webrtc'
  const trials = !only || only === 'recovery' ? cfg.trials : 0
  const saved: Saved = { startedAt, command: `npx tsx bench/latency.ts ${process.argv.slice(2).join(' ')}`.trim(), cfg, webrtc: [], hls: [], trials: [], problems: [] }
  if (webrtcWindow || trials) {
    const r = await run('webrtc', webrtcWindow, trials)
    saved.webrtc = r.windows
    saved.trialQuality = r.windows.length ? r.windows[r.windows.length - 1]!.quality : 'auto'
    saved.trials = r.trials
    saved.problems.push(...r.problems)
  }
  if (!only || only === 'hls') {
    const r = await run('hls', true, 0)
    saved.hls = r.windows
    saved.problems.push(...r.problems)
  }
  writeFileSync(join(dir, 'results.json'), JSON.stringify(saved, null, 2))
  return saved
}

async function main() {
  const rerender = typeof f.from === 'string'
  const saved: Saved = rerender ? JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Saved : await measureAll()
  let text = latencySection(saved, dir)
  if (rerender) text = rerendered(text, saved.startedAt)
  console.log(`\n${text}`)
  if (rerender ? !f['no-write'] : write) {
    writeSection('latency', text)
    log('BENCHMARKS.md updated')
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
