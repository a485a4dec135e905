import { IdParam } from '@openday/protocol'
import { Router } from 'express'
import { requireActor } from '../auth/actor.ts'
import type { SessionService } from './service.ts'

export function sessionRoutes(sessions: SessionService): Router {
  const r = Router()
  // GET /api/events and /api/events/:id: features/events/routes.ts (the preview pages).
  r.get('/sessions/:id', async (req, res) => { res.json(await sessions.get(IdParam.parse(req.params).id, req.actor)) })
  r.get('/staff/assignments', async (req, res) => { res.json(await sessions.assignments(requireActor(req.actor))) })
  return r
}
