import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Where a script lives, shortened: a package name for node_modules, else the repo path. */
function where(url: string): string {
  if (!url) return '(native)'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (url.startsWith('node:')) return url
  const m = /\/(server|protocol|prisma)\/(.*)$/.exec(url)
  return m ? `${m[1]}/${m[2]}` : url.replace(/^file:\/\//, '')
}

/**
 * Self time of a V8 CPU profile, by function and by package, optionally only for samples taken in
 * [from, to] (epoch ms, e.g. a benchmark's measurement window; endEpoch = when the process exited).
 */
export function summarize(file: string, top = 25, window?: { from: number; to: number; endEpoch: number }): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
  // Profile times are µs on a monotonic clock; the profile ends when the process exits (endEpoch).
  const origin = window ? window.endEpoch - p.endTime / 1000 : 0
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  let t = p.startTime // µs, process-relative monotonic clock
  let total = 0
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0
    if (window) {
      const at = origin + t / 1000
      if (at < window.from || at > window.to) continue
    }
    const d = p.timeDeltas[i + 1] ?? 0
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + d)
    total += d
  }
  const fn = new Map<string, number>()
  const pkg = new Map<string, number>()
  for (const [id, us] of self) {
    const n = byId.get(id)!
    const name = n.callFrame.functionName || '(anonymous)'
    const key = `${name}  ${where(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`
    fn.set(key, (fn.get(key) ?? 0) + us)
    const k2 = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : where(n.callFrame.url)
    pkg.set(k2, (pkg.get(k2) ?? 0) + us)
  }
  const fmt = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n')
  return `profile ${file}: ${(total / 1e6).toFixed(1)} s sampled\n-- self time by package/file --\n${fmt(pkg)}\n-- self time by function --\n${fmt(fn)}`
}

/** The main thread's profile in a folder: the largest file (tsx's loader thread writes a small one). */
export function latestProfile(dir: string): string | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f))
  files.sort((a, b) => statSync(b).size - statSync(a).size)
  return files[0] ?? null
}

// `npx tsx bench/lib/profile.ts <file.cpuprofile> [top]`
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(summarize(process.argv[2]!, Number(process.argv[3] ?? 30)))
}
