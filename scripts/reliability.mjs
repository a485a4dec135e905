// Writes RELIABILITY.md from the fault suite's report (JSON lines, one per fault run; see
// server/test/faults/report.ts): what was injected, under what load, and the counts, with the
// commit and the machine, so the figures can be traced to the code that produced them.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

const [file, write, status] = process.argv.slice(2)
const rows = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []
const git = (...a) => { try { return execFileSync('git', a, { encoding: 'utf8' }).trim() } catch { return '?' } }
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`
const byFault = new Map()
for (const r of rows) byFault.set(r.fault, [...(byFault.get(r.fault) ?? []), r])
const order = [...byFault.keys()].sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))
const cell = (v) => String(v).replaceAll('|', '\\|')
let md = `# RELIABILITY — the fault suite's figures\n\n`
md += `Written by \`npm run faults\` (also run by \`npm run bench\`): issue 15's faults injected for real into the real server process, its real database and real socket.io clients, in the suite's long form. \`npm test\` runs the same tests in their short form and fails if any promise breaks; it writes nothing here.\n\n`
md += `- Commit: ${commit}; run ${new Date().toISOString()}; ${rows[0]?.form ?? '?'} form; suite ${status === '0' ? 'passed' : 'FAILED'}\n`
md += `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; the clients share the cores with the server\n\n`
for (const f of order) {
  const runs = byFault.get(f)
  md += `## ${f}\n\n`
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.counts)))]
  md += `| database | injected | ${keys.map(cell).join(' | ')} |\n|---|---|${keys.map(() => '---:').join('|')}|\n`
  for (const r of runs) md += `| ${r.db} | ${cell(r.injected)} | ${keys.map((k) => cell(r.counts[k] ?? '')).join(' | ')} |\n`
  md += '\n'
}
if (!rows.length) md += 'No figures were recorded (the suite did not run).\n'
process.stdout.write(md)
if (write === '1') writeFileSync(new URL('../RELIABILITY.md', import.meta.url), md)
