// Join flood: one socket looping session:join as fast as it is answered, while other viewers join
// the same session. Measured: a new viewer's connect + join time, alone and during the flood, on
// a server with the join limits and bounded snapshots (the defaults) and on one with them lifted
// (the behaviour before issue 10: every join built a full snapshot). See bench/README.md.
import { flags, num, outputFlags, writes } from './lib/args.ts'
import { citizenToken, type Client, connect, login, okData, send } from './lib/client.ts'
import { Hist } from './lib/hist.ts'
import { fix, ms, preamble, table, writeSection } from './lib/report.ts'
import { runDir, startOpenDay } from './lib/servers.ts'
import { sleep } from './lib/stamp.ts'

const f = flags('npx tsx bench/joinflood.ts [flags]   a viewer\'s join while one socket floods joins', {
  ...outputFlags('smoke run (~1 min)'),
  history: { type: 'string', help: 'approved questions and live-record entries in the session', default: '1500; quick 300' },
  phase: { type: 'string', help: 'seconds of each phase (alone, during the flood)', default: '20; quick 5' },
  probes: { type: 'string', help: 'new viewers joining per second', default: '10' },
  inflight: { type: 'string', help: 'joins the flooding socket keeps in flight', default: '16' },
  port: { type: 'string', help: 'first port (two servers)', default: '4600' },
})
const quick = Boolean(f.quick)
const cfg = {
  history: num(f.history, quick ? 300 : 1500),
  phaseS: num(f.phase, quick ? 5 : 20),
  probes: num(f.probes, 10),
  inflight: num(f.inflight, 16),
  port: num(f.port, 4600),
}
const SESSION = 'demo-live'
const dir = runDir('joinflood')
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

/** A long afternoon's history, so that a full snapshot costs what it would at the end of a big day. */
async function fill(url: string): Promise<void> {
  const host = await connect(url, { cookie: await login(url, 'host') })
  const mod = await connect(url, { cookie: await login(url, 'moderator') })
  const asker = await connect(url, { citizenToken: await citizenToken(url) })
  const id = () => crypto.randomUUID()
  for (let i = 0; i < cfg.history; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, cfg.history - i) }, async (_, j) => {
      const q = okData(await send<{ id: string }>(asker, 'question:submit', { sessionId: SESSION, clientId: id(), nickname: '网友', body: `关于第 ${i + j} 个问题的提问内容，长度和真实的提问差不多，二三十个字。` }), 'submit')
      okData(await send(mod, 'question:approve', { questionId: q.id }), 'approve')
      okData(await send(host, 'transcript:post', { sessionId: SESSION, clientId: id(), speaker: 'host', speakerName: '主持人', body: `第 ${i + j} 条图文直播记录：领导介绍了相关政策的背景、适用范围和办理流程。` }), 'post')
    }))
  }
  for (const s of [host, mod, asker]) s.close()
}

/** New viewers, `probes` per second for `seconds`: each connects, joins, and leaves. */
async function probe(url: string, seconds: number): Promise<{ hist: Hist; refused: number }> {
  const hist = new Hist()
  let refused = 0
  const runs: Promise<void>[] = []
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    runs.push((async () => {
      const t0 = performance.now()
      let s: Client | null = null
      try {
        s = await connect(url)
        const r = await send(s, 'session:join', { sessionId: SESSION })
        if (r.ok) hist.record(performance.now() - t0)
        else refused++
      } catch {
        refused++
      } finally {
        s?.close()
      }
    })())
    await sleep(1000 / cfg.probes)
  }
  await Promise.all(runs)
  return { hist, refused }
}

/** One socket keeping `inflight` joins outstanding until stopped; counts what it was answered. */
function flood(s: Client): { stop: () => Promise<{ ok: number; limited: number }> } {
  let running = true
  const counts = { ok: 0, limited: 0 }
  const lane = async () => {
    while (running) {
      const r = await send(s, 'session:join', { sessionId: SESSION }, 60_000).catch(() => null)
      if (r?.ok) counts.ok++
      else counts.limited++
    }
  }
  const lanes = Array.from({ length: cfg.inflight }, lane)
  return { stop: async () => { running = false; await Promise.all(lanes); return counts } }
}

interface Row { server: string; alone: Hist; during: Hist; refused: number; flood: { ok: number; limited: number } }

async function measure(name: string, port: number, env: Record<string, string>): Promise<Row> {
  const server = await startOpenDay({ port, dbUrl: `file:${dir}/${name}.db`, dir, env })
  try {
    log(`${name}: filling the session with ${cfg.history} questions and entries`)
    await fill(server.url)
    await probe(server.url, 2) // warm-up
    log(`${name}: viewers joining alone for ${cfg.phaseS} s`)
    const alone = await probe(server.url, cfg.phaseS)
    const flooder = await connect(server.url)
    const fl = flood(flooder)
    log(`${name}: the same during the flood`)
    const during = await probe(server.url, cfg.phaseS)
    const counts = await fl.stop()
    flooder.close()
    return { server: name, alone: alone.hist, during: during.hist, refused: alone.refused + during.refused, flood: counts }
  } finally {
    await server.stop()
  }
}

const big = '100000000'
const rows = [
  await measure('limits', cfg.port, { RATE_JOINS_PER_SOCKET: '30', RATE_JOINS_PER_IP: '3000' }),
  // Before: joins unlimited and a snapshot of everything (the largest snapshot the setting allows).
  await measure('unlimited', cfg.port + 1, { RATE_JOINS_PER_SOCKET: big, RATE_JOINS_PER_IP: big, SNAPSHOT_LIMIT: '5000' }),
]
const p = (h: Hist, q: number) => ms(h.percentile(q))
const body = [
  preamble('Join flood: a viewer joining while one socket floods joins', `npx tsx bench/joinflood.ts${quick ? ' --quick' : ''}`),
  `The session holds ${cfg.history} approved questions and ${cfg.history} live-record entries. New viewers connect and join at ${cfg.probes}/s for ${cfg.phaseS} s alone, then for ${cfg.phaseS} s while one socket keeps ${cfg.inflight} joins in flight. "limits": the defaults (30 joins per socket and 3,000 per address a minute, a socket refused 100 times closed, snapshots of the newest 200); "unlimited": both lifted and snapshots of up to 5,000 (what every join did before). Ratio: p95 during the flood ÷ p95 alone, same server, same run.`,
  '',
  table(['server', 'alone p50 / p95 / p99', 'during flood p50 / p95 / p99', 'p95 ratio', 'flood joins answered / refused', 'viewers refused'],
    rows.map((r) => [r.server, `${p(r.alone, 0.5)} / ${p(r.alone, 0.95)} / ${p(r.alone, 0.99)}`, `${p(r.during, 0.5)} / ${p(r.during, 0.95)} / ${p(r.during, 0.99)}`,
      `${fix(r.during.percentile(0.95) / r.alone.percentile(0.95), 2)}×`, `${r.flood.ok} / ${r.flood.limited}`, String(r.refused)])),
].join('\n')
console.log(`\n${body}\n`)
if (writes(f)) writeSection('joinflood', body)
process.exit(0)
