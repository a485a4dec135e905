import type { PhotoDto } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { AttendanceService } from '../attendance/service.ts'
import { uploadUrl } from '../transcript/dto.ts'
import type { UploadService } from '../uploads/service.ts'

/** A day has a few dozen photos at most; more is a mistake, not a gallery. */
export const MAX_PHOTOS = 60

const toDto = (p: { id: string; uploadId: string; caption: string; position: number }): PhotoDto =>
  ({ id: p.id, url: uploadUrl(p.uploadId), caption: p.caption, position: p.position })
export const listPhotos = (c: Db | Tx, eventId: string) =>
  c.eventPhoto.findMany({ where: { eventId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }).then((r) => r.map(toDto))

/**
 * Photos of a symposium's or an observation's day: the lead unit (or the admin) adds them with a
 * caption and orders them. The file is an event upload, so it is as public as the event's page and
 * its type is judged from the bytes (uploads/service.ts).
 */
export function createPhotoService({ db, attendance, uploads }: { db: Db; attendance: AttendanceService; uploads: UploadService }) {
  const managed = (eventId: string, actor: Actor) => attendance.venue(eventId, actor, { what: 'photos of the day', manage: true })
  async function ofEvent(c: Db | Tx, eventId: string, photoId: string) {
    const p = await c.eventPhoto.findUnique({ where: { id: photoId } })
    if (!p || p.eventId !== eventId) throw new AppError('NOT_FOUND', 'no such photo')
    return p
  }
  const record = (c: Db | Tx, actor: Actor, ip: string | null, action: string, eventId: string, detail: Record<string, unknown>) =>
    audit.record(c, { actorId: actor.id, actorRole: actor.role, action, targetType: 'event', targetId: eventId, detail, ip })

  return {
    /** Before the file is read: the caller must be allowed to add one, and there must be room. */
    async requireManager(eventId: string, actor: Actor): Promise<void> {
      await managed(eventId, actor)
      if ((await db.eventPhoto.count({ where: { eventId } })) >= MAX_PHOTOS) throw new AppError('CONFLICT', `at most ${MAX_PHOTOS} photos`)
    },

    async list(eventId: string, actor: Actor): Promise<PhotoDto[]> {
      await attendance.venue(eventId, actor, { what: 'photos of the day' })
      return listPhotos(db, eventId)
    },

    async add(eventId: string, bytes: Buffer, caption: string, actor: Actor, ip: string | null): Promise<PhotoDto> {
      await this.requireManager(eventId, actor)
      const up = await uploads.storeForEvent(eventId, bytes, actor)
      // The file is stored first (it is checked by its bytes there); if the photo row then fails,
      // the upload goes too, so nothing is left half-way.
      return inTransaction(db, async (tx) => {
        const last = await tx.eventPhoto.findFirst({ where: { eventId }, orderBy: { position: 'desc' }, select: { position: true } })
        const p = await tx.eventPhoto.create({ data: { eventId, uploadId: up.id, caption, position: (last?.position ?? -1) + 1 } })
        await record(tx, actor, ip, 'photo.add', eventId, { photoId: p.id })
        return toDto(p)
      }).catch(async (err: unknown) => {
        await db.upload.delete({ where: { id: up.id } }).catch(() => undefined)
        throw err
      })
    },

    async update(eventId: string, photoId: string, body: { caption: string; position?: number | undefined }, actor: Actor): Promise<PhotoDto> {
      await managed(eventId, actor)
      const p = await ofEvent(db, eventId, photoId)
      return toDto(await db.eventPhoto.update({ where: { id: p.id }, data: { caption: body.caption, ...(body.position !== undefined ? { position: body.position } : {}) } }))
    },

    async remove(eventId: string, photoId: string, actor: Actor, ip: string | null): Promise<void> {
      await managed(eventId, actor)
      await inTransaction(db, async (tx) => {
        const p = await ofEvent(tx, eventId, photoId)
        await tx.eventPhoto.delete({ where: { id: p.id } })
        // Its upload goes too, so the picture is no longer served by its old link.
        await tx.upload.delete({ where: { id: p.uploadId } })
        await record(tx, actor, ip, 'photo.remove', eventId, { photoId })
      })
    },
  }
}
export type PhotoService = ReturnType<typeof createPhotoService>
