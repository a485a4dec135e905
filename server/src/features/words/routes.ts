import { IdParam, SensitiveWordBody } from '@openday/protocol'
import { Router } from 'express'
import { requireRole } from '../auth/actor.ts'
import type { WordsService } from './service.ts'

export function wordRoutes(words: WordsService): Router {
  const r = Router()
  r.get('/', async (req, res) => {
    requireRole(req.actor, ['admin', 'moderator'])
    res.json(await words.list())
  })
  r.post('/', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    res.status(201).json(await words.add(SensitiveWordBody.parse(req.body).word, actor))
  })
  r.delete('/:id', async (req, res) => {
    const actor = requireRole(req.actor, ['admin'])
    await words.remove(IdParam.parse(req.params).id, actor)
    res.json({})
  })
  return r
}
