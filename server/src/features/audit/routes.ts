import { AuditQuery } from '@openday/protocol'
import { Router } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { AuditService } from './service.ts'

/** Mounted at /api/admin/audit: the city office only. */
export function auditRoutes(audit: AuditService): Router {
  const r = Router()
  r.get('/', async (req, res) => {
    requireRole(req.actor, ['admin'])
    const q = AuditQuery.parse(req.query)
    res.set('Cache-Control', 'private, no-store')
    res.json(await audit.page(q))
  })
  r.get('/actors', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.set('Cache-Control', 'private, no-store')
    res.json(await audit.actors())
  })
  return r
}
