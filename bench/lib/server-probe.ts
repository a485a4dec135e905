// Preloaded into the server process by the benchmarks (`node --import tsx --import
// ./bench/lib/server-probe.ts server/src/main.ts`): the server's code is untouched. Once a second
// it appends the event loop's delay (p50/p99/max, ms) and utilisation to $BENCH_PROBE_FILE, so a
// slow delivery can be told apart from a busy or blocked main thread.
import { appendFileSync } from 'node:fs'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

const file = process.env.BENCH_PROBE_FILE
if (file) {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  let elu = performance.eventLoopUtilization()
  setInterval(() => {
    const next = performance.eventLoopUtilization()
    const u = performance.eventLoopUtilization(next, elu)
    elu = next
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6, elu: u.utilization })}\n`)
    h.reset()
  }, 1000).unref()
}
