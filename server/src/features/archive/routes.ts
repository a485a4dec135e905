import { ArchiveListQuery, IdParam } from '@openday/protocol'
import { Router } from 'express'
import type { ArchiveService } from './service.ts'

export function archiveRoutes(archive: ArchiveService): Router {
  const r = Router()
  r.get('/', async (req, res) => { res.json(await archive.list(ArchiveListQuery.parse(req.query))) })
  r.get('/:id', async (req, res) => {
    // Frozen data: safe to cache briefly at a proxy.
    res.set('Cache-Control', 'public, max-age=30')
    res.json(await archive.get(IdParam.parse(req.params).id))
  })
  return r
}
