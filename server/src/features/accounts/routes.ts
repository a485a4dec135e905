import { AccountCreateBody, AccountListQuery, AccountUpdateBody, EmptyBody, IdParam } from '@openday/protocol'
import { Router, type Response } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { AccountService } from './service.ts'

// The one-time password is in this response and nowhere else: no cache, no proxy may keep it.
const noStore = (res: Response) => res.set('Cache-Control', 'no-store')

/** Mounted at /api/admin/accounts: the admin only, checked before the body is even read. */
export function accountRoutes(accounts: AccountService): Router {
  const r = Router()
  r.get('/', async (req, res) => {
    requireRole(req.actor, ['admin'])
    const q = AccountListQuery.parse(req.query)
    res.json(await accounts.list({ role: q.role, unitId: q.unitId, active: q.active === undefined ? undefined : q.active === 'true' }))
  })
  r.post('/', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const created = await accounts.create(AccountCreateBody.parse(req.body), actor, req.ip ?? null)
    noStore(res).status(201).json(created)
  })
  r.put('/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    const { id } = IdParam.parse(req.params)
    res.json(await accounts.update(id, AccountUpdateBody.parse(req.body), actor, req.ip ?? null))
  })
  r.post('/:id/reset-password', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    EmptyBody.parse(req.body)
    noStore(res).json(await accounts.resetPassword(IdParam.parse(req.params).id, actor, req.ip ?? null))
  })
  r.post('/:id/disable', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    EmptyBody.parse(req.body)
    res.json(await accounts.setActive(IdParam.parse(req.params).id, false, actor, req.ip ?? null))
  })
  r.post('/:id/enable', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    EmptyBody.parse(req.body)
    res.json(await accounts.setActive(IdParam.parse(req.params).id, true, actor, req.ip ?? null))
  })
  return r
}
