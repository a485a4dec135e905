// Sums the test counts of every suite's report into the final "N passed, N failed" line.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
let passed = 0, failed = 0
for (const f of readdirSync(dir)) {
  const text = readFileSync(join(dir, f), 'utf8')
  if (f.endsWith('.count')) {
    const c = JSON.parse(text); passed += c.passed; failed += c.failed
  } else if (f.endsWith('.vitest.json')) {
    const r = JSON.parse(text)
    passed += r.numPassedTests
    // Skipped/pending tests are failures we owe, not passes.
    failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
    if (r.numFailedTestSuites && !r.numFailedTests) failed += r.numFailedTestSuites
  } else if (f === 'e2e.out') {
    // Playwright's JSON reporter output follows the list output on stdout.
    const json = text.slice(text.indexOf('\n{') + 1)
    try {
      const s = JSON.parse(json).stats
      passed += s.expected; failed += s.unexpected + s.flaky + s.skipped
    } catch { failed += 1 }
  }
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
