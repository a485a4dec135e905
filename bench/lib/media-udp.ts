// The kernel's UDP counters for the media benchmark: machine-wide (/proc/net/snmp) and per process
// (/proc/net/udp's per-socket drops, matched to the process's socket inodes). Per process tells
// a viewer process that could not read its sockets fast enough from a worker that could not read
// its feed: both count in the machine-wide figure.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

export function udpCounters(): Record<string, number> {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'))
  const names = lines[0]!.split(/\s+/).slice(1)
  const values = lines[1]!.split(/\s+/).slice(1).map(Number)
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]))
}

function socketInodes(pid: number): string[] {
  const out: string[] = []
  let fds: string[]
  try { fds = readdirSync(`/proc/${pid}/fd`) } catch { return out }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (m) out.push(m[1]!)
    } catch { /* closed meanwhile */ }
  }
  return out
}

/** Datagrams dropped so far at each process's UDP sockets (receive buffer full), in the order of `pids`. */
export function udpDropsByPid(pids: number[]): number[] {
  const drops = new Map<string, number>()
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let text = ''
    try { text = readFileSync(file, 'utf8') } catch { continue }
    for (const line of text.split('\n').slice(1)) {
      // sl local rem st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops
      const cols = line.trim().split(/\s+/)
      if (cols.length >= 13) drops.set(cols[9]!, Number(cols[12]))
    }
  }
  return pids.map((pid) => socketInodes(pid).reduce((a, inode) => a + (drops.get(inode) ?? 0), 0))
}
