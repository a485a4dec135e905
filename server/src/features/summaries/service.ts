import { SummaryBlock, type SummaryDto, type SummaryFiguresDto, type SummaryListItemDto, type SummarySettingsDto, type SummaryState } from '@openday/protocol'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { zonedDate, zonedTime } from '../../lib/workdays.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { uploadFilePath } from '../uploads/service.ts'
import type { PdfFont } from '../../lib/govdoc-pdf.ts'
import { summaryDocument } from './document.ts'
import { summaryDocx } from './docx.ts'
import { isHeld } from '../assessment/figures.ts'
import { draftBlocks } from './draft.ts'
import { loadSummaryFigures } from './figures.ts'
import { summaryPdf } from './pdf.ts'

const DAYS_KEY = 'summaries.days'
const Blocks = z.array(SummaryBlock)
const notFound = () => new AppError('NOT_FOUND', 'no such event')
const stale = () => new AppError('CONFLICT', 'revision: the summary was changed meanwhile; reload it and try again')

/** The end (23:59:59.999, office zone) of the day `days` after the event's last day. */
export function summaryDue(endsAt: Date, days: number, timeZone: string): Date {
  const { y, m, d } = zonedDate(endsAt, timeZone)
  const day = new Date(Date.UTC(y, m - 1, d + days))
  return zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 23, 59, 59, 999, timeZone)
}

/**
 * The summaries (经验总结): made from the records the first time the lead unit opens one after its
 * event; written, then submitted by the deadline (late ones accepted and marked); the office
 * accepts or returns them. Each submission is a version that keeps the figures as counted then.
 */
export function createSummaryService({ db, timeZone, defaultDays, pdfFont, dataDir, now = () => new Date() }: { db: Db; timeZone: string; defaultDays: number; pdfFont: PdfFont; dataDir: string; now?: () => Date }) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, eventId: string, detail: Record<string, unknown> = {}) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'summary', targetId: eventId, detail, ip })
  const days = async (c: Db | Tx) => Number((await c.setting.findUnique({ where: { key: DAYS_KEY } }))?.value ?? defaultDays)

  /** The event, if the actor may read its summary (admin, editors of its lead or joint units), and whether they lead it. */
  async function access(c: Db | Tx, eventId: string, actor: Actor) {
    const ev = await c.event.findUnique({ where: { id: eventId }, include: { hostUnits: { include: { unit: { select: { id: true, name: true } } } }, sessions: { select: { status: true } } } })
    if (!ev) throw notFound()
    const mine = actor.role === 'unit_editor' ? ev.hostUnits.find((h) => h.unitId === actor.unitId) : undefined
    if (actor.role !== 'admin' && !mine) {
      if (actor.role !== 'unit_editor') throw new AppError('FORBIDDEN', 'summaries are for the host units\' editors and the admin')
      throw notFound()
    }
    const lead = ev.hostUnits.find((h) => h.role === 'lead')?.unit ?? null
    return { ev, lead, leads: mine?.role === 'lead' }
  }

  async function dto(c: Db | Tx, eventId: string, actor: Actor, leads: boolean, counted?: SummaryFiguresDto): Promise<SummaryDto> {
    const s = await c.experienceSummary.findUniqueOrThrow({ where: { eventId }, include: { versions: { orderBy: { number: 'asc' }, select: { number: true, submittedAt: true, late: true } } } })
    const unit = s.unitId ? await c.unit.findUnique({ where: { id: s.unitId }, select: { id: true, name: true } }) : null
    return {
      eventId, unit, state: s.state as SummaryState, blocks: Blocks.parse(JSON.parse(s.content)), revision: s.revision, dueAt: s.dueAt.toISOString(),
      submittedAt: s.submittedAt?.toISOString() ?? null, late: s.late, reason: s.reason,
      figures: counted ?? await loadSummaryFigures(db, eventId, now()),
      versions: s.versions.map((v) => ({ number: v.number, submittedAt: v.submittedAt.toISOString(), late: v.late })),
      canEdit: leads && (s.state === 'draft' || s.state === 'returned'),
    }
  }

  async function editable(tx: Tx, eventId: string, actor: Actor, revision: number) {
    const { leads } = await access(tx, eventId, actor)
    if (!leads) throw new AppError('FORBIDDEN', 'only the lead unit\'s editors write its summary')
    const s = await tx.experienceSummary.findUnique({ where: { eventId } })
    if (!s) throw new AppError('CONFLICT', 'open the summary first: its draft is made from the records')
    if (s.state !== 'draft' && s.state !== 'returned') throw new AppError('CONFLICT', `state: a ${s.state} summary is not edited`)
    if (s.revision !== revision) throw stale()
    return s
  }
  const bump = async (tx: Tx, eventId: string, revision: number, data: Record<string, unknown>) => {
    const { count } = await tx.experienceSummary.updateMany({ where: { eventId, revision }, data: { ...data, revision: { increment: 1 } } })
    if (count !== 1) throw stale()
  }

  return {
    async list(actor: Actor, year?: number): Promise<SummaryListItemDto[]> {
      if (actor.role !== 'admin' && actor.role !== 'unit_editor') throw new AppError('FORBIDDEN', 'summaries are for the host units\' editors and the admin')
      if (actor.role === 'unit_editor' && !actor.unitId) throw new AppError('FORBIDDEN', 'your account has no unit')
      const at = now()
      const events = await db.event.findMany({
        where: {
          // Over: its time has passed, or every one of its sessions has ended (a day may end early).
          OR: [{ endsAt: { lt: at } }, { sessions: { some: {}, every: { status: 'archived' } } }],
          status: { not: 'cancelled' }, ...(year ? { year } : {}),
          ...(actor.role === 'unit_editor' ? { hostUnits: { some: { unitId: actor.unitId!, role: 'lead' } } } : {}),
        },
        include: { experience: true, hostUnits: { where: { role: 'lead' }, include: { unit: { select: { id: true, name: true } } } } },
        orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
        take: 500,
      })
      const d = await days(db)
      return events.map((e) => {
        const s = e.experience
        const dueAt = s?.dueAt ?? summaryDue(e.endsAt, d, timeZone)
        const done = s?.state === 'submitted' || s?.state === 'accepted'
        return { eventId: e.id, theme: e.theme, startsAt: e.startsAt.toISOString(), unit: e.hostUnits[0]?.unit ?? null, state: (s?.state as SummaryState | undefined) ?? null, dueAt: dueAt.toISOString(), late: s?.late ?? false, overdue: !done && at > dueAt }
      })
    },

    async get(eventId: string, actor: Actor): Promise<SummaryDto> {
      const { ev, lead, leads } = await access(db, eventId, actor)
      let counted: SummaryFiguresDto | undefined
      if (!(await db.experienceSummary.findUnique({ where: { eventId }, select: { id: true } }))) {
        if (!isHeld(ev, now())) throw new AppError('CONFLICT', 'the event has not taken place yet: its summary is written afterwards')
        if (!leads) throw new AppError('NOT_FOUND', 'the lead unit has not started this summary yet')
        const figures = (counted = await loadSummaryFigures(db, eventId, now()))
        try {
          await inTransaction(db, async (tx) => {
            await tx.experienceSummary.create({ data: { eventId, unitId: lead?.id ?? null, content: JSON.stringify(draftBlocks(figures, timeZone)), dueAt: summaryDue(ev.endsAt, await days(tx), timeZone) } })
            await record(tx, actor, null, 'summary.draft', eventId)
          })
        } catch (err) {
          // Two first openings at once: the other made it; read that one.
          if (!isPrismaCode(err, 'P2002')) throw err
        }
      }
      return dto(db, eventId, actor, leads, counted)
    },

    async save(eventId: string, body: { revision: number; blocks: SummaryBlock[] }, actor: Actor): Promise<SummaryDto> {
      return inTransaction(db, async (tx) => {
        await editable(tx, eventId, actor, body.revision)
        await checkPhotos(tx, eventId, body.blocks)
        await bump(tx, eventId, body.revision, { content: JSON.stringify(body.blocks) })
        return dto(tx, eventId, actor, true)
      })
    },

    async submit(eventId: string, revision: number, actor: Actor, ip: string | null): Promise<SummaryDto> {
      return inTransaction(db, async (tx) => {
        const s = await editable(tx, eventId, actor, revision)
        const at = now()
        const late = at > s.dueAt
        const number = (await tx.experienceSummaryVersion.count({ where: { summaryId: s.id } })) + 1
        const figures = await loadSummaryFigures(db, eventId, at)
        await tx.experienceSummaryVersion.create({ data: { summaryId: s.id, number, content: s.content, figures: JSON.stringify(figures), submittedAt: at, submittedById: actor.id, late } })
        await bump(tx, eventId, revision, { state: 'submitted', submittedAt: at, late, reason: null })
        await record(tx, actor, ip, 'summary.submit', eventId, { version: number, late })
        return dto(tx, eventId, actor, true, figures)
      })
    },

    async decide(eventId: string, decision: { accept: true } | { accept: false; reason: string }, actor: Actor, ip: string | null): Promise<SummaryDto> {
      return inTransaction(db, async (tx) => {
        await access(tx, eventId, actor)
        const s = await tx.experienceSummary.findUnique({ where: { eventId } })
        if (!s || s.state !== 'submitted') throw new AppError('CONFLICT', `state: only a submitted summary is decided (it is ${s?.state ?? 'not started'})`)
        await bump(tx, eventId, s.revision, { state: decision.accept ? 'accepted' : 'returned', reason: decision.accept ? null : decision.reason, decidedAt: now(), decidedById: actor.id })
        await record(tx, actor, ip, decision.accept ? 'summary.accept' : 'summary.return', eventId, decision.accept ? {} : { reason: decision.reason })
        return dto(tx, eventId, actor, false)
      })
    },

    /** The summary as an official document, as it stands (for the office: as submitted, its latest version). */
    async document(eventId: string, format: 'docx' | 'pdf', actor: Actor): Promise<{ body: Buffer; title: string }> {
      const s = await this.get(eventId, actor)
      const doc = summaryDocument(s.figures, s.blocks, s.unit?.name ?? '', now(), timeZone, await photoFiles(db, dataDir, s.blocks))
      return { body: format === 'docx' ? await summaryDocx(doc) : await summaryPdf(doc, pdfFont, now()), title: doc.title }
    },

    settings: async (): Promise<SummarySettingsDto> => ({ days: await days(db) }),
    async saveSettings(body: SummarySettingsDto, actor: Actor, ip: string | null): Promise<SummarySettingsDto> {
      return inTransaction(db, async (tx) => {
        const before = await days(tx)
        await tx.setting.upsert({ where: { key: DAYS_KEY }, create: { key: DAYS_KEY, value: String(body.days) }, update: { value: String(body.days) } })
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'summary.settings', targetType: 'setting', targetId: 'summaries', detail: { before, after: body.days }, ip })
        return { days: body.days }
      })
    },
  }
}
export type SummaryService = ReturnType<typeof createSummaryService>

/** The photo blocks' files (checked as this event's when saved), read from the data folder; a missing file is left out. */
async function photoFiles(db: Db, dataDir: string, blocks: SummaryBlock[]): Promise<Map<string, { data: Buffer; mime: string }>> {
  const ids = blocks.flatMap((b) => (b.type === 'photo' ? [b.uploadId] : []))
  const out = new Map<string, { data: Buffer; mime: string }>()
  for (const u of await db.upload.findMany({ where: { id: { in: ids } }, select: { id: true, path: true, mime: true } })) {
    const data = await readFile(uploadFilePath(dataDir, u.path)).catch(() => null)
    if (data) out.set(u.id, { data, mime: u.mime })
  }
  return out
}

/** A photo block must show a picture of this event (one of its sessions' uploads, or its own). */
async function checkPhotos(tx: Tx, eventId: string, blocks: SummaryBlock[]): Promise<void> {
  const ids = [...new Set(blocks.flatMap((b) => (b.type === 'photo' ? [b.uploadId] : [])))]
  if (!ids.length) return
  const ok = await tx.upload.count({ where: { id: { in: ids }, OR: [{ eventId }, { session: { eventId } }] } })
  if (ok !== ids.length) throw new AppError('BAD_REQUEST', 'blocks: a photo is not a picture of this event')
}
