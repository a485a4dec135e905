// One load-generating process: opens many websocket-only socket.io connections, joins a session,
// records every live frame (latency of stamped events, reach per event, frames per second), and on
// command upvotes or submits questions at a given rate. Driven over IPC by lib/fleet.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { LiveFrame } from '@openday/protocol'
import { citizenToken } from './client.ts'
import { Hist } from './hist.ts'
import { connectFull, connectLean, type ViewerSocket } from './lean-socket.ts'
import type { AskResult, ConnectResult, PollLatencyResult, PollVoteResult, WorkerCommand, WorkerReport } from './protocol.ts'
import { now, readStamp, sampleText, sleep } from './stamp.ts'

interface Conn { s: ViewerSocket; voted: Set<string>; voter: boolean; pollSeen: number }

const conns: Conn[] = []
const connOf = new WeakMap<ViewerSocket, Conn>()
// Poll figures as each socket saw them: checkpoint count -> times sockets first saw at least it.
let pollWatch: { pollId: string; every: number; seenAt: Map<number, number[]> } | null = null
const approved: string[] = []
const approvedSet = new Set<string>()
let watcher: ViewerSocket | null = null
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()

function fresh() {
  return {
    frames: 0, events: 0, voteFrames: 0, viewersOnly: 0, disconnects: 0,
    disconnectReasons: {} as Record<string, number>,
    latency: new Map<string, Hist>(),
    first: new Hist(),
    receipts: new Map<string, number>(),
    timeline: new Map<number, [number, number]>(),
    votesSent: 0, votesOk: 0, votesStarved: 0,
    voteCodes: {} as Record<string, number>,
    voteAck: new Hist(), voteVisible: new Hist(),
    cpu: process.cpuUsage(),
  }
}
let st = fresh()
// Votes waiting to show up in a frame: questionId -> [count after the vote, send time][]
const pendingVotes = new Map<string, [number, number][]>()

const bump = (o: Record<string, number>, k: string) => { o[k] = (o[k] ?? 0) + 1 }

function onFrame(from: ViewerSocket, f: LiveFrame): void {
  const t = now()
  st.frames++
  const sec = Math.floor(t / 1000)
  let tl = st.timeline.get(sec)
  if (!tl) st.timeline.set(sec, (tl = [0, 0]))
  tl[0]++
  if (f.events) {
    for (const e of f.events) {
      st.events++
      let body: string | undefined
      if (e.type === 'transcript:posted') body = e.entry.body
      else if (e.type === 'question:approved') {
        body = e.question.body
        if (from === watcher && !approvedSet.has(e.question.id)) { approvedSet.add(e.question.id); approved.push(e.question.id) }
      }
      const stamp = body ? readStamp(body) : null
      if (!stamp) continue
      tl[1]++
      let h = st.latency.get(e.type)
      if (!h) st.latency.set(e.type, (h = new Hist()))
      h.record(t - stamp.t)
      const seen = st.receipts.get(stamp.tag) ?? 0
      // The first socket of this process to get an event: its latency has the least client-side
      // queueing in it (the others wait for this process to get through its hundreds of sockets).
      if (seen === 0) st.first.record(t - stamp.t)
      st.receipts.set(stamp.tag, seen + 1)
    }
  }
  const figures = pollWatch ? f.polls?.[pollWatch.pollId] : undefined
  if (figures && pollWatch) {
    const c = connOf.get(from)
    if (c && figures.votes > c.pollSeen) {
      const every = pollWatch.every
      for (let k = Math.floor(c.pollSeen / every) + 1; k * every <= figures.votes; k++) {
        const list = pollWatch.seenAt.get(k * every) ?? []
        list.push(t)
        pollWatch.seenAt.set(k * every, list)
      }
      c.pollSeen = figures.votes
    }
  }
  if (!f.events?.length && !f.votes && !f.polls) st.viewersOnly++
  if (f.votes) {
    st.voteFrames++
    if (from === watcher) {
      for (const [q, count] of Object.entries(f.votes)) {
        const list = pendingVotes.get(q)
        if (!list) continue
        const rest = list.filter(([n, sent]) => (n <= count ? (st.voteVisible.record(t - sent), false) : true))
        if (rest.length) pendingVotes.set(q, rest)
        else pendingVotes.delete(q)
      }
    }
  }
}

async function connect(cmd: Extract<WorkerCommand, { op: 'connect' }>): Promise<ConnectResult> {
  const started = Date.now()
  const res: ConnectResult = { connected: 0, joined: 0, failed: 0, joinFailed: 0, errors: {}, ms: 0 }
  const one = async (i: number): Promise<void> => {
    let auth = {}
    try {
      auth = cmd.tokens ? { citizenToken: await citizenToken(cmd.url) } : {}
    } catch (err) {
      res.failed++
      bump(res.errors, `token: ${(err as Error).message}`)
      return
    }
    let s: ViewerSocket
    try {
      // Staff need their cookie in the handshake, which only socket.io-client sends.
      s = cmd.lean && !cmd.cookie ? await connectLean(cmd.url, auth, 60_000) : await connectFull(cmd.url, auth, cmd.cookie, 60_000)
    } catch (err) {
      res.failed++
      bump(res.errors, `connect: ${(err as Error).message}`)
      return
    }
    s.on('live:frame', (f) => onFrame(s, f))
    res.connected++
    const conn: Conn = { s, voted: new Set(), voter: i < (cmd.voters ?? 0), pollSeen: 0 }
    conns.push(conn)
    connOf.set(s, conn)
    s.onDisconnect((reason) => { st.disconnects++; bump(st.disconnectReasons, reason) })
    if (cmd.sessionId) {
      const r = await s.request('session:join', { sessionId: cmd.sessionId }, 60_000)
      if (r.ok) {
        res.joined++
        watcher ??= s
        // Questions already public when joining are votable too.
        const qs = (r.data as { questions?: { id: string; status: string }[] }).questions ?? []
        for (const q of qs) if (q.status === 'approved' && !approvedSet.has(q.id)) { approvedSet.add(q.id); approved.push(q.id) }
      } else { res.joinFailed++; bump(res.errors, `join: ${r.code}`) }
    }
  }
  const all: Promise<void>[] = []
  const start = Date.now()
  let pending = 0
  for (let i = 0; i < cmd.count; i++) {
    // Paced, and at most `maxPending` handshakes+joins open at once: a join costs the server a few
    // database reads, and thousands at once overflow its accept queue and time out.
    const due = start + (i / cmd.ratePerSec) * 1000
    if (due > Date.now()) await sleep(due - Date.now())
    while (pending >= cmd.maxPending) await sleep(5)
    pending++
    all.push(one(i).finally(() => { pending-- }))
  }
  await Promise.all(all)
  res.ms = Date.now() - started
  return res
}

let voteTimer: NodeJS.Timeout | null = null
function voteStart(ratePerSec: number): void {
  const voters = conns.filter((c) => c.voter)
  if (!voters.length || ratePerSec <= 0) return
  const start = Date.now()
  let done = 0
  let next = 0
  voteTimer = setInterval(() => {
    const due = Math.floor(((Date.now() - start) / 1000) * ratePerSec)
    for (; done < due; done++) {
      // Round-robin over this worker's voters; each votes once per question, newest question first.
      let picked: { c: Conn; q: string } | null = null
      for (let k = 0; k < voters.length && !picked; k++) {
        const c = voters[next++ % voters.length]!
        for (let j = approved.length - 1; j >= 0; j--) {
          const q = approved[j]!
          if (!c.voted.has(q)) { picked = { c, q }; break }
        }
      }
      if (!picked) { st.votesStarved++; continue }
      const { c, q } = picked
      c.voted.add(q)
      st.votesSent++
      const sent = now()
      void c.s.request('question:upvote', { questionId: q }, 30_000).then((r) => {
        st.voteAck.record(now() - sent)
        if (r.ok) {
          st.votesOk++
          const { upvotes } = r.data as { upvotes: number }
          const list = pendingVotes.get(q) ?? []
          list.push([upvotes, sent])
          pendingVotes.set(q, list)
        } else bump(st.voteCodes, r.code)
      })
    }
  }, 10)
}

/** Every voter of this process votes once, at `ratePerSec`, spread over the poll's options. */
async function pollVote(cmd: Extract<WorkerCommand, { op: 'poll-vote' }>): Promise<PollVoteResult> {
  pollWatch = { pollId: cmd.pollId, every: cmd.checkEvery, seenAt: new Map() }
  const voters = conns.filter((c) => c.voter)
  const res: PollVoteResult = { sent: 0, ok: 0, codes: {}, ack: { counts: [], n: 0, sum: 0, max: 0, min: 0, negative: 0 }, checkpoints: [], lastAck: 0 }
  const hist = new Hist()
  const start = Date.now()
  const acks: Promise<void>[] = []
  for (const [i, c] of voters.entries()) {
    const due = start + (i / cmd.ratePerSec) * 1000
    if (due > Date.now()) await sleep(due - Date.now())
    res.sent++
    const sent = now()
    acks.push(c.s.request('poll:vote', { pollId: cmd.pollId, round: cmd.round, answer: cmd.options[i % cmd.options.length]! }, 60_000).then((r) => {
      const t = now()
      hist.record(t - sent)
      if (!r.ok) { bump(res.codes, r.code); return }
      res.ok++
      res.lastAck = Math.max(res.lastAck, t)
      // The ack carries the figures as stored, this vote included: its count names this vote.
      const n = (r.data as { results: { votes: number } | null }).results?.votes ?? 0
      if (n > 0 && n % cmd.checkEvery === 0) res.checkpoints.push([n, t])
    }))
  }
  await Promise.all(acks)
  res.ack = hist.toJSON()
  return res
}

function pollLatency(cmd: Extract<WorkerCommand, { op: 'poll-latency' }>): PollLatencyResult {
  const visible = new Hist()
  for (const [k, times] of pollWatch?.seenAt ?? []) {
    const acked = cmd.ackTimes[k]
    if (acked === undefined) continue
    // A frame can reach a socket before the ack reaches its voter (both leave the server together).
    for (const t of times) visible.record(Math.max(0, t - acked))
  }
  const joined = conns.filter((c) => c.s.connected)
  return { visible: visible.toJSON(), sawFinal: joined.filter((c) => c.pollSeen >= cmd.final).length, sockets: joined.length }
}

async function ask(cmd: Extract<WorkerCommand, { op: 'ask' }>): Promise<AskResult> {
  const res: AskResult = { sent: 0, ok: 0, skipped: 0, codes: {}, ack: { counts: [], n: 0, sum: 0, max: 0, min: 0, negative: 0 }, firstSend: 0, lastAck: 0, timeline: {} }
  const hist = new Hist()
  const text = sampleText(cmd.bodyLen)
  let inflight = 0
  let i = 0
  const start = Date.now()
  res.firstSend = now()
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - start
      const due = Math.floor((Math.min(elapsed, cmd.durationMs) / 1000) * cmd.ratePerSec)
      for (; res.sent + res.skipped < due;) {
        // Open loop: sends follow the clock, not the acks. The cap only keeps an overloaded server
        // from drowning in a backlog; what it refuses to send is reported as skipped.
        if (inflight >= cmd.inflightCap) { res.skipped++; continue }
        const c = conns[i++ % conns.length]!
        const n = res.sent++
        inflight++
        const sent = now()
        void c.s.request('question:submit', { sessionId: cmd.sessionId, clientId: `${cmd.tag}-${n}`, nickname: '压测网友', body: `${text} #${n}` }, cmd.timeoutMs).then((r) => {
          inflight--
          const t = now()
          hist.record(t - sent)
          if (r.ok) {
            res.ok++
            res.lastAck = t
            const sec = Math.floor(t / 1000)
            res.timeline[sec] = (res.timeline[sec] ?? 0) + 1
          } else bump(res.codes, r.code)
        })
      }
      if (elapsed >= cmd.durationMs) { clearInterval(timer); resolve() }
    }, 5)
  })
  const until = Date.now() + cmd.settleMs
  while (inflight > 0 && Date.now() < until) await sleep(50)
  if (inflight > 0) res.codes.UNSETTLED = inflight
  res.ack = hist.toJSON()
  return res
}

function report(): WorkerReport {
  const cpu = process.cpuUsage(st.cpu)
  return {
    sockets: conns.length,
    joined: conns.filter((c) => c.s.connected).length,
    disconnects: st.disconnects,
    disconnectReasons: st.disconnectReasons,
    frames: st.frames, events: st.events, voteFrames: st.voteFrames, viewersOnly: st.viewersOnly,
    latency: Object.fromEntries([...st.latency].map(([k, h]) => [k, h.toJSON()])),
    first: st.first.toJSON(),
    receipts: Object.fromEntries(st.receipts),
    timeline: Object.fromEntries(st.timeline),
    votesSent: st.votesSent, votesOk: st.votesOk, votesStarved: st.votesStarved, voteCodes: st.voteCodes,
    voteAck: st.voteAck.toJSON(), voteVisible: st.voteVisible.toJSON(),
    loopDelayP99: loop.percentile(99) / 1e6,
    cpuUserMs: (cpu.user + cpu.system) / 1000,
  }
}

process.on('message', async (msg: { id: number; cmd: WorkerCommand }) => {
  const { id, cmd } = msg
  let data: unknown = null
  try {
    switch (cmd.op) {
      case 'connect': data = await connect(cmd); break
      case 'reset': st = fresh(); pendingVotes.clear(); loop.reset(); pollWatch = null; for (const c of conns) c.pollSeen = 0; break
      case 'vote-start': voteStart(cmd.ratePerSec); break
      case 'vote-stop': if (voteTimer) clearInterval(voteTimer); voteTimer = null; break
      case 'ask': data = await ask(cmd); break
      case 'poll-vote': data = await pollVote(cmd); break
      case 'poll-latency': data = pollLatency(cmd); break
      case 'report': data = report(); break
      case 'close':
        for (const c of conns) c.s.close()
        conns.length = 0
        break
    }
    process.send!({ id, ok: true, data })
  } catch (err) {
    process.send!({ id, ok: false, error: String((err as Error).stack ?? err) })
  }
})
process.on('disconnect', () => process.exit(0))
