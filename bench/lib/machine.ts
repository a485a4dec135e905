import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { ROOT } from './servers.ts'

export function machine(): { cores: number; cpu: string; memGb: number; node: string; kernel: string; commit: string } {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  try { cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu } catch { /* keep os.cpus() */ }
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'protocol', 'prisma'], { cwd: ROOT }).toString().trim()
    if (dirty) commit += ' + uncommitted server/protocol/prisma changes'
  } catch { /* not a checkout */ }
  return { cores: os.availableParallelism(), cpu, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, kernel: os.release(), commit }
}

export function machineLine(): string {
  const m = machine()
  return `${m.cores} cores (nproc), ${m.cpu}, ${m.memGb} GB RAM, Linux ${m.kernel}, Node ${m.node}; code at ${m.commit}`
}
