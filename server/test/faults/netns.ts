import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { REPO_ROOT } from '../../src/config.ts'

// Network faults below the client library (issue 15, faults 2 and 3), as docs/fault-suite-research.md
// worked out: the clients run in a network namespace of the test's own, joined to the host by a veth
// pair; iptables inside it drops their packets (all of them: a cut the client is not told about; or
// at random: loss, which TCP turns into stalls); a TCP proxy on the host end adds delay both ways.
// This machine's kernel has no netem, hence the proxy. Needs root, `ip` and `iptables` (.ci/run
// installs them); without them the test fails saying so rather than passing untried.

export function networkFaultsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'network faults need root (ip netns, iptables)'
  for (const tool of ['ip', 'iptables']) {
    try { execFileSync('which', [tool], { stdio: 'pipe' }) } catch { return `network faults need \`${tool}\` (apt-get install iproute2 iptables)` }
  }
  return null
}

const sh = (args: string[]) => execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' })

export interface Netns {
  name: string
  /** The host's end of the veth pair, where the proxy listens for the namespace's clients. */
  hostIp: string
  /** A process inside the namespace (stdout piped, stdin open for commands). */
  spawn(args: string[], env: Record<string, string>): ChildProcess
  /** Drops everything in and out: open connections get no close and no error; new ones hang. */
  cut(): void
  /** Drops each packet in and out with this probability. */
  loss(p: number): void
  heal(): void
  destroy(): void
}

/** A namespace with its own /30 (10.231.N.0/30, N random, so parallel runs do not collide). */
export function createNetns(): Netns {
  const tag = randomBytes(3).toString('hex')
  const name = `od${tag}`
  const n = 1 + (parseInt(tag, 16) % 250)
  const hostIp = `10.231.${n}.1`
  const nsIp = `10.231.${n}.2`
  const [h, c] = [`${name}h`, `${name}c`]
  sh(['ip', 'netns', 'add', name])
  sh(['ip', 'link', 'add', h, 'type', 'veth', 'peer', 'name', c])
  sh(['ip', 'link', 'set', c, 'netns', name])
  sh(['ip', 'addr', 'add', `${hostIp}/30`, 'dev', h])
  sh(['ip', 'link', 'set', h, 'up'])
  sh(['ip', '-n', name, 'addr', 'add', `${nsIp}/30`, 'dev', c])
  sh(['ip', '-n', name, 'link', 'set', c, 'up'])
  sh(['ip', '-n', name, 'link', 'set', 'lo', 'up'])
  const ipt = (...rule: string[]) => sh(['ip', 'netns', 'exec', name, 'iptables', ...rule])
  const children: ChildProcess[] = []
  return {
    name, hostIp,
    spawn(args, env) {
      const child = spawn('ip', ['netns', 'exec', name, ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? 'Asia/Shanghai', ...env }, stdio: ['pipe', 'pipe', 'inherit'] })
      children.push(child)
      return child
    },
    cut() { ipt('-A', 'INPUT', '-i', c, '-j', 'DROP'); ipt('-A', 'OUTPUT', '-o', c, '-j', 'DROP') },
    loss(p) {
      for (const [chain, dir] of [['INPUT', '-i'], ['OUTPUT', '-o']] as const) ipt('-A', chain, dir, c, '-m', 'statistic', '--mode', 'random', '--probability', String(p), '-j', 'DROP')
    },
    heal() { ipt('-F') },
    destroy() {
      for (const ch of children) ch.kill('SIGKILL')
      try { sh(['ip', 'netns', 'del', name]) } catch { /* already gone */ }
      try { sh(['ip', 'link', 'del', h]) } catch { /* deleted with the namespace */ }
    },
  }
}

/**
 * A TCP relay that holds each chunk for delay ± jitter (uniform) before passing it on, in order:
 * a chunk never overtakes the one before it, as on a real path.
 */
export function delayProxy(listenHost: string, upstreamPort: number, delayMs: number, jitterMs: number): Promise<{ port: number; server: Server; close(): void }> {
  const open = new Set<Socket>()
  const server = createServer((down) => {
    const up = createConnection({ host: '127.0.0.1', port: upstreamPort })
    open.add(down); open.add(up)
    // One queue and one timer per direction: separate timers could fire out of order (their
    // expiries are rounded to the millisecond), and TCP never reorders a stream.
    const pipe = (from: Socket, to: Socket) => {
      const queue: { due: number; buf: Buffer }[] = []
      let last = 0
      let timer: NodeJS.Timeout | null = null
      let ended = false
      const pump = () => {
        timer = null
        const now = Date.now()
        while (queue.length && queue[0]!.due <= now) { const { buf } = queue.shift()!; if (!to.destroyed) to.write(buf) }
        if (queue.length) timer = setTimeout(pump, queue[0]!.due - now)
        else if (ended && !to.destroyed) to.end()
      }
      from.on('data', (buf) => {
        last = Math.max(last, Date.now() + delayMs + (Math.random() * 2 - 1) * jitterMs)
        queue.push({ due: last, buf })
        timer ??= setTimeout(pump, last - Date.now())
      })
      from.on('end', () => { ended = true; if (!timer) pump() })
    }
    pipe(down, up)
    pipe(up, down)
    // An error tears both down; a close waits for what is still queued (the 'end' path above).
    const kill = () => { down.destroy(); up.destroy(); open.delete(down); open.delete(up) }
    down.on('error', kill); up.on('error', kill)
  })
  return new Promise((resolve) => server.listen(0, listenHost, () => resolve({
    port: (server.address() as { port: number }).port, server,
    close: () => { for (const s of open) s.destroy(); server.close() },
  })))
}
