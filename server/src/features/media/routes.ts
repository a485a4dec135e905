import { IdParam } from '@openday/protocol'
import { Router } from 'express'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { type EventVisibility, isPublicEvent, visibleTo } from '../sessions/visibility.ts'
import * as repo from './repository.ts'

/** Where a session's HLS and recording live: DATA_DIR/media/<sessionId>/. */
export const mediaDir = (dataDir: string, sessionId: string) => join(dataDir, 'media', sessionId)

// Only names ffmpeg writes; nothing with a slash or "..", so a request can never leave the folder.
const HlsFile = z.string().regex(/^[A-Za-z0-9_-]{1,64}\.(m3u8|ts|m4s|mp4)$/)
const TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
}

/**
 * The stage's HLS while live (and after, as a VOD) and the archived recording. Public like the
 * session page (and, like it, only for the session's staff before its event is published), but
 * never before the session went live. Expects req.actor (loadActor).
 */
export function mediaFileRoutes(db: Db, dataDir: string): Router {
  const r = Router()
  const publicSession = async (id: string, actor: Actor | null | undefined) => {
    const s = await repo.findMediaSession(db, id)
    if (!s || s.kind !== 'video_interview' || s.status === 'scheduled' || !(await visibleTo(db, s, actor))) throw new AppError('NOT_FOUND', 'no such media')
    return s
  }
  // What only the session's staff may see must never be kept by a shared cache.
  const cacheControl = (s: { event: EventVisibility }, forPublic: string) => (isPublicEvent(s.event) ? forPublic : 'private, no-store')

  r.get('/hls/:id/:file', async (req, res) => {
    const { id } = IdParam.parse({ id: req.params.id })
    const file = HlsFile.safeParse(req.params.file)
    if (!file.success) throw new AppError('NOT_FOUND', 'no such media')
    const s = await publicSession(id, req.actor)
    const path = join(mediaDir(dataDir, id), file.data)
    if (!existsSync(path)) throw new AppError('NOT_FOUND', 'no such media')
    const ext = file.data.slice(file.data.lastIndexOf('.') + 1)
    // A live playlist changes every segment: players must always fetch it again. Segments never
    // change once written, and after the end neither does the playlist.
    const cache = ext !== 'm3u8' ? 'public, max-age=31536000, immutable'
      : s.status === 'live' ? 'no-cache' : 'public, max-age=300'
    res.set({ 'Content-Type': TYPES[ext]!, 'Cache-Control': cacheControl(s, cache) })
    res.sendFile(path)
  })

  r.get('/rec/:file', async (req, res) => {
    const m = /^([A-Za-z0-9_-]{1,64})\.mp4$/.exec(req.params.file)
    if (!m) throw new AppError('NOT_FOUND', 'no such recording')
    const s = await publicSession(m[1]!, req.actor)
    if (!s.recordingFile) throw new AppError('NOT_FOUND', 'no such recording')
    res.set({ 'Content-Type': 'video/mp4', 'Cache-Control': cacheControl(s, 'public, max-age=86400') })
    // sendFile answers Range requests: the player seeks without downloading everything.
    res.sendFile(join(dataDir, s.recordingFile))
  })
  return r
}
