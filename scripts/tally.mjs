// Sums the test counts of every suite's report into the final "N passed, N failed" line.
// A suite that exited non-zero without any failing test (crash, bad config, no tests found)
// counts as one failure; skipped tests count as failures too — they are owed, not passed.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
let passed = 0, failed = 0
const read = (f) => { try { return JSON.parse(readFileSync(join(dir, f), 'utf8')) } catch { return null } }
const status = (f) => (existsSync(join(dir, `${f}.status`)) ? Number(readFileSync(join(dir, `${f}.status`), 'utf8')) : 0)

for (const f of readdirSync(dir)) {
  let p = 0, x = 0
  if (f.endsWith('.count')) {
    const c = read(f); p = c.passed; x = c.failed
  } else if (f.endsWith('.vitest.json') || f.endsWith('.playwright.json')) {
    const r = read(f)
    if (!r) x = 0
    else if (f.endsWith('.vitest.json')) { p = r.numPassedTests; x = r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) }
    else { p = r.stats.expected; x = r.stats.unexpected + r.stats.flaky + r.stats.skipped }
    if ((status(f) !== 0 || p === 0) && x === 0) x = 1
  } else if (f.endsWith('.status')) {
    // A suite that wrote no report at all.
    const report = f.slice(0, -'.status'.length)
    if (!existsSync(join(dir, report))) x = 1
  }
  passed += p; failed += x
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
