import client from 'prom-client'

// What a running OpenDay tells Prometheus (GET /metrics, features/health). One registry per
// process: the counters are the process's, whatever app objects it holds (the tests start several),
// and the values read at scrape time (sockets, live sessions, media workers) are summed over the
// sources each app registers.

export const registry = new client.Registry()
client.collectDefaultMetrics({ register: registry, prefix: 'openday_' })

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

export const metrics = {
  /** Every acked socket command, by name and outcome (ok or the error code). */
  commands: new client.Histogram({ name: 'openday_command_seconds', help: 'Socket command latency by command and outcome', labelNames: ['command', 'outcome'] as const, buckets: SECONDS, registers: [registry] }),
  /** Live frames written, by who they went to (room: every viewer of a session). */
  frames: new client.Counter({ name: 'openday_frames_total', help: 'Live frames sent, by audience', labelNames: ['audience'] as const, registers: [registry] }),
  /** Session events carried by those frames. */
  events: new client.Counter({ name: 'openday_events_out_total', help: 'Session events sent in live frames, by audience', labelNames: ['audience'] as const, registers: [registry] }),
  commits: new client.Histogram({ name: 'openday_db_commit_seconds', help: 'Database transaction time, begin to commit', buckets: SECONDS, registers: [registry] }),
  batches: new client.Histogram({ name: 'openday_group_commit_batch_size', help: 'Items written per group commit', buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500], registers: [registry] }),
  refused: new client.Counter({ name: 'openday_rate_limited_total', help: 'Requests and commands refused by a rate limit', labelNames: ['via'] as const, registers: [registry] }),
  /** Sockets cut off by the server, by why (a flood of commands, malformed packets). */
  cut: new client.Counter({ name: 'openday_sockets_cut_total', help: 'Sockets disconnected by the server for abuse', labelNames: ['why'] as const, registers: [registry] }),
  http: new client.Histogram({ name: 'openday_http_request_seconds', help: 'HTTP API latency by method and status', labelNames: ['method', 'status'] as const, buckets: SECONDS, registers: [registry] }),
}

export interface GaugeSource {
  sockets(): number
  liveSessions(): Promise<number>
  media(): Promise<{ workers: number; consumers: number; cpuSeconds: number }>
}
const sources = new Set<GaugeSource>()
/**
 * An app's live values, read at each scrape until the returned function removes them. Three
 * gauges read the media figures: they are asked of the workers once per scrape, not three times.
 */
export function addGaugeSource(s: GaugeSource): () => void {
  let media: { at: number; value: ReturnType<GaugeSource['media']> } | null = null
  const source: GaugeSource = {
    sockets: () => s.sockets(),
    liveSessions: () => s.liveSessions(),
    media() {
      if (!media || Date.now() - media.at > 1_000) media = { at: Date.now(), value: s.media() }
      return media.value
    },
  }
  sources.add(source)
  return () => { sources.delete(source) }
}
const sum = async (f: (s: GaugeSource) => number | Promise<number>) => (await Promise.all([...sources].map(f))).reduce((a, b) => a + b, 0)

new client.Gauge({ name: 'openday_sockets_connected', help: 'Connected sockets', registers: [registry], async collect() { this.set(await sum((s) => s.sockets())) } })
new client.Gauge({ name: 'openday_live_sessions', help: 'Sessions live now', registers: [registry], async collect() { this.set(await sum((s) => s.liveSessions())) } })
new client.Gauge({ name: 'openday_media_workers', help: 'mediasoup workers alive', registers: [registry], async collect() { this.set(await sum(async (s) => (await s.media()).workers)) } })
new client.Gauge({ name: 'openday_media_consumers', help: 'mediasoup consumers (viewers\' streams)', registers: [registry], async collect() { this.set(await sum(async (s) => (await s.media()).consumers)) } })
new client.Gauge({ name: 'openday_media_worker_cpu_seconds', help: 'CPU time used by the mediasoup workers (user + system)', registers: [registry], async collect() { this.set(await sum(async (s) => (await s.media()).cpuSeconds)) } })
