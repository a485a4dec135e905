import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sleep } from './stamp.ts'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const BENCH_DATA = join(ROOT, 'data/bench')
const execFileP = promisify(execFile)

export interface Running {
  name: string
  pid: number
  url: string
  port: number
  log: string
  /** Event-loop samples of the server (lib/server-probe.ts), one JSON line per second. */
  probe: string
  stop(): Promise<void>
}

/** The server's event loop over [from, to]: worst per-second p99 and max delay (ms), mean utilisation. */
export function loopStats(probe: string, from: number, to: number): { p99: number; max: number; elu: number } {
  let rows: { t: number; p99: number; max: number; elu: number }[] = []
  try { rows = readFileSync(probe, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: number; p99: number; max: number; elu: number }) } catch { /* no probe */ }
  // A row is written by a 1 s timer: when the loop is blocked, rows go missing, and the gap between
  // two rows (minus the second) is the stall, which the delay histogram of a blocked second misses.
  let gap = 0
  for (let i = 1; i < rows.length; i++) if (rows[i]!.t > from && rows[i - 1]!.t < to) gap = Math.max(gap, rows[i]!.t - rows[i - 1]!.t - 1000)
  rows = rows.filter((r) => r.t >= from && r.t <= to)
  if (!rows.length) return { p99: NaN, max: gap || NaN, elu: NaN }
  return { p99: Math.max(...rows.map((r) => r.p99)), max: Math.max(gap, ...rows.map((r) => r.max)), elu: rows.reduce((a, r) => a + r.elu, 0) / rows.length }
}

/** Where this run's databases, logs and profiles go (data/ is gitignored; same disk as a real install). */
export function runDir(tag: string): string {
  const d = join(BENCH_DATA, `${new Date().toISOString().replace(/[:.]/g, '-')}-${tag}`)
  mkdirSync(d, { recursive: true })
  return d
}

/**
 * Runs a TypeScript entry point with `node --import tsx` rather than `npx tsx`: the tsx CLI runs the
 * script in a second node process, and the CPU/RSS figures must be those of the server itself.
 */
function spawnTs(name: string, script: string, env: Record<string, string>, logFile: string, nodeArgs: string[] = []): ChildProcess {
  const out = createWriteStream(logFile)
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(out)
  child.stderr!.pipe(out)
  child.on('exit', (code, signal) => { if (code && code !== 0) console.error(`[${name}] exited with ${code ?? signal}; log: ${logFile}`) })
  return child
}

async function waitHttp(url: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before listening:\n${tail(logFile)}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch { /* not yet */ }
    await sleep(200)
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${tail(logFile)}`)
}

function tail(file: string, lines = 30): string {
  try { return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') } catch { return '' }
}

async function stopChild(child: ChildProcess, ms = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const done = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGINT')
  const t = setTimeout(() => child.kill('SIGKILL'), ms)
  await done
  clearTimeout(t)
}

export interface OpenDayOptions {
  port: number
  dbUrl: string
  dir: string
  env?: Record<string, string>
  /** Write a V8 CPU profile of the server into this folder (on exit). */
  cpuProfDir?: string
}

/** The settings every benchmark run of OpenDay uses; callers add FRAME/TALLY intervals etc. */
export function openDayEnv(o: OpenDayOptions): Record<string, string> {
  const big = '100000000'
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(o.port),
    PUBLIC_URL: `http://127.0.0.1:${o.port}`,
    DATABASE_URL: o.dbUrl,
    DATA_DIR: join(o.dir, 'files'),
    LOG_LEVEL: 'warn',
    CLIENT_DIST: '',
    // Production refuses to start without a key for citizens' personal data; each run gets its own.
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Every load client shares 127.0.0.1, and ingest uses each token many times: the limits would
    // measure themselves, not the server.
    RATE_QUESTIONS_PER_TOKEN: big,
    RATE_QUESTIONS_PER_IP: big,
    RATE_VOTES_PER_TOKEN: big,
    RATE_VOTES_PER_IP: big,
    RATE_CALLS_PER_OPERATOR: big,
    // Likewise thousands of viewers join, and get their device tokens, from one address.
    RATE_TOKENS_PER_IP: big,
    RATE_JOINS_PER_IP: big,
    RATE_JOINS_PER_SOCKET: big,
    MAX_SOCKETS_PER_IP: big,
    // One load socket sends many times a person's pace (a moderator process approving for all).
    SOCKET_COMMANDS_PER_S: big,
    LOGIN_ATTEMPTS_PER_IP: '1000',
    ...o.env,
  }
}

/** Seeds the demo data (migrations first) and starts the real server as a child process. */
export async function startOpenDay(o: OpenDayOptions): Promise<Running> {
  const env = openDayEnv(o)
  const seedLog = join(o.dir, `seed-${o.port}.log`)
  try {
    const { stdout, stderr } = await execFileP(process.execPath, ['--import', 'tsx', 'server/src/seed/cli.ts'], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 << 20 })
    createWriteStream(seedLog).end(stdout + stderr)
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string }
    throw new Error(`seeding failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
  const logFile = join(o.dir, `openday-${o.port}.log`)
  if (o.cpuProfDir) mkdirSync(o.cpuProfDir, { recursive: true })
  const probe = join(o.dir, `probe-${o.port}.jsonl`)
  const nodeArgs = [...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : []), '--import', './bench/lib/server-probe.ts']
  const child = spawnTs('openday', 'server/src/main.ts', { ...env, BENCH_PROBE_FILE: probe }, logFile, nodeArgs)
  const url = `http://127.0.0.1:${o.port}`
  await waitHttp(`${url}/api/health`, child, logFile)
  return { name: 'openday', pid: child.pid!, url, port: o.port, log: logFile, probe, stop: () => stopChild(child) }
}

/** The plain socket.io baseline (bench/baseline-server.ts). */
export async function startBaseline(port: number, dir: string): Promise<Running> {
  const logFile = join(dir, `baseline-${port}.log`)
  const probe = join(dir, `probe-${port}.jsonl`)
  const child = spawnTs('baseline', 'bench/baseline-server.ts', { PORT: String(port), BENCH_PROBE_FILE: probe }, logFile, ['--import', './bench/lib/server-probe.ts'])
  const url = `http://127.0.0.1:${port}`
  await waitHttp(`${url}/health`, child, logFile)
  return { name: 'baseline', pid: child.pid!, url, port, log: logFile, probe, stop: () => stopChild(child) }
}

/** Drops a database made by freshPostgres (psql of the cluster scripts/pg.sh runs). */
export async function dropPostgres(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1)
  if (!/^(bench|diag)_[a-z0-9]+$/.test(name)) throw new Error(`not a benchmark database: ${name}`)
  const psql = join(process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin', 'psql')
  const u = new URL(url)
  await execFileP(psql, ['-h', u.hostname, '-p', u.port, '-U', 'postgres', '-XqtA', '-c', `DROP DATABASE IF EXISTS ${name}`])
}

/** A fresh PostgreSQL database in the project's private cluster (scripts/pg.sh). */
export async function freshPostgres(name: string): Promise<string> {
  const pg = join(ROOT, 'scripts/pg.sh')
  await execFileP('bash', [pg, 'start'])
  await execFileP('bash', [pg, 'createdb', name])
  return (await execFileP('bash', [pg, 'url', name])).stdout.trim()
}
