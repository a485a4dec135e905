import { DecideBody, DiffQuery, IdParam, ProposalCreateBody, ProposalListQuery, ProposalSaveBody, ReturnBody, SubmitBody, YearNumber } from '@openday/protocol'
import { Router } from 'express'
import { z } from 'zod'
import { requireRole } from '../auth/actor.ts'
import type { ProposalService } from './service.ts'

const UnitListQuery = z.strictObject({ year: YearNumber.optional() })

/** Mounted at /api: the units' editors write and submit; the admin lists and decides. Roles are checked before bodies are read. */
export function proposalRoutes(proposals: ProposalService): Router {
  const r = Router()
  r.get('/admin/proposals', async (req, res) => {
    requireRole(req.actor, ['admin'])
    res.json(await proposals.listForAdmin(ProposalListQuery.parse(req.query)))
  })
  r.post('/admin/proposals/:id/approve', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    DecideBody.parse(req.body)
    res.json(await proposals.decide(id, { approve: true }, actor, req.ip ?? null))
  })
  r.post('/admin/proposals/:id/return', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    res.json(await proposals.decide(id, { approve: false, ...ReturnBody.parse(req.body) }, actor, req.ip ?? null))
  })

  r.get('/unit/proposals', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    res.json(await proposals.listForUnit(actor, UnitListQuery.parse(req.query).year))
  })
  r.post('/unit/proposals', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    res.status(201).json(await proposals.create(ProposalCreateBody.parse(req.body), actor))
  })

  r.get('/proposals/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await proposals.get(IdParam.parse(req.params).id, actor))
  })
  r.put('/proposals/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    res.json(await proposals.save(IdParam.parse(req.params).id, ProposalSaveBody.parse(req.body), actor))
  })
  r.post('/proposals/:id/submit', async (req, res) => {
    const actor = requireRole(req.actor, ['unit_editor'])
    res.json(await proposals.submit(IdParam.parse(req.params).id, SubmitBody.parse(req.body), actor, req.ip ?? null))
  })
  r.get('/proposals/:id/versions', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    res.json(await proposals.versions(IdParam.parse(req.params).id, actor))
  })
  r.get('/proposals/:id/diff', async (req, res) => {
    const actor = requireRole(req.actor, ['admin', 'unit_editor'])
    const { from, to } = DiffQuery.parse(req.query)
    res.json(await proposals.diff(IdParam.parse(req.params).id, from, to, actor))
  })
  return r
}
