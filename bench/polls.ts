// Live poll benchmark (issue 13): thousands of viewers in one session, a burst of votes on one poll.
//   1. baseline: plain socket.io (bench/baseline-server.ts) doing what a naive app does — every vote
//      acked and broadcast to the room as its own frame — with the same viewers, votes and entries.
//   2. OpenDay, no poll: the session's other events (a transcript entry a second) alone: the
//      reference for their delivery.
//   3. OpenDay, poll: the same entries while `--votes` viewers vote within `--seconds`: every vote
//      acked and stored (the closing counts the stored rows), the figures' reach and visibility,
//      and the entries' delivery next to run 2.
// See bench/README.md. `npx tsx bench/polls.ts --help` lists the flags.
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { flags, num, outputFlags, writes } from './lib/args.ts'
import { type Client, connect, login, okData, send } from './lib/client.ts'
import { Fleet, merge, split, sumConnect } from './lib/fleet.ts'
import { Hist } from './lib/hist.ts'
import { ProcSampler, waitQuiet } from './lib/procstat.ts'
import type { ConnectResult, PollLatencyResult, PollVoteResult, WorkerReport } from './lib/protocol.ts'
import { fix, int, ms, pct, preamble, rerendered, table, writeSection } from './lib/report.ts'
import { loopStats, runDir, startBaseline, startOpenDay, type Running } from './lib/servers.ts'
import { now, sampleText, sleep, stampBody } from './lib/stamp.ts'

const f = flags('npx tsx bench/polls.ts [flags]   a burst of votes on one live poll, beside plain socket.io', {
  ...outputFlags('smoke run (~2 min, 1,000 viewers, 400 votes)'),
  viewers: { type: 'string', help: 'viewers in the session', default: '10000; quick 1000' },
  votes: { type: 'string', help: 'votes on the poll (each from its own device)', default: '2000; quick 400' },
  seconds: { type: 'string', help: 'seconds the votes are spread over', default: '10; quick 5' },
  lead: { type: 'string', help: 'seconds of entries before and after the votes', default: '5; quick 3' },
  'entry-every': { type: 'string', help: 'seconds between the session\'s other events (transcript entries)', default: '0.5' },
  'check-every': { type: 'string', help: 'measure visibility at every n-th vote count', default: '100; quick 20' },
  workers: { type: 'string', help: 'client processes', default: '4' },
  'client-nice': { type: 'string', help: 'nice of the client processes', default: '10' },
  'connect-rate': { type: 'string', help: 'new connections per second, all workers together', default: '1000' },
  port: { type: 'string', help: 'first port', default: '4300' },
  'quiet-wait': { type: 'string', help: 'seconds to wait for an idle machine before each run', default: '60; quick 0' },
  only: { type: 'string', help: 'baseline | reference | poll (default all three)' },
  from: { type: 'string', help: 'render the section again from a run\'s folder (data/bench/<run>), without measuring' },
})
const quick = Boolean(f.quick)
const Q = <T,>(full: T, q: T): T => (quick ? q : full)
const cfg = {
  viewers: num(f.viewers, Q(10_000, 1000)), votes: num(f.votes, Q(2000, 400)), seconds: num(f.seconds, Q(10, 5)), lead: num(f.lead, Q(5, 3)),
  entryEvery: num(f['entry-every'], 0.5), checkEvery: num(f['check-every'], Q(100, 20)), workers: num(f.workers, 4), clientNice: num(f['client-nice'], 10),
  connectRate: num(f['connect-rate'], 1000), quietWait: num(f['quiet-wait'], Q(60, 0)),
}
const write = writes(f)
const SESSION = 'demo-live'
const OPTIONS = ['a', 'b', 'c']
let port = num(f.port, 4300)
const dir = f.from ? String(f.from) : runDir('polls')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

type Target = 'baseline' | 'reference' | 'poll'
interface RunResult {
  target: Target; joined: number; entries: number; entryLat: ReturnType<Hist['summary']>; entryReach: number
  votes?: { sent: number; ok: number; codes: Record<string, number>; ack: ReturnType<Hist['summary']>; stored: number | null; visible: ReturnType<Hist['summary']>; reach: number; final: number; acksIn: number }
  cpu: number; cpuMax: number; rss: number; clientCpu: number; other: number; loopMax: number; disconnects: number
}

/** Transcript entries stamped with their send time, one every `every` s for `seconds`. */
async function postEntries(host: Client, seconds: number, every: number): Promise<string[]> {
  const tags: string[] = []
  const pending: Promise<void>[] = []
  const text = sampleText(100)
  const t0 = Date.now()
  for (let i = 0; i * every < seconds; i++) {
    const due = t0 + i * every * 1000
    if (due > Date.now()) await sleep(due - Date.now())
    const tag = `pe${i}`
    pending.push(send(host, 'transcript:post', { sessionId: SESSION, clientId: randomUUID(), speaker: 'host', speakerName: '李明', body: stampBody(text, tag, now()) }).then((r) => { if (r.ok) tags.push(tag) }))
  }
  await Promise.all(pending)
  return tags
}

async function run(target: Target): Promise<RunResult> {
  log(`${target}: ${cfg.viewers} viewers${target === 'reference' ? '' : `, ${cfg.votes} votes in ${cfg.seconds} s`}`)
  if (cfg.quietWait) await waitQuiet(25, cfg.quietWait, log)
  const p = port++
  const server: Running = target === 'baseline' ? await startBaseline(p, dir) : await startOpenDay({ port: p, dbUrl: `file:${join(dir, `polls-${p}.db`)}`, dir })
  const fleet = Fleet.start(cfg.workers, cfg.clientNice)
  const sampler = new ProcSampler({ server: server.pid, clients: fleet.pids, bench: process.pid }).start()
  try {
    const voters = target === 'reference' ? 0 : cfg.votes
    const counts = split(cfg.viewers, fleet.size)
    const perWorkerVoters = split(voters, fleet.size)
    const conn = sumConnect(await fleet.all<ConnectResult>((i) => ({ op: 'connect', url: server.url, count: counts[i]!, ratePerSec: cfg.connectRate / fleet.size, sessionId: SESSION, tokens: target !== 'baseline', voters: perWorkerVoters[i]!, maxPending: 50, lean: true })))
    log(`  joined ${conn.joined}/${cfg.viewers} in ${(conn.ms / 1000).toFixed(1)} s`)
    const host = await connect(server.url, target === 'baseline' ? {} : { cookie: await login(server.url, 'host') })
    okData(await send(host, 'session:join', { sessionId: SESSION }), 'host join')
    let pollId = 'bench-poll'
    if (target === 'poll') {
      const made = okData(await send<{ id: string }>(host, 'poll:create', { sessionId: SESSION, clientId: randomUUID(), visibility: 'always', question: { id: 'q', kind: 'single', title: '您最关心哪项政策？', options: OPTIONS.map((id) => ({ id, label: `选项${id}` })) } }), 'poll:create')
      pollId = made.id
      okData(await send(host, 'poll:open', { pollId }), 'poll:open')
    }
    await sleep(2000)
    await fleet.all({ op: 'reset' })
    const t0 = Date.now()
    const entries = postEntries(host, cfg.lead * 2 + cfg.seconds, cfg.entryEvery)
    let voteResults: (PollVoteResult | null)[] = []
    if (voters) {
      await sleep(cfg.lead * 1000)
      const rate = split(cfg.votes, fleet.size).map((n) => n / cfg.seconds)
      voteResults = await fleet.all<PollVoteResult>((i) => ({ op: 'poll-vote', pollId, round: 1, ratePerSec: Math.max(rate[i]!, 0.001), options: OPTIONS, checkEvery: cfg.checkEvery }))
    }
    const tags = await entries
    const t1 = Date.now()
    // Frames of the last tally interval, and backlog in the client processes, have time to land.
    await sleep(3000)
    const m = merge(await fleet.all<WorkerReport>({ op: 'report' }))
    const got = tags.reduce((a, t) => a + (m.receipts.get(t) ?? 0), 0)
    const w = sampler.window('server', t0 + 1000, t1)
    const c = sampler.window('clients', t0 + 1000, t1)
    const r: RunResult = {
      target, joined: conn.joined, entries: tags.length, entryLat: (m.latency.get('transcript:posted') ?? new Hist()).summary(),
      entryReach: tags.length && conn.joined ? got / (tags.length * conn.joined) : NaN,
      cpu: w.cpuMean, cpuMax: w.cpuMax, rss: w.rssMax, clientCpu: c.cpuMean, other: sampler.other(t0 + 1000, t1),
      loopMax: loopStats(server.probe, t0 + 1000, t1).max, disconnects: m.disconnects,
    }
    if (voters) {
      const ack = new Hist()
      const codes: Record<string, number> = {}
      const ackTimes: Record<number, number> = {}
      let sent = 0, ok = 0, first = Infinity, last = 0
      for (const v of voteResults) {
        if (!v) continue
        sent += v.sent; ok += v.ok; ack.merge(v.ack); last = Math.max(last, v.lastAck)
        for (const [k, n] of Object.entries(v.codes)) codes[k] = (codes[k] ?? 0) + n
        for (const [n, t] of v.checkpoints) { ackTimes[n] = t; first = Math.min(first, t) }
      }
      let stored: number | null = null
      if (target === 'poll') {
        const closed = okData(await send<{ rounds: { results: { votes: number } | null }[] }>(host, 'poll:close', { pollId }), 'poll:close')
        stored = closed.rounds[0]?.results?.votes ?? null
      }
      const final = Math.max(0, ...Object.keys(ackTimes).map(Number))
      const vis = await fleet.all<PollLatencyResult>({ op: 'poll-latency', pollId, ackTimes, final })
      const visible = new Hist()
      let saw = 0, sockets = 0
      for (const v of vis) { if (!v) continue; visible.merge(v.visible); saw += v.sawFinal; sockets += v.sockets }
      r.votes = { sent, ok, codes, ack: ack.summary(), stored, visible: visible.summary(), reach: sockets ? saw / sockets : NaN, final, acksIn: (last - first) / 1000 }
    }
    writeFileSync(join(dir, `${target}.json`), JSON.stringify(r, null, 2))
    log(`  entries p95 ${ms(r.entryLat.p95)} ms reach ${pct(r.entryReach * 100, 2)}${r.votes ? `; votes ${r.votes.ok}/${r.votes.sent} acked (stored ${r.votes.stored ?? '–'}), ack p95 ${ms(r.votes.ack.p95)} ms, figures visible p95 ${ms(r.votes.visible.p95)} ms, reach ${pct(r.votes.reach * 100, 2)}` : ''}; server CPU ${pct(r.cpu, 0)} max ${pct(r.cpuMax, 0)}`)
    host.close()
    await fleet.close()
    sampler.stop()
    await server.stop()
    return r
  } catch (err) {
    sampler.stop()
    await fleet.close().catch(() => undefined)
    await server.stop()
    throw err
  }
}

function section(rs: RunResult[], cmd: string): string {
  const by = (t: Target) => rs.find((r) => r.target === t)
  const ref = by('reference'), poll = by('poll'), base = by('baseline')
  const rows = rs.map((r) => [
    { baseline: 'plain socket.io, a frame per vote', reference: 'OpenDay, no poll', poll: 'OpenDay, poll' }[r.target],
    int(r.joined), `${ms(r.entryLat.p50)} / ${ms(r.entryLat.p95)} / ${ms(r.entryLat.p99)}`, pct(r.entryReach * 100, 2),
    r.votes ? `${int(r.votes.ok)} / ${int(r.votes.sent)}` : '–', r.votes?.stored === undefined || r.votes?.stored === null ? '–' : int(r.votes.stored),
    r.votes ? ms(r.votes.ack.p95) : '–', r.votes ? `${ms(r.votes.visible.p50)} / ${ms(r.votes.visible.p95)}` : '–', r.votes ? pct(r.votes.reach * 100, 2) : '–',
    `${pct(r.cpu, 0)} (max ${pct(r.cpuMax, 0)})`, int(r.rss), ms(r.loopMax), pct(r.other, 0),
  ])
  const ratio = ref && poll && ref.entryLat.p95 > 0 ? poll.entryLat.p95 / ref.entryLat.p95 : NaN
  const verdicts = poll?.votes ? [
    `- every vote acked and stored: ${poll.votes.ok === cfg.votes && poll.votes.stored === cfg.votes ? 'yes' : 'NO'} (${int(poll.votes.ok)} acked, ${int(poll.votes.stored ?? NaN)} stored of ${int(cfg.votes)}; refusals ${JSON.stringify(poll.votes.codes)}).`,
    `- figures visible to every viewer: p95 ${ms(poll.votes.visible.p95)} ms (target under 1,000 ms: ${poll.votes.visible.p95 < 1000 ? 'met' : 'NOT met'}), reach ${pct(poll.votes.reach * 100, 2)} saw the final count.`,
    `- the session's other events with the poll vs without: p95 ${ms(poll.entryLat.p95)} vs ${ms(ref?.entryLat.p95 ?? NaN)} ms, ratio ${fix(ratio)} (target at most 1.10: ${ratio <= 1.1 ? 'met' : 'NOT met'}).`,
    base?.votes ? `- plain socket.io with a frame per vote: entries p95 ${ms(base.entryLat.p95)} ms (${fix(base.entryLat.p95 / (ref?.entryLat.p95 ?? NaN))}× OpenDay's reference), only ${int(base.votes.ok)} of ${int(base.votes.sent)} votes acked within the clients' 60 s (ack p95 ${ms(base.votes.ack.p95)} ms), server CPU ${pct(base.cpu, 0)}; its figures' p95 of ${ms(base.votes.visible.p95)} ms counts from those late acks, so it hides the backlog rather than measuring freshness.` : '',
  ].filter(Boolean) : []
  return `${preamble('Live polls: a burst of votes on one poll', cmd)}
${int(cfg.viewers)} viewers in one session (lean socket.io clients in ${cfg.workers} processes at nice ${cfg.clientNice}), a transcript entry every ${cfg.entryEvery} s for ${cfg.lead * 2 + cfg.seconds} s, and in the poll runs ${int(cfg.votes)} votes from as many devices within ${cfg.seconds} s (from the ${cfg.lead}th second). Visibility: from the ack of every ${cfg.checkEvery}th vote to each viewer's first frame showing at least that count. "Stored" is the count of the poll's stored votes when it closes (the server counts the rows).

${table(['run', 'viewers joined', 'entries p50 / p95 / p99 ms', 'entries reach', 'votes acked / sent', 'stored', 'vote ack p95 ms', 'figures visible p50 / p95 ms', 'saw final count', 'server CPU', 'server RSS MB', 'server loop max ms', 'other processes'], rows)}

${verdicts.join('\n')}
`
}

async function main() {
  log(`polls benchmark${quick ? ' (quick)' : ''}; files in ${dir}`)
  const only = f.only as Target | undefined
  const targets: Target[] = only ? [only] : ['baseline', 'reference', 'poll']
  const rs: RunResult[] = []
  const from = f.from as string | undefined
  if (from) for (const t of targets) rs.push(JSON.parse(readFileSync(join(from, `${t}.json`), 'utf8')) as RunResult)
  else for (const t of targets) rs.push(await run(t))
  let text = section(rs, `npx tsx bench/polls.ts ${from ? '' : process.argv.slice(2).join(' ')}`.trim())
  // A folder is named by its run's start (runDir): the section says when it was measured.
  const started = from ? /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(from) : null
  if (started) text = rerendered(text, `${started[1]}T${started[2]}:${started[3]}:${started[4]}Z`)
  console.log(`\n${text}`)
  if (write) { writeSection('polls', text); log('BENCHMARKS.md updated') }
}

main().catch((err) => { console.error(err); process.exit(1) })
