// Diagnostic for the ingest figures: where does one durable question submission spend its time?
// Runs in one process, without sockets: (1) the disk's fdatasync latency, (2) OpenDay's own
// question service as the server uses it (submissions and upvotes), one at a time and with many in
// flight, (3) the same question writes straight through better-sqlite3 with prepared statements,
// one transaction per question, many questions per transaction (group commit), and without fsync.
//   npx tsx bench/diag-db.ts [--n 1000] [--concurrency 100] [--pg]
import { createRequire } from 'node:module'
import { closeSync, fdatasyncSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Role } from '@openday/protocol'
import type { Db } from '../server/src/db/client.ts'
import type { QuestionService } from '../server/src/features/questions/service.ts'
import { flags, num } from './lib/args.ts'
import { Hist } from './lib/hist.ts'
import { dropPostgres, freshPostgres, ROOT, runDir } from './lib/servers.ts'
import { now, sampleText } from './lib/stamp.ts'

const f = flags('npx tsx bench/diag-db.ts [flags]   time one durable question write, by layer', {
  n: { type: 'string', help: 'questions per measurement', default: '1000' },
  concurrency: { type: 'string', help: 'submissions in flight in the concurrent measurement', default: '100' },
  batch: { type: 'string', help: 'questions per transaction in the group-commit measurement', default: '50' },
  pg: { type: 'boolean', help: 'PostgreSQL for the service measurements (raw SQLite parts are skipped)' },
})
const N = num(f.n, 1000)
const C = num(f.concurrency, 100)
const B = num(f.batch, 50)
const dir = runDir('diag-db')
const SESSION = 'demo-live'
const text = sampleText(100)

function fsyncLatency(): Hist {
  const h = new Hist()
  const file = join(dir, 'fsync.bin')
  const fd = openSync(file, 'w')
  const buf = Buffer.alloc(4096)
  for (let i = 0; i < 300; i++) {
    const t = now()
    writeSync(fd, buf)
    fdatasyncSync(fd)
    h.record(now() - t)
  }
  closeSync(fd)
  unlinkSync(file)
  return h
}

const line = (what: string, count: number, wallMs: number, cpuMs: number, h?: Hist) =>
  console.log(`${what.padEnd(64)} ${(count / (wallMs / 1000)).toFixed(0).padStart(6)} /s   ${(wallMs / count).toFixed(2).padStart(6)} ms wall/op   ${(cpuMs / count).toFixed(2).padStart(6)} ms CPU/op${h ? `   latency p50 ${h.percentile(0.5).toFixed(1)} p99 ${h.percentile(0.99).toFixed(1)} ms` : ''}`)

async function timed(fn: () => Promise<void>): Promise<[number, number]> {
  const c0 = process.cpuUsage()
  const t0 = now()
  await fn()
  const c = process.cpuUsage(c0)
  return [now() - t0, (c.user + c.system) / 1000]
}

/** Two approved questions to vote on (approved by the demo moderator through the service). */
async function approvedQuestions(db: Db, questions: QuestionService, tokens: string[]): Promise<string[]> {
  const mod = await db.user.findUniqueOrThrow({ where: { username: 'moderator' } })
  const actor = { id: mod.id, role: mod.role as Role, displayName: mod.displayName, unitId: mod.unitId }
  const ids: string[] = []
  for (let i = 0; i < 2; i++) {
    const { question } = await questions.submit({ sessionId: SESSION, clientId: randomUUID(), nickname: '网友', body: `${text}？` }, tokens[i]!)
    await questions.approve(question.id, actor)
    ids.push(question.id)
  }
  return ids
}

async function main() {
  const fs = fsyncLatency()
  console.log(`fdatasync of 4 KiB on this disk: p50 ${fs.percentile(0.5).toFixed(2)} ms, p99 ${fs.percentile(0.99).toFixed(2)} ms (one per SQLite commit with synchronous=FULL)`)

  const url = f.pg ? await freshPostgres(`diag_${Date.now().toString(36)}`) : `file:${join(dir, 'diag.db')}`
  const { migrate } = await import(join(ROOT, 'prisma/migrate.ts')) as typeof import('../prisma/migrate.ts')
  const { openDb } = await import(join(ROOT, 'server/src/db/client.ts')) as typeof import('../server/src/db/client.ts')
  const { seedDemo } = await import(join(ROOT, 'server/src/seed/demo.ts')) as typeof import('../server/src/seed/demo.ts')
  const { createWordsService } = await import(join(ROOT, 'server/src/features/words/service.ts')) as typeof import('../server/src/features/words/service.ts')
  const { createQuestionService } = await import(join(ROOT, 'server/src/features/questions/service.ts')) as typeof import('../server/src/features/questions/service.ts')
  const { sha256 } = await import(join(ROOT, 'server/src/features/auth/service.ts')) as typeof import('../server/src/features/auth/service.ts')
  await migrate(url)
  const db = await openDb(url)
  const { createDataCipher } = await import(join(ROOT, 'server/src/lib/crypto.ts')) as typeof import('../server/src/lib/crypto.ts')
  // This run never reads the demo calls back: a throw-away key is enough.
  await seedDemo(db, { timeZone: 'Asia/Shanghai', cipher: createDataCipher(randomBytes(32)) })
  const words = createWordsService(db)
  await words.reload()
  const questions = createQuestionService(db, words)
  const tokens = Array.from({ length: 200 }, () => sha256(randomBytes(32).toString('base64url')))
  let k = 0
  const submit = () => questions.submit({ sessionId: SESSION, clientId: randomUUID(), nickname: '压测网友', body: `${text} #${k}` }, tokens[k++ % tokens.length]!)

  // Warm-up: JIT, statement caches, citizen rows.
  for (let i = 0; i < 200; i++) await submit()

  const seq = new Hist()
  let [wall, cpu] = await timed(async () => { for (let i = 0; i < N; i++) { const t = now(); await submit(); seq.record(now() - t) } })
  line(`OpenDay question service, one at a time`, N, wall, cpu, seq)

  const conc = new Hist()
  ;[wall, cpu] = await timed(async () => {
    let next = 0
    await Promise.all(Array.from({ length: C }, async () => {
      while (next < N) { next++; const t = now(); await submit(); conc.record(now() - t) }
    }))
  })
  line(`OpenDay question service, ${C} in flight`, N, wall, cpu, conc)

  // Upvotes through the service as well.
  const ids = await approvedQuestions(db, questions, tokens)
  const voters = Array.from({ length: N }, () => sha256(randomBytes(32).toString('base64url')))
  const up = new Hist()
  ;[wall, cpu] = await timed(async () => { for (let i = 0; i < N; i++) { const t = now(); await questions.upvote(ids[i % ids.length]!, voters[i]!); up.record(now() - t) } })
  line('OpenDay upvote service, one at a time', N, wall, cpu, up)
  const upc = new Hist()
  ;[wall, cpu] = await timed(async () => {
    let next = 0
    await Promise.all(Array.from({ length: C }, async () => {
      while (next < N) { const i = next++; const t = now(); await questions.upvote(ids[(i + 1) % ids.length]!, voters[i]!); upc.record(now() - t) }
    }))
  })
  line(`OpenDay upvote service, ${C} in flight`, N, wall, cpu, upc)
  await db.$disconnect()
  if (f.pg) { await dropPostgres(url); return }

  // The same rows through better-sqlite3 directly (the driver Prisma's adapter wraps).
  const require = createRequire(join(ROOT, 'server/package.json'))
  const Database = require('better-sqlite3') as typeof import('better-sqlite3')
  const raw = new Database(url.slice('file:'.length))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.pragma('foreign_keys = ON')
  const cols = (t: string) => (raw.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name)
  console.log(`(tables: Question ${cols('Question').length} columns, SessionEvent ${cols('SessionEvent').length} columns)`)
  const upsertCitizen = raw.prepare(`INSERT INTO "Citizen" (id, tokenHash, nickname, createdAt) VALUES (?, ?, ?, ?) ON CONFLICT(tokenHash) DO UPDATE SET nickname = excluded.nickname RETURNING id`)
  const findQ = raw.prepare(`SELECT id FROM "Question" WHERE sessionId = ? AND clientId = ?`)
  const bumpSeq = raw.prepare(`UPDATE "Session" SET seq = seq + 1 WHERE id = ? RETURNING seq, status`)
  const insQ = raw.prepare(`INSERT INTO "Question" (id, sessionId, clientId, citizenId, nickname, body, sensitiveHits, status, upvotes, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, '', 'pending', 0, ?, ?)`)
  const insE = raw.prepare(`INSERT INTO "SessionEvent" (sessionId, seq, type, audience, citizenId, payload, createdAt) VALUES (?, ?, 'question:submitted', 'citizen', ?, ?, ?)`)
  const one = () => {
    const at = new Date().toISOString()
    const c = upsertCitizen.get(randomUUID(), tokens[k++ % tokens.length], '压测网友', at) as { id: string }
    const clientId = randomUUID()
    findQ.get(SESSION, clientId)
    const s = bumpSeq.get(SESSION) as { seq: number }
    const id = randomUUID()
    const body = `${text} #${k}`
    insQ.run(id, SESSION, clientId, c.id, '压测网友', body, at, at)
    insE.run(SESSION, s.seq, c.id, JSON.stringify({ id, sessionId: SESSION, clientId, body, status: 'pending' }), at)
  }
  const tx1 = raw.transaction(one)
  ;[wall, cpu] = await timed(async () => { for (let i = 0; i < N; i++) tx1() })
  line('better-sqlite3, same writes, one transaction per question', N, wall, cpu)
  const txB = raw.transaction((n: number) => { for (let i = 0; i < n; i++) one() })
  ;[wall, cpu] = await timed(async () => { for (let i = 0; i < N; i += B) txB(Math.min(B, N - i)) })
  line(`better-sqlite3, same writes, ${B} questions per transaction`, N, wall, cpu)
  raw.pragma('synchronous = NORMAL')
  ;[wall, cpu] = await timed(async () => { for (let i = 0; i < N; i++) tx1() })
  line('better-sqlite3, one per transaction, synchronous=NORMAL (no fsync)', N, wall, cpu)
  raw.close()
}

main().catch((err) => { console.error(err); process.exit(1) })
