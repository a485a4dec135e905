import { Router } from 'express'
import type { CitizenService } from './service.ts'

/** Mounted at /api (behind the CSRF guard: a POST, so another site's page cannot mint tokens for us). */
export function citizenRoutes(citizens: CitizenService): Router {
  const r = Router()
  r.post('/citizens/token', async (req, res) => {
    const token = await citizens.issue(req.ip ?? 'unknown')
    res.set('Cache-Control', 'no-store')
    res.json({ token })
  })
  return r
}
