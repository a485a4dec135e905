import { IdParam, UPLOAD_MAX_BYTES } from '@openday/protocol'
import { Router } from 'express'
import multer from 'multer'
import { AppError } from '../../lib/errors.ts'
import type { Db } from '../../db/client.ts'
import { requireSessionRole } from '../auth/actor.ts'
import type { UploadService } from './service.ts'

export function uploadApiRoutes(db: Db, uploads: UploadService): Router {
  const r = Router()
  const single = multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5 } }).single('file')
  r.post('/sessions/:id/uploads', async (req, res, next) => {
    const { id } = IdParam.parse(req.params)
    // Authorise before reading the body into memory.
    const actor = await requireSessionRole(db, req.actor, id, ['host', 'guest'])
    single(req, res, (err: unknown) => {
      if (err) return next(err)
      if (!req.file) return next(new AppError('BAD_REQUEST', 'missing file field "file"'))
      uploads.store(id, req.file.buffer, actor).then((u) => res.status(201).json(u), next)
    })
  })
  return r
}

export function uploadFileRoutes(uploads: UploadService): Router {
  const r = Router()
  r.get('/:id', async (req, res) => {
    const f = await uploads.file(IdParam.parse(req.params).id, req.actor)
    // Content-addressed and never changed: cache for a year, unless only staff may see it yet.
    const cache = f.public ? 'public, max-age=31536000, immutable' : 'private, no-store'
    res.set({ 'Content-Type': f.mime, 'Cache-Control': cache, 'Content-Disposition': 'inline' })
    res.sendFile(f.path)
  })
  return r
}
