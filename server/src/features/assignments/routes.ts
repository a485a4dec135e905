import { AssignmentParams, AssignStaffBody } from '@openday/protocol'
import { Router } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { AssignmentService } from './service.ts'

/** Mounted at /api. Only the city office staffs sessions; the role is checked before anything is parsed. */
export function assignmentRoutes(assignments: AssignmentService): Router {
  const r = Router()
  r.get('/admin/sessions', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.set('Cache-Control', 'no-store')
    res.json(await assignments.sessions())
  })
  r.get('/admin/staff-candidates', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.set('Cache-Control', 'no-store')
    res.json(await assignments.candidates())
  })
  r.put('/admin/sessions/:id/staff/:userId', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id, userId } = AssignmentParams.parse(req.params)
    const { role } = AssignStaffBody.parse(req.body)
    res.json(await assignments.assign(id, userId, role, actor, req.ip ?? null))
  })
  r.delete('/admin/sessions/:id/staff/:userId', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id, userId } = AssignmentParams.parse(req.params)
    res.json(await assignments.remove(id, userId, actor, req.ip ?? null))
  })
  return r
}
