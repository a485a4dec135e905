// Results of bench/latency.ts: console lines and the BENCHMARKS.md section.
import { availableParallelism } from 'node:os'
import type { Dist, LatencyWindow, Trial } from './latency-measure.ts'
import { fix, int, ms, pct, preamble, table } from './report.ts'

/** What a run leaves in results.json; enough to render its section again. */
export interface Saved {
  startedAt: string
  command: string
  cfg: { seconds: number; warmup: number; qualities: string[]; hlsPlayers: string[]; hlsJoinAfter?: number; trials: number; trialTimeout: number; trialSettle: number }
  /** One window per setting of the viewer's quality menu. */
  webrtc: LatencyWindow[]
  /** One window per HLS player variant ('page': the page's own choice; 'hlsjs': native HLS hidden). */
  hls: LatencyWindow[]
  /** The quality menu's setting during the recovery trials (the last WebRTC window's). */
  trialQuality?: string
  trials: Trial[]
  /** Uncaught errors in the pages. */
  problems: string[]
}

const median = (xs: number[]) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b)
  if (!v.length) return NaN
  const m = Math.floor(v.length / 2)
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2
}
const sec = (v: number) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : '–')
const p = (d: Dist) => `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)}`

/** What a window was: the quality menu (WebRTC) or the player (HLS). */
export function variant(w: LatencyWindow): string {
  if (w.over === 'webrtc') return w.quality === 'auto' ? 'WebRTC, quality auto' : `WebRTC, layer ${w.quality} chosen`
  const mode = w.hls?.mode === 'hlsjs' ? 'hls.js' : w.hls?.mode === 'native' ? 'Chromium\'s native HLS' : '?'
  return w.quality === 'hlsjs' ? `HLS, native HLS hidden → ${mode}` : `HLS, the page's choice → ${mode}`
}

export function windowLine(w: LatencyWindow): string {
  return `  ${variant(w)} (element ${w.element}): ${int(w.frames)} frames in ${fix(w.seconds, 1)} s (${fix(w.fps, 1)} fps, ${w.size}), ${w.misreads} misread; `
    + `glass-to-glass p50/p95/p99 ${p(w.glass)} ms (max ${ms(w.glass.max)}, drift ${fix(w.driftMsPerS, 1)} ms/s); clock spread ${fix(w.clockSpreadMs, 2)} ms; `
    + `CPU server ${pct(w.cpu.server, 0)}, worker ${pct(w.cpu.worker, 0)}, ffmpeg ${pct(w.cpu.ffmpeg, 0)}, Chromium ${pct(w.cpu.browser, 0)}, other ${pct(w.cpu.other, 0)}`
    + (w.hls ? `\n    ${w.hls.requests} HLS requests${w.hls.mediaError ? ` (${w.hls.mediaError})` : ''}; segments ${fix(w.hls.segmentS.mean, 2)} s (target ${w.hls.targetDurationS}), one every ${fix(w.hls.segmentEveryS.p50, 2)} s; `
      + `player ${fix(w.hls.bufferAheadS, 2)} s ahead, playing ${fix(w.hls.playRate, 2)} s per s` : '')
}

export function trialLine(t: Trial): string {
  return `  kill ${t.n} (worker ${t.workerPid}): server noticed ${ms(t.serverNoticed)} ms, worker replaced ${ms(t.workerReplaced)} ms, `
    + `publisher reset ${ms(t.publisherReset)}, re-published ${ms(t.republished)}, send connected ${ms(t.sendConnected)}, viewer's receive connected ${ms(t.recvConnected)}, viewer sees the new producer ${ms(t.viewerNewProducer)}; `
    + `last old picture shown ${ms(t.lastOldFrame)}, first new picture shown ${ms(t.firstNewFrame)} ms (painted at ${ms(t.firstNewFramePainted)})${t.recovered ? '' : ' — NOT RECOVERED'}`
}

function latencyRow(w: LatencyWindow): (string | number)[] {
  return [
    variant(w), w.element, `${int(w.frames)} (${fix(w.fps, 1)} fps)`, `${int(w.misreads)} / ${int(w.repeats)}`, w.size,
    `**${ms(w.glass.p50)}**`, `**${ms(w.glass.p95)}**`, ms(w.glass.p99), `${ms(w.glass.min)} / ${ms(w.glass.max)}`, ms(w.callback.p50), fix(w.driftMsPerS, 1),
    `${pct(w.cpu.server, 0)} / ${pct(w.cpu.worker, 0)} / ${pct(w.cpu.ffmpeg, 0)} / ${pct(w.cpu.browser, 0)} / ${pct(w.cpu.other, 0)}`,
    `${pct(w.cpu.machine, 0)}${w.cpu.machine >= 90 ? ' ⚠' : ''}`,
  ]
}
const LATENCY_HEAD = ['path → player', '<video> CSS px', 'pictures shown', 'misread / repeated', 'decoded size (share)', 'p50 ms', 'p95 ms', 'p99 ms', 'min / max ms',
  'callback p50 ms', 'drift ms/s', 'CPU server / worker / ffmpeg / Chromium / other', 'machine busy']

function trialRow(t: Trial): (string | number)[] {
  return [String(t.n), sec(t.serverNoticed), sec(t.workerReplaced), sec(t.publisherReset), sec(t.republished), sec(t.sendConnected), sec(t.recvConnected), sec(t.viewerNewProducer),
    sec(t.lastOldFrame), `**${sec(t.firstNewFrame)}**`, sec(t.firstNewFramePainted), t.recovered ? 'yes' : '**no**']
}
const TRIAL_HEAD = ['kill', 'server noticed', 'worker replaced', 'publisher reset', '(a) re-published', 'publisher\'s send transport connected', 'viewer\'s receive transport connected', 'viewer sees new producer',
  'last old picture shown', '(b) first new picture shown', 'it was painted at', 'recovered']

/** The WebRTC window to compare HLS with: quality auto (the top layer at this viewport, as HLS is 720p), else the last. */
const topWebrtc = (r: Saved) => r.webrtc.find((w) => w.quality === 'auto') ?? r.webrtc[r.webrtc.length - 1]

/** One HLS window explained from what was measured in it. */
function hlsBullet(w: LatencyWindow): string {
  const h = w.hls!
  const p50 = w.glass.p50 / 1000
  const seg = h.segmentS.mean
  const head = `- **${variant(w)}** (p50 ${fix(p50, 2)} s): opened with ${h.segmentsAtJoin ?? '?'} segments listed, ${int(h.requests)} requests to \`/media/hls/\``
    + (h.mediaError && h.mode === 'hlsjs' && w.quality !== 'hlsjs'
      ? `; HlsPlayer.tsx tried the browser's own HLS first (this Chromium answers \`canPlayType('application/vnd.apple.mpegurl')\`), which failed with ${h.mediaError}, and hls.js took over, as the component intends` : '')
    + `; the player held ${fix(h.bufferAheadS, 2)} s of media beyond the picture on screen and played ${fix(h.playRate, 2)} s of media per second; latency drift ${fix(w.driftMsPerS, 1)} ms/s.`
  if (h.mode === 'hlsjs') {
    // hls.js's LatencyController: targetLatency = liveSyncDurationCount × target duration.
    const count = h.hlsjs?.liveSyncDurationCount ?? NaN
    const target = count * h.targetDurationS
    const changed = /liveSync/.test(h.hlsjs?.playerOptions ?? '')
    return `${head}\n  hls.js puts the playhead \`liveSyncDurationCount\` × \`#EXT-X-TARGETDURATION\` behind the live edge it reads off the playlist: the client's hls.js ${h.hlsjs?.version ?? '?'} defaults the count to ${count}, `
      + `and HlsPlayer.tsx creates it with \`${h.hlsjs?.playerOptions ?? '?'}\`${changed ? ' (**which sets it: the target below assumes the default**)' : ''}, so it aims at ${count} × ${h.targetDurationS} s = **${fix(target, 0)} s**. `
      + `Measured ${fix(p50, 2)} s, ${ms(w.glass.p50 - target * 1000)} ms more: the playlist's edge is the end of the newest *complete* segment, which was painted up to a segment (plus the encoding) before it was listed, `
      + `and hls.js takes its start position from the playlist it loaded, then needs a moment to fetch and start playing; it keeps whatever offset it started with${Math.abs(w.driftMsPerS) < 20 ? ` (drift ${fix(w.driftMsPerS, 1)} ms/s)` : `, here with a drift of ${fix(w.driftMsPerS, 1)} ms/s`}. `
      + `The segment length is the multiplier: 1 s segments (\`hlsSegmentSeconds: 1\`) would make hls.js aim at ${fix(count, 0)} s, and each step less of \`liveSyncDurationCount\` takes one segment off, at the price of stalls when a segment comes late.`
  }
  return `${head}\n  Chromium's own player chooses how far behind the live edge it plays (no setting of the page reaches it). Of the ${fix(p50, 2)} s, the buffer ahead is ${fix(h.bufferAheadS, 2)} s; `
    + `the other ${fix(p50 - h.bufferAheadS, 2)} s is media not in the player yet: the segment being written (a picture can only be fetched once its segment is complete and listed, up to ${fix(seg, 1)} s after it was painted), `
    + `ffmpeg's decode and x264, the playlist poll and the download.${h.playRate < 0.98 ? ` Playing ${fix(h.playRate, 2)} s of media per second, it was falling behind during the window: the figure grew the longer it played.` : ''}`
}

function hlsSection(r: Saved): string {
  const h0 = r.hls.find((w) => w.hls)?.hls
  if (!h0) return ''
  const segs = r.hls.map((w) => w.hls!).filter((h) => h.segmentS.n)
  const seg = segs.length ? segs.reduce((a, h) => a + h.segmentS.mean, 0) / segs.length : NaN
  return `### HLS: what the figure is made of

The viewers were on HLS: the stage said \`data-webrtc="false"\` and the pages fetched \`/media/hls/\`. The recorder
(media/src/recorder/ffmpeg.ts; the server uses StageRecorder's default \`hlsSegmentSeconds\`) re-encodes the stage with libx264
(\`veryfast\`, \`zerolatency\`: no look-ahead) at 25 fps, forces a key frame at every segment boundary and writes an EVENT playlist
(\`-hls_time\` = segment length, \`-hls_list_size 0\`, \`omit_endlist\`). Measured from the playlist (polled every 250 ms) during the
windows: \`#EXT-X-TARGETDURATION\` ${h0.targetDurationS}, segments of ${fix(seg, 2)} s on average, one appearing every ${fix(median(segs.map((h) => h.segmentEveryS.p50)), 2)} s (median).

${r.hls.filter((w) => w.hls).map(hlsBullet).join('\n')}

Below a segment or two it takes LL-HLS (partial segments), or WebRTC${topWebrtc(r) ? ` (p50 ${ms(topWebrtc(r)!.glass.p50)} ms here, ${variant(topWebrtc(r)!).replace('WebRTC, ', '')})` : ''}.
`
}

export function latencySection(r: Saved, dir: string): string {
  const w = [...r.webrtc, ...r.hls]
  const t = r.trials
  const recovered = t.filter((x) => x.recovered)
  const medianRow = t.length > 1 ? [['**median**', sec(median(t.map((x) => x.serverNoticed))), sec(median(t.map((x) => x.workerReplaced))), sec(median(t.map((x) => x.publisherReset))),
    sec(median(t.map((x) => x.republished))), sec(median(t.map((x) => x.sendConnected))), sec(median(t.map((x) => x.recvConnected))), sec(median(t.map((x) => x.viewerNewProducer))), sec(median(t.map((x) => x.lastOldFrame))),
    `**${sec(median(recovered.map((x) => x.firstNewFrame)))}**`, sec(median(recovered.map((x) => x.firstNewFramePainted))), `${recovered.length} of ${t.length}`]] : []
  const spread = Math.max(...w.map((x) => x.clockSpreadMs).filter(Number.isFinite), 0)
  return `${preamble('Latency: glass-to-glass on loopback (WebRTC, HLS), recovery after a mediasoup worker dies', r.command)}
**Method.** The real server (\`server/src/main.ts\`, demo data, \`NODE_ENV=production\`) serving the built client, with the e2e
video project's media settings (mediasoup on 127.0.0.1, recording and HLS on) and \`MEDIA_WORKERS=1\`; Debian's Chromium driven by
Playwright with the e2e's flags (fake devices, loopback ICE), one browser, one context per person, 1280×720 viewport. The demo
guest logs in, opens the studio and turns on camera and microphone; the demo host goes live, as in \`e2e/specs/video.spec.ts\`
(the host's studio is then closed so that it does not decode the stream too). The guest's camera is not Chromium's fake one: an
init script replaces \`getUserMedia\`'s video with \`canvas.captureStream(30)\` of a 1280×720 canvas that, on every animation frame,
paints \`performance.timeOrigin + performance.now()\` (wall-clock ms) as 8 × 8 black and white cells: 48 bits of time and a CRC-16
(each cell is 40 × 22 pixels even in the quarter-size simulcast layer). The microphone stays the fake device. A citizen opens the
public page \`/s/demo-video\` in another context; on every frame its \`<video>\` presents (\`requestVideoFrameCallback\`) the page
draws it onto a small canvas, reads the cells and, when the CRC matches, records the frame's \`expectedDisplayTime\` (same wall
clock) minus the painted time: *glass to glass*, from the moment the picture exists in the publisher's page to the moment the
viewer's compositor shows it — capture, encoding, the send transport, the SFU, the jitter buffer, decoding, compositing (a camera
sensor and a screen's scan-out are not involved). A CRC mismatch counts as *misread* and is discarded; a picture presented twice
counts once. All pages run on this machine and read one system clock: each page's \`Date.now() − (timeOrigin + now())\` was sampled
every second and differed by at most ${fix(spread, 2)} ms between pages and samples. Each window is ${r.cfg.seconds} s, after the first decoded
frames and ${r.cfg.warmup} s of warm-up (HLS: ${r.cfg.warmup * 2} s; WebRTC, after each change of the quality menu, ${r.cfg.warmup} s). WebRTC windows differ in the
viewer's quality menu (*auto* asks for the top layer at this element size; *layer 0* is what a thumbnail or a small phone gets).
HLS: a second server with \`WEBRTC_AUDIENCE_LIMIT=0\`, so that citizens fall back to the recorder's HLS; the viewers open the page
once the playlist lists ${r.cfg.hlsJoinAfter ?? '?'} segments (a viewer of the recording's first seconds finds fewer segments to stand back on); one lets
the page pick its player, a second one, opened after the first closed, has \`canPlayType\` deny HLS (as browsers without native
HLS do) so that the page uses hls.js. CPU: \`/proc/<pid>/stat\`, 100 % = one core; the machine's ${availableParallelism()} cores are shared by the server, its
mediasoup worker, ffmpeg (the recorder) and Chromium (encoding 720p simulcast and decoding).

### Glass-to-glass latency

${w.length ? table(LATENCY_HEAD, w.map(latencyRow)) : '*not run*'}

*callback p50*: the \`requestVideoFrameCallback\` call time instead of \`expectedDisplayTime\` (the compositor's look-ahead left out).
*drift*: least-squares slope of the latency over the window; above zero the viewer was falling behind.

${hlsSection(r)}
### Recovery after SIGKILL of the mediasoup worker

${t.length ? `With the WebRTC set-up running (viewer's quality menu: ${r.trialQuality ?? 'auto'}) and pictures flowing (${r.cfg.trialSettle} s of steady frames before each
kill), the script sends SIGKILL to the server's only \`mediasoup-worker\` and follows the server log (pino \`time\` of "media
worker died", "media worker replaced"), the publisher's studio (\`studio-local\` \`data-publishing\` going empty on \`media:reset\`,
then back to "camera mic" once the server acked the new producers: **(a) re-published**), both pages' RTCPeerConnection states
(wrapped by the init script) and the viewer's stage (a new producer id; the pictures it shows). **(b)** is when the viewer showed the first picture *painted
after the kill*: the stage is really back (pictures painted in between never reached anyone). Seconds after the kill; a trial
gives up after ${r.cfg.trialTimeout} s.

${table(TRIAL_HEAD, [...t.map(trialRow), ...medianRow])}
` : '*not run*\n'}
### Assessment

${assessment(r)}

Raw results: \`${dir.replace(/^.*\/data\//, 'data/')}/results.json\`; every decoded frame, attribute change and playhead sample in \`raw-*.json\` next to it.
`
}

function assessment(r: Saved): string {
  const out: string[] = []
  for (const wr of r.webrtc) {
    out.push(`- **${variant(wr)}: p50 ${ms(wr.glass.p50)} ms, p95 ${ms(wr.glass.p95)} ms** glass to glass, ${int(wr.frames)} pictures in ${fix(wr.seconds, 0)} s `
      + `(${fix(wr.fps, 1)} fps shown, of ${fix(wr.paintedPerS, 0)} canvas paints/s), decoded at ${wr.size}, ${int(wr.misreads)} misread; machine ${pct(wr.cpu.machine, 0)} busy `
      + `(Chromium ${pct(wr.cpu.browser, 0)} of a core, other processes ${pct(wr.cpu.other, 0)}).`)
  }
  if (r.webrtc.length) {
    out.push('  No network is involved: this is what the software stack itself costs on this machine (capture, encoder, SFU, jitter buffer, '
      + 'decoder, compositor); a real viewer adds the network\'s one-way delay, and a jitter buffer that grows with the network\'s jitter.')
  }
  const base = topWebrtc(r)
  for (const hls of r.hls) {
    out.push(`- **${variant(hls)}: p50 ${fix(hls.glass.p50 / 1000, 1)} s, p95 ${fix(hls.glass.p95 / 1000, 1)} s**${base ? `, ${fix(hls.glass.p50 / base.glass.p50, 0)}× the p50 of WebRTC (${variant(base).replace('WebRTC, ', '')})` : ''}.`)
  }
  if (r.hls.length) out.push('  Enough to follow an interview, too late for a conversation: a citizen asking to speak is moved onto WebRTC (a publisher always is).')
  const t = r.trials
  if (t.length) {
    const ok = t.filter((x) => x.recovered)
    const b = ok.map((x) => x.firstNewFrame)
    out.push(`- **Worker death: ${ok.length} of ${t.length} kills recovered by themselves**${ok.length ? `; median ${sec(median(t.map((x) => x.republished)))} to the publisher's re-publish (a) and **${sec(median(b))}** to the viewer's first picture painted after the kill (b), range ${sec(Math.min(...b))}–${sec(Math.max(...b))}` : ''}. `
      + 'The columns in between show where the time goes: the replacement worker, each page\'s rebuild (join, transports, ICE/DTLS), the new producer announced, the viewer\'s first key frame.'
      + (ok.length < t.length ? ` **${t.length - ok.length} kill(s) did not recover within ${r.cfg.trialTimeout} s.**` : ''))
  }
  const all = [...r.webrtc, ...r.hls]
  const busy = all.filter((x) => x.cpu.machine >= 90 || x.cpu.other > 25)
  if (busy.length) out.push(`- **Machine load.** Other processes used ${all.map((x) => pct(x.cpu.other, 0)).join(', ')} of a core in the windows (table order); ${busy.length} of ${all.length} windows had the machine ≥ 90 % busy or others above 25 %. Encoding and decoding waited for CPU there, so those figures are pessimistic.`)
  const negative = all.reduce((a, x) => a + x.negative, 0)
  if (negative) out.push(`- ${int(negative)} frames had a negative latency: the pages' clocks disagreed; those windows are suspect.`)
  if (r.problems.length) out.push(`- Page errors: ${r.problems.slice(0, 5).join('; ')}${r.problems.length > 5 ? ` (and ${r.problems.length - 5} more)` : ''}.`)
  return out.join('\n')
}
