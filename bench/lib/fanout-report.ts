// Markdown sections of bench/fanout.ts's results (split out of the script to keep it readable).
import type { Hist } from './hist.ts'
import { fix, int, ms, pct, preamble, table } from './report.ts'

/** The settings of a fan-out run that the report quotes. */
export interface FanoutReportConfig {
  rate: number; duration: number; warmup: number; maxDrain: number; workers: number
  floorRate: number; floorDuration: number; questionEvery: number; transcriptEvery: number; voters: number; votes: number
  viewerClient: 'lean' | 'full'
  clientNice: number
}

/** How the simulated viewers connect, for the method paragraphs. */
function viewerText(cfg: FanoutReportConfig): string {
  const how = cfg.viewerClient === 'lean'
    ? 'lean socket.io clients (`lib/lean-socket.ts`: the socket.io protocol over a plain `ws` WebSocket, packets read by socket.io-parser; staff use socket.io-client)'
    : 'socket.io-client connections'
  // Simulated viewers stand for other people's devices: at nice 10 they take the cores the server
  // leaves, instead of taking turns with it in the middle of a broadcast.
  return `${how}${cfg.clientNice ? `, the client processes at nice ${cfg.clientNice} so that the server runs first on the shared cores` : ''}`
}

export interface SatResult {
  target: 'baseline' | 'openday'
  clients: number
  joined: number
  posted: number
  postErrors: Record<string, number>
  deliveriesPerS: number
  framesPerS: number
  reach: number
  lat: ReturnType<Hist['summary']>
  first: ReturnType<Hist['summary']>
  hostAck: ReturnType<Hist['summary']>
  cpu: number
  cpuMax: number
  rss: number
  clientCpu: number
  machine: number
  other: number
  idleBefore: number
  disconnects: number
  loopDelay: number
  serverLoop: { p99: number; max: number; elu: number }
}

export interface RealResult {
  viewers: number
  joined: number
  connectS: number
  seconds: number
  transcripts: number
  questions: number
  latTranscript: ReturnType<Hist['summary']>
  latQuestion: ReturnType<Hist['summary']>
  latAll: ReturnType<Hist['summary']>
  latFirst: ReturnType<Hist['summary']>
  reachTranscript: number
  reachQuestion: number
  framesPerViewerS: number
  /** Share of frames that carried only the viewer count. */
  viewersOnlyShare: number
  /** Share of frames that carried upvote counts. */
  voteShare: number
  votesOkPerS: number
  votesSent: number
  voteCodes: Record<string, number>
  votesStarved: number
  voteAck: ReturnType<Hist['summary']>
  voteVisible: ReturnType<Hist['summary']>
  postAck: ReturnType<Hist['summary']>
  submitAck: ReturnType<Hist['summary']>
  approveAck: ReturnType<Hist['summary']>
  commandErrors: Record<string, number>
  cpu: number
  cpuMax: number
  rss: number
  rssEnd: number
  clientCpu: number
  machine: number
  other: number
  idleBefore: number
  disconnects: number
  disconnectReasons: Record<string, number>
  loopDelay: number
  serverLoop: { p99: number; max: number; elu: number }
  frameMs: string
  tallyMs: string
}


export function satSection(rs: SatResult[], cfg: FanoutReportConfig, cmdLine: string): string {
  const rows: (string | number)[][] = []
  for (const r of rs) {
    const base = rs.find((b) => b.target === 'baseline' && b.clients === r.clients)
    const ratio = (a: number, b: number) => (r.target === 'baseline' ? '1' : base ? fix(a / b) : '–')
    rows.push([
      r.target === 'baseline' ? 'plain socket.io' : 'OpenDay', int(r.clients), `${r.posted}${Object.keys(r.postErrors).length ? ` (errors ${JSON.stringify(r.postErrors)})` : ''}`,
      `**${int(r.deliveriesPerS)}**`, int(r.framesPerS), fix(r.deliveriesPerS / r.framesPerS, 1),
      `**${ratio(r.deliveriesPerS, base?.deliveriesPerS ?? NaN)}**`, ratio(r.framesPerS, base?.framesPerS ?? NaN),
      pct(r.reach * 100, 2), ms(r.lat.p50), ms(r.lat.p95), ms(r.lat.p99), ms(r.lat.max),
      `${pct(r.cpu, 0)} / ${pct(r.cpuMax, 0)}`, `${pct(r.serverLoop.elu * 100, 0)} / ${ms(r.serverLoop.max)}`, int(r.rss), pct(r.clientCpu, 0), pct(r.other, 0), pct(r.machine, 0), int(r.disconnects),
    ])
  }
  const top = Math.max(...rs.map((r) => r.clients))
  const b = rs.find((r) => r.target === 'baseline' && r.clients === top)
  const o = rs.find((r) => r.target === 'openday' && r.clients === top)
  const ratio = b && o ? o.deliveriesPerS / b.deliveriesPerS : NaN
  const frameRatio = b && o ? o.framesPerS / b.framesPerS : NaN
  return `${preamble('Fan-out at saturation: OpenDay vs plain socket.io', cmdLine)}
**Method.** For each viewer count, two servers are started one after the other in the same run:
the plain socket.io baseline (\`bench/baseline-server.ts\`: one room, no database, one emit per
event) and the real OpenDay server (\`server/src/main.ts\`, SQLite on this disk, seeded demo data,
\`FRAME_INTERVAL_MS=10\` so every entry leaves as its own frame, other settings default, rate limits
raised). ${cfg.workers} client processes open websocket-only ${viewerText(cfg)} (each
viewer with its own citizen token) and join session \`demo-live\`. A host connection posts transcript
entries at ${cfg.rate}/s (OpenDay: the logged-in demo host, each entry a durable write before the
broadcast; baseline: same payload, acked and broadcast at once). Each entry's body carries its send
time; every viewer records receive time − send time. ${cfg.warmup} s of warm-up posting, then
${cfg.duration} s measured, then up to ${cfg.maxDrain} s for late deliveries.

- **deliveries/s**: stamped events received by all viewers per second during the measured window
  (whole seconds). The demanded rate is viewers × ${cfg.rate}/s; below it the server (or the clients,
  which share the 2 cores) cannot keep up. **frames/s**: \`live:frame\` messages received per second.
- **entries per frame**: deliveries ÷ frames. **deliveries ratio** / **frames ratio**: OpenDay ÷
  baseline at the same viewer count.
- **reach**: deliveries received (by the end of the drain) ÷ (entries acked × viewers joined).
- **latency**: send → receive of every delivered event, including backlog delivered during the drain.
- **server CPU**: mean / max % of one core over the window (100 % = one core; Node's main thread
  cannot use much more). **server loop busy**: event-loop utilisation of the server's main thread
  (\`lib/server-probe.ts\`, preloaded with \`--import\`), and the longest event-loop delay seen. **clients CPU**: all client processes together. **other processes**:
  everything else on the machine (other people's work shares it). **machine busy**: all cores.

${table(['server', 'viewers', 'entries', 'deliveries/s', 'frames/s', 'entries per frame', 'deliveries ratio', 'frames ratio', 'reach', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server CPU mean/max', 'server loop busy / longest stall ms', 'server RSS MB', 'clients CPU', 'other processes CPU', 'machine busy', 'disconnects'], rows)}

Demanded: ${rs.filter((r) => r.target === 'baseline').map((r) => `${int(r.clients)} × ${cfg.rate} = ${int(r.clients * cfg.rate)}/s`).join('; ')}.

**Goal** (OpenDay's deliveries/s at saturation ≥ 0.8 × plain socket.io), at ${int(top)} viewers:
entries delivered ${fix(ratio)} × the baseline — ${Number.isFinite(ratio) ? (ratio >= 0.8 ? 'met' : 'not met') : 'not measured'};
frames (messages) delivered ${fix(frameRatio)} ×. Even with \`FRAME_INTERVAL_MS=10\` OpenDay puts
several entries in one frame once its event loop runs late (entries per frame > 1), which is the
coalescing the design relies on; the baseline sends one message per entry whatever the load.
`
}

export function realSection(r: RealResult, fl: SatResult | null, cfg: FanoutReportConfig, cmdLine: string): string {
  const goalP95 = r.latAll.p95 < 250
  const goalReach = r.reachTranscript >= 1 && r.reachQuestion >= 1
  const codes = (o: Record<string, number>) => (Object.keys(o).length ? Object.entries(o).map(([k, v]) => `${k} ×${v}`).join(', ') : 'none')
  return `${preamble('Fan-out under a realistic live load', cmdLine)}
**Method.** The real OpenDay server (SQLite on this disk, \`FRAME_INTERVAL_MS\` ${r.frameMs},
\`TALLY_INTERVAL_MS\` ${r.tallyMs}, rate limits raised) with ${int(r.viewers)} viewers in session
\`demo-live\`, connected from ${cfg.workers} client processes as ${viewerText(cfg)}, websocket only, one citizen
token each.
During ${fix(r.seconds, 0)} s: the demo host posts a transcript entry every ${cfg.transcriptEvery} s; a
citizen submits a question every ${cfg.questionEvery} s and the demo moderator approves it 0.3 s after
the submit ack (with an edit that stamps the approval's send time into the body); ${int(cfg.voters)}
of the viewers (distinct tokens, one vote per question each, newest question first) upvote at
${cfg.votes}/s in total. Latency = viewer receive time − send time of the post / approval command.
${cfg.floorRate > 0 ? `
Right column: in the same run, the plain socket.io baseline with the same number of viewers and
client processes, one entry every ${fix(1 / cfg.floorRate, 1)} s and nothing else. It is the floor that this machine and this
client driver set: the ${cfg.workers} client processes must decode every frame once per simulated
viewer on the same 2 cores, so the last viewers of a process get a frame later than the first
("first socket of each client process" shows the latency without that queueing).
` : ''}
${table(['figure', 'OpenDay', fl ? `plain socket.io, same viewers, ${cfg.floorRate} entry/s, ${cfg.floorDuration} s` : 'plain socket.io (not run)'], [
    ['viewers joined', `${int(r.joined)} of ${int(r.viewers)} (connect + join of all: ${fix(r.connectS, 1)} s)`, fl ? int(fl.joined) : '–'],
    ['events measured', `${r.transcripts} transcript entries, ${r.questions} approved questions`, fl ? `${fl.posted} entries` : '–'],
    ['delivery latency, all events: p50 / p95 / p99 / max', `${ms(r.latAll.p50)} / **${ms(r.latAll.p95)}** / ${ms(r.latAll.p99)} / ${ms(r.latAll.max)} ms`, fl ? `${ms(fl.lat.p50)} / **${ms(fl.lat.p95)}** / ${ms(fl.lat.p99)} / ${ms(fl.lat.max)} ms` : '–'],
    ['… transcript entries: p50 / p95 / p99', `${ms(r.latTranscript.p50)} / ${ms(r.latTranscript.p95)} / ${ms(r.latTranscript.p99)} ms`, '–'],
    ['… approved questions: p50 / p95 / p99', `${ms(r.latQuestion.p50)} / ${ms(r.latQuestion.p95)} / ${ms(r.latQuestion.p99)} ms`, '–'],
    ['… first socket of each client process to get the event: p50 / p95', `${ms(r.latFirst.p50)} / ${ms(r.latFirst.p95)} ms`, fl ? `${ms(fl.first.p50)} / ${ms(fl.first.p95)} ms` : '–'],
    ['reach (received ÷ expected): entries / questions', `**${pct(r.reachTranscript * 100, 3)}** / **${pct(r.reachQuestion * 100, 3)}**`, fl ? pct(fl.reach * 100, 3) : '–'],
    ['frames per viewer per second', `${fix(r.framesPerViewerS)} (${pct(r.voteShare * 100, 0)} with upvote counts, ${pct(r.viewersOnlyShare * 100, 0)} with only the viewer count)`, fl ? fix(fl.framesPerS / fl.joined) : '–'],
    ['upvotes counted per second', `${fix(r.votesOkPerS, 0)} (sent ${int(r.votesSent)}; errors: ${codes(r.voteCodes)}${r.votesStarved ? `; ${int(r.votesStarved)} not sent: voter had voted every public question` : ''})`, '–'],
    ['upvote ack latency p50 / p99', `${ms(r.voteAck.p50)} / ${ms(r.voteAck.p99)} ms`, '–'],
    ['upvote → count visible in a frame, p50 / p95 / p99', `${ms(r.voteVisible.p50)} / ${ms(r.voteVisible.p95)} / ${ms(r.voteVisible.p99)} ms`, '–'],
    ['command acks p99: transcript:post / question:submit / question:approve', `${ms(r.postAck.p99)} / ${ms(r.submitAck.p99)} / ${ms(r.approveAck.p99)} ms`, fl ? `post ${ms(fl.hostAck.p99)} ms` : '–'],
    ['command errors', codes(r.commandErrors), fl ? codes(fl.postErrors) : '–'],
    ['server CPU mean / max (100 % = one core)', `${pct(r.cpu, 0)} / ${pct(r.cpuMax, 0)}`, fl ? `${pct(fl.cpu, 0)} / ${pct(fl.cpuMax, 0)}` : '–'],
    ['server event loop: utilisation / worst p99 delay / longest stall', `${pct(r.serverLoop.elu * 100, 0)} / ${ms(r.serverLoop.p99)} / ${ms(r.serverLoop.max)} ms`, fl ? `${pct(fl.serverLoop.elu * 100, 0)} / ${ms(fl.serverLoop.p99)} / ${ms(fl.serverLoop.max)} ms` : '–'],
    ['server RSS max / at end', `${int(r.rss)} / ${int(r.rssEnd)} MB`, fl ? `${int(fl.rss)} MB` : '–'],
    ['client processes CPU / other processes CPU / machine busy (all cores)', `${pct(r.clientCpu, 0)} / ${pct(r.other, 0)} / ${pct(r.machine, 0)}`, fl ? `${pct(fl.clientCpu, 0)} / ${pct(fl.other, 0)} / ${pct(fl.machine, 0)}` : '–'],
    ['viewer disconnects', `${int(r.disconnects)}${r.disconnects ? ` (${codes(r.disconnectReasons)})` : ''}`, fl ? int(fl.disconnects) : '–'],
    ['worst client event-loop delay p99', `${ms(r.loopDelay)} ms`, fl ? `${ms(fl.loopDelay)} ms` : '–'],
  ])}

**Goal** (${int(10_000)} viewers, p95 delivery < 250 ms, 100 % reach): ${r.viewers < 10_000 ? `not assessed (run had ${int(r.viewers)} viewers)` : `p95 ${ms(r.latAll.p95)} ms — ${goalP95 ? 'met' : 'not met'}; reach ${goalReach ? '100 % — met' : 'below 100 % — not met'}`}.
`
}
