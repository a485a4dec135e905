import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

const TICK = 100 // USER_HZ on Linux; /proc/<pid>/stat counts CPU time in these ticks

function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; fields are counted after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(f[11]) + Number(f[12]) // utime + stime (fields 14 and 15)
  } catch {
    return null
  }
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = line.reduce((a, b) => a + b, 0)
  const idle = (line[3] ?? 0) + (line[4] ?? 0)
  return { busy: total - idle, total }
}

export interface Sample { t: number; cpu: Record<string, number>; rss: Record<string, number>; machine: number }

/**
 * Samples CPU % (100 = one core fully busy) and RSS of labelled processes once per interval, plus
 * the whole machine's busy % (100 = every core busy). Windows of samples are summarised afterwards.
 */
export class ProcSampler {
  readonly samples: Sample[] = []
  private timer: NodeJS.Timeout | null = null
  private last = new Map<string, number>()
  private lastT = 0
  private lastMachine = machineTicks()

  constructor(private pids: Record<string, number | number[] | (() => number[])>, private intervalMs = 1000) {}

  

  start(): this {
    this.read(false)
    this.timer = setInterval(() => this.read(true), this.intervalMs)
    return this
  }

  stop(): void { if (this.timer) clearInterval(this.timer); this.timer = null }

  private read(keep: boolean): void {
    const t = Date.now()
    const dt = (t - this.lastT) / 1000
    const cpu: Record<string, number> = {}
    const rss: Record<string, number> = {}
    for (const [label, p] of Object.entries(this.pids)) {
      const pids = typeof p === 'function' ? p() : Array.isArray(p) ? p : [p]
      let ticks = 0
      let mem = 0
      for (const pid of pids) {
        ticks += cpuTicks(pid) ?? 0
        mem += rssMb(pid) ?? 0
      }
      const prev = this.last.get(label)
      if (prev !== undefined && dt > 0) cpu[label] = ((ticks - prev) / TICK / dt) * 100
      this.last.set(label, ticks)
      rss[label] = mem
    }
    const m = machineTicks()
    const machine = m.total > this.lastMachine.total ? ((m.busy - this.lastMachine.busy) / (m.total - this.lastMachine.total)) * 100 : 0
    this.lastMachine = m
    this.lastT = t
    if (keep && Object.keys(cpu).length) this.samples.push({ t, cpu, rss, machine })
  }

  /** Mean CPU % (of one core) used by processes other than the labelled ones, over [from, to]. */
  other(from: number, to: number): number {
    const s = this.samples.filter((x) => x.t >= from && x.t <= to)
    if (!s.length) return NaN
    const cores = availableParallelism()
    const per = s.map((x) => x.machine * cores - Object.values(x.cpu).reduce((a, b) => a + b, 0))
    return Math.max(0, per.reduce((a, b) => a + b, 0) / per.length)
  }

  /** Mean and max CPU %, and max and last RSS (MB) of a label, over samples taken in [from, to]. */
  window(label: string, from: number, to: number): { cpuMean: number; cpuMax: number; rssMax: number; rssEnd: number; machineMean: number } {
    const s = this.samples.filter((x) => x.t >= from && x.t <= to && x.cpu[label] !== undefined)
    if (!s.length) return { cpuMean: NaN, cpuMax: NaN, rssMax: NaN, rssEnd: NaN, machineMean: NaN }
    const cpus = s.map((x) => x.cpu[label]!)
    return {
      cpuMean: cpus.reduce((a, b) => a + b, 0) / cpus.length,
      cpuMax: Math.max(...cpus),
      rssMax: Math.max(...s.map((x) => x.rss[label]!)),
      rssEnd: s[s.length - 1]!.rss[label]!,
      machineMean: s.reduce((a, b) => a + b.machine, 0) / s.length,
    }
  }
}

/** PostgreSQL's processes (postmaster and backends): their CPU is the database's share of the work. */
export function postgresPids(): number[] {
  const out: number[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try { if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') out.push(Number(d)) } catch { /* gone */ }
  }
  return out
}

/** Busy % of the whole machine (100 = every core) over the next `ms`. */
export async function machineBusy(ms = 2000): Promise<number> {
  const a = machineTicks()
  await new Promise((r) => setTimeout(r, ms))
  const b = machineTicks()
  return b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * 100 : 0
}

/**
 * The machine is shared (other people's tests and builds run on it): before a measurement, waits
 * up to `maxWaitS` for it to be mostly idle. Returns the busy % last seen, which runs report.
 */
export async function waitQuiet(maxBusyPct: number, maxWaitS: number, log: (s: string) => void): Promise<number> {
  const until = Date.now() + maxWaitS * 1000
  let busy = await machineBusy()
  let told = false
  while (busy > maxBusyPct && Date.now() < until) {
    if (!told) { log(`  machine ${busy.toFixed(0)} % busy with other work; waiting up to ${maxWaitS} s for it to drop below ${maxBusyPct} %`); told = true }
    busy = await machineBusy(3000)
  }
  if (busy > maxBusyPct) log(`  machine still ${busy.toFixed(0)} % busy; measuring anyway (see "other processes CPU")`)
  return busy
}
