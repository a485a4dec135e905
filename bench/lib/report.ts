import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { getPriority } from 'node:os'
import { join } from 'node:path'
import { machineLine } from './machine.ts'
import { ROOT } from './servers.ts'

export const BENCHMARKS = join(ROOT, 'BENCHMARKS.md')

const HEADER = `# OpenDay benchmarks

Figures measured by the scripts in \`bench/\` (how to run them and what each figure means:
[bench/README.md](bench/README.md)). Each script rewrites only its own sections (between the
\`<!-- bench:… -->\` markers) and keeps everything else, so sections can come from different runs:
check each one's date and commit.
`

/** Replaces (or appends) one named section of BENCHMARKS.md, keeping every other part of the file. */
export function writeSection(name: string, body: string): void {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${body.trim()}\n${end}`
  let doc = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : HEADER
  const i = doc.indexOf(start)
  const j = doc.indexOf(end)
  if (i >= 0 && j > i) doc = doc.slice(0, i) + block + doc.slice(j + end.length)
  else doc = `${doc.trimEnd()}\n\n${block}\n`
  writeFileSync(BENCHMARKS, doc.endsWith('\n') ? doc : `${doc}\n`)
}

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * Other people's work shares the machine; a benchmark may be run with a raised priority (nice, or
 * with Linux autogroups the session's autogroup nice, which is what counts between sessions).
 */
function priorityNote(): string {
  const nice = getPriority()
  let group = 0
  try { group = Number(/nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'))?.[1] ?? 0) } catch { /* no autogroups */ }
  if (nice === 0 && group === 0) return ''
  return ` Benchmark processes ran at ${nice ? `nice ${nice}` : ''}${nice && group ? ', ' : ''}${group ? `autogroup nice ${group}` : ''}, ahead of other work on the machine.`
}

/** Common first lines of a section: when, where, with which command. */
export function preamble(title: string, command: string): string {
  const prio = priorityNote()
  return `## ${title}\n\n*Run ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC on ${machineLine()}.${prio}*\n*Command: \`${command}\`*\n`
}

/**
 * A section rendered again from a saved run's results.json (`--from`): the preamble described now,
 * so its date becomes the run's, and a line says what was re-rendered and from which code.
 */
export function rerendered(text: string, startedAt: string, commit?: string): string {
  const minute = (iso: string) => iso.replace('T', ' ').slice(0, 16)
  return text.replace(/\*Run [^*]*? UTC on /, `*Run ${minute(startedAt)} UTC on `)
    .replace(/(\*Command: [^\n]*\n)/, `$1*Section rendered again on ${minute(new Date().toISOString())} UTC from that run's results.json (\`--from\`); the run measured code at ${commit ?? 'the commit of that time'}, the "code at" above is the report's.*\n`)
}

export const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '–')
export const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${v.toFixed(digits)} %` : '–')
export const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–')
export const fix = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '–')
