import { ArchiveListQuery, IdParam } from '@openday/protocol'
import { Router } from 'express'
import type { ArchiveService } from './service.ts'

export function archiveRoutes(archive: ArchiveService): Router {
  const r = Router()
  r.get('/', async (req, res) => { res.json(await archive.list(ArchiveListQuery.parse(req.query))) })
  r.get('/:id', async (req, res) => {
    const { archive: dto, public: pub } = await archive.get(IdParam.parse(req.params).id, req.actor)
    // Frozen data: safe to cache briefly at a proxy, unless only staff may see it.
    res.set('Cache-Control', pub ? 'public, max-age=30' : 'private, no-store')
    res.json(dto)
  })
  return r
}
