import type { JournalBody, JournalDto, PublicityBody, PublicityItemDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { hostRole } from '../events/repository.ts'
import { uploadUrl } from '../transcript/dto.ts'
import type { UploadService } from '../uploads/service.ts'
import * as repo from './repository.ts'

type Item = z.output<typeof PublicityBody>
type Journal = z.output<typeof JournalBody>

const notFound = () => new AppError('NOT_FOUND', 'no such event or publicity item')
const toJournalDto = (j: { id: string; name: string; bonus: boolean; active: boolean }): JournalDto => ({ id: j.id, name: j.name, bonus: j.bonus, active: j.active })

/**
 * Publicity: the lead and joint units' editors record what was published about their event (the
 * admin too); the admin keeps the journal list. A unit edits only the items it recorded.
 */
export function createPublicityService({ db, uploads }: { db: Db; uploads: Pick<UploadService, 'storeForEvent'> | null }) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, targetId: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'publicity', targetId, detail, ip })

  /** The admin, or an editor of one of the event's host units; others meet a missing event. */
  async function hostEditor(c: Db | Tx, eventId: string, actor: Actor): Promise<void> {
    if (actor.role === 'admin') {
      if (!(await c.event.findUnique({ where: { id: eventId }, select: { id: true } }))) throw notFound()
      return
    }
    if (actor.role !== 'unit_editor' || !actor.unitId) throw new AppError('FORBIDDEN', 'publicity is recorded by the host units\' editors and the admin')
    if ((await hostRole(c, eventId, actor.unitId)) === null) throw notFound()
  }
  const canEdit = (row: { unitId: string | null }, actor: Actor) => actor.role === 'admin' || (actor.role === 'unit_editor' && row.unitId !== null && row.unitId === actor.unitId)

  async function toDto(c: Db | Tx, rows: repo.ItemRow[], actor: Actor): Promise<PublicityItemDto[]> {
    const units = new Map((await repo.units(c, [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))])).map((u) => [u.id, u]))
    const files = new Map((await repo.uploads(c, rows.flatMap((r) => (r.uploadId ? [r.uploadId] : [])))).map((u) => [u.id, u]))
    return rows.map((r) => ({
      id: r.id, eventId: r.eventId, unit: r.unitId ? units.get(r.unitId) ?? null : null, outlet: r.outlet as PublicityItemDto['outlet'],
      journal: r.journal, date: r.date, title: r.title, source: r.source, url: r.url,
      file: r.uploadId && files.has(r.uploadId) ? { id: r.uploadId, mime: files.get(r.uploadId)!.mime, url: uploadUrl(r.uploadId) } : null,
      createdAt: r.createdAt.toISOString(), canEdit: canEdit(r, actor),
    }))
  }

  /** The body's references must hold: an active journal, a file uploaded to this event. */
  async function checked(c: Db | Tx, eventId: string, b: Item): Promise<repo.ItemData> {
    if (b.journalId) {
      const j = await repo.findJournal(c, b.journalId)
      if (!j || !j.active) throw new AppError('BAD_REQUEST', 'journalId: not a listed journal')
    }
    if (b.uploadId) {
      const u = await repo.upload(c, b.uploadId)
      if (!u || u.eventId !== eventId) throw new AppError('BAD_REQUEST', 'uploadId: not a file of this event')
    }
    return { outlet: b.outlet, journalId: b.journalId, date: b.date, title: b.title, source: b.source, url: b.url, uploadId: b.uploadId }
  }

  return {
    async list(eventId: string, actor: Actor): Promise<PublicityItemDto[]> {
      await hostEditor(db, eventId, actor)
      return toDto(db, await repo.listForEvent(db, eventId), actor)
    },

    /** Checked before the file is read: the caller may record this event's publicity. */
    async requireHostEditor(eventId: string, actor: Actor): Promise<void> {
      await hostEditor(db, eventId, actor)
    },
    // The demo seed records items without files (it has no data folder): null there, never in the app.
    storeFile: (eventId: string, bytes: Buffer, actor: Actor) => {
      if (!uploads) throw new AppError('INTERNAL', 'no file storage configured')
      return uploads.storeForEvent(eventId, bytes, actor)
    },

    async create(eventId: string, body: Item, actor: Actor, ip: string | null): Promise<PublicityItemDto> {
      return inTransaction(db, async (tx) => {
        await hostEditor(tx, eventId, actor)
        const data = await checked(tx, eventId, body)
        const row = await repo.create(tx, { ...data, eventId, unitId: actor.role === 'admin' ? null : actor.unitId, createdById: actor.id })
        await record(tx, actor, ip, 'publicity.create', row.id, { eventId, ...data })
        return (await toDto(tx, [row], actor))[0]!
      })
    },

    async update(id: string, body: Item, actor: Actor, ip: string | null): Promise<PublicityItemDto> {
      return inTransaction(db, async (tx) => {
        const row = await repo.find(tx, id)
        if (!row) throw notFound()
        await hostEditor(tx, row.eventId, actor)
        if (!canEdit(row, actor)) throw new AppError('FORBIDDEN', 'a unit edits only the publicity it recorded')
        const data = await checked(tx, row.eventId, body)
        const next = await repo.update(tx, id, data)
        await record(tx, actor, ip, 'publicity.update', id, { eventId: row.eventId, ...data })
        return (await toDto(tx, [next], actor))[0]!
      })
    },

    async remove(id: string, actor: Actor, ip: string | null): Promise<void> {
      await inTransaction(db, async (tx) => {
        const row = await repo.find(tx, id)
        if (!row) throw notFound()
        await hostEditor(tx, row.eventId, actor)
        if (!canEdit(row, actor)) throw new AppError('FORBIDDEN', 'a unit removes only the publicity it recorded')
        await repo.remove(tx, id)
        await record(tx, actor, ip, 'publicity.delete', id, { eventId: row.eventId, title: row.title, outlet: row.outlet })
      })
    },

    journals: async (activeOnly: boolean): Promise<JournalDto[]> => (await repo.listJournals(db, activeOnly)).map(toJournalDto),

    async createJournal(body: Journal, actor: Actor, ip: string | null): Promise<JournalDto> {
      try {
        return await inTransaction(db, async (tx) => {
          if (await repo.journalByName(tx, body.name)) throw new AppError('CONFLICT', 'name: this journal is listed already')
          const j = await repo.createJournal(tx, body)
          await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'journal.create', targetType: 'journal', targetId: j.id, detail: body, ip })
          return toJournalDto(j)
        })
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'name: this journal is listed already')
        throw err
      }
    },

    async updateJournal(id: string, body: Journal, actor: Actor, ip: string | null): Promise<JournalDto> {
      try {
        return await inTransaction(db, async (tx) => {
          const before = await repo.findJournal(tx, id)
          if (!before) throw new AppError('NOT_FOUND', 'no such journal')
          const j = await repo.updateJournal(tx, id, body)
          await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'journal.update', targetType: 'journal', targetId: id, detail: { before: toJournalDto(before), after: body }, ip })
          return toJournalDto(j)
        })
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'name: this journal is listed already')
        throw err
      }
    },
  }
}
export type PublicityService = ReturnType<typeof createPublicityService>
