import { UPLOAD_MAX_BYTES, UPLOAD_MIME, type UploadDto } from '@openday/protocol'
import { fileTypeFromBuffer } from 'file-type'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { findEventVisibility, findSession } from '../sessions/repository.ts'
import { assertWritable } from '../sessions/state.ts'
import { isPublicEvent, visibleTo } from '../sessions/visibility.ts'
import { uploadUrl } from '../transcript/dto.ts'
import { eventVisibleTo } from '../events/access.ts'
import * as repo from './repository.ts'

function checkSize(bytes: Buffer) {
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'empty file')
  if (bytes.length > UPLOAD_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'picture too large')
}

/** Where an upload's file lives: DATA_DIR/uploads/<its path>. */
export const uploadFilePath = (dataDir: string, path: string) => join(dataDir, 'uploads', path)

export function createUploadService(db: Db, dataDir: string) {
  const dir = join(dataDir, 'uploads')
  async function save(bytes: Buffer, actor: Actor, owner: { sessionId: string } | { eventId: string }): Promise<UploadDto> {
    const type = await fileTypeFromBuffer(bytes)
    if (!type || !(UPLOAD_MIME as readonly string[]).includes(type.mime)) throw new AppError('BAD_REQUEST', 'only JPEG, PNG, WebP or GIF pictures')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    await mkdir(dir, { recursive: true })
    const name = `${sha256}.${type.ext}`
    await writeFile(join(dir, name), bytes)
    const row = await repo.create(db, { ...owner, mime: type.mime, size: bytes.length, sha256, path: name, uploaderId: actor.id })
    return { id: row.id, mime: row.mime, url: uploadUrl(row.id) }
  }
  return {
    /**
     * Stores a picture for the live record. The type is decided from the bytes, not from the name
     * or the browser's claim, so an HTML or SVG file cannot be passed off as an image.
     */
    async store(sessionId: string, bytes: Buffer, actor: Actor): Promise<UploadDto> {
      checkSize(bytes)
      const session = await findSession(db, sessionId)
      if (!session) throw new AppError('NOT_FOUND', 'no such session')
      assertWritable(session.status as never, ['scheduled', 'live'])
      return save(bytes, actor, { sessionId })
    },

    /** A guest's photo for the event's preview page (the caller checked the unit may prepare it). */
    async storeForEvent(eventId: string, bytes: Buffer, actor: Actor): Promise<UploadDto> {
      checkSize(bytes)
      return save(bytes, actor, { eventId })
    },

    /**
     * A picture, as public as what it belongs to: a session's (only its staff see one of an event
     * not public yet), or an event's (a guest photo: as its preview page, events/access.ts).
     */
    async file(id: string, actor: Actor | null | undefined, now = new Date()): Promise<{ path: string; mime: string; public: boolean }> {
      const row = await repo.findForServing(db, id)
      if (!row) throw new AppError('NOT_FOUND', 'no such file')
      if (row.session) {
        if (!(await visibleTo(db, row.session, actor, now))) throw new AppError('NOT_FOUND', 'no such file')
        return { path: join(dir, row.path), mime: row.mime, public: isPublicEvent(row.session.event, now) }
      }
      if (row.eventId) {
        const event = await findEventVisibility(db, row.eventId)
        if (!event || !(await eventVisibleTo(db, event, actor, now))) throw new AppError('NOT_FOUND', 'no such file')
        return { path: join(dir, row.path), mime: row.mime, public: isPublicEvent(event, now) }
      }
      return { path: join(dir, row.path), mime: row.mime, public: true }
    },
  }
}
export type UploadService = ReturnType<typeof createUploadService>
