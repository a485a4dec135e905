import { timingSafeEqual } from 'node:crypto'
import { Router } from 'express'
import { registry } from '../../lib/metrics.ts'
import type { HealthService } from './service.ts'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * GET /api/health (liveness), GET /api/ready (readiness: 503 with the failing checks), GET /metrics
 * (Prometheus text). The metrics say how busy the office is: only a scraper on this machine, or one
 * holding METRICS_TOKEN as a bearer token, reads them.
 */
export function healthRoutes(health: HealthService, metricsToken: string): Router {
  const r = Router()
  r.get('/api/health', (_req, res) => { res.set('Cache-Control', 'no-store').json({ ok: true }) })
  r.get('/api/ready', async (_req, res) => {
    const s = await health.readiness()
    res.set('Cache-Control', 'no-store').status(s.ready ? 200 : 503).json(s)
  })
  r.get('/metrics', async (req, res) => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1]
    // Through a proxy on this machine every request comes from loopback: a forwarded one is not local.
    const local = LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.get('x-forwarded-for')
    const allowed = metricsToken ? !!bearer && same(bearer, metricsToken) : local
    if (!allowed) { res.status(403).json({ error: { code: 'FORBIDDEN', message: 'metrics: from this machine, or with METRICS_TOKEN' } }); return }
    res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(await registry.metrics())
  })
  return r
}
