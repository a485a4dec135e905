import type { InterpretationBody, PolicyAdminItemDto, PolicyDocumentBody, PolicyListItemDto, PolicyStaffDto, PolicyStaffListDto, PublicPolicyDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { type WorkCalendar, workCalendar } from '../../lib/workdays.ts'
import { type Actor, requireRole } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { AttendanceService } from '../attendance/service.ts'
import { eventVisibleTo, isEventInsider } from '../events/access.ts'
import { findEventVisibility } from '../sessions/repository.ts'
import { isPublicEvent } from '../sessions/visibility.ts'
import { listCalendar } from '../taxonomy/repository.ts'
import { interpretationLateness, issuedDay, issuedInstant } from './due.ts'
import { fileDto, pictureIds, toInterpretationDto, toPublicQuestionDto, toStaffDto } from './dto.ts'
import { cleanFileName, sniffPolicyFile, writePolicyFile } from './files.ts'
import * as repo from './repository.ts'

export interface PolicyDeps { db: Db; attendance: AttendanceService; timeZone: string; dataDir: string; now?: () => Date }

const noSuchDocument = () => new AppError('NOT_FOUND', 'no such policy document')

/**
 * The policy documents of a press release (政策发布) and their interpretations (解读). The lead unit
 * and the admin upload, edit, publish and delete; the joint unit and the briefing's staff read.
 * Publishing an interpretation and deleting a document are audited. Whether an interpretation came
 * within 3 working days of its policy is judged on the office's calendar as it stands (due.ts).
 */
export function createPolicyService({ db, attendance, timeZone, dataDir, now = () => new Date() }: PolicyDeps) {
  async function pressEvent(eventId: string, actor: Actor) {
    const a = await attendance.access(eventId, actor)
    if (a.e.form !== 'press_release') throw new AppError('NOT_FOUND', 'only a press release has policy documents')
    return a
  }
  async function managed(eventId: string, actor: Actor) {
    const a = await pressEvent(eventId, actor)
    if (a.access !== 'lead' && a.access !== 'admin') throw new AppError('FORBIDDEN', 'only the lead unit and the admin manage the policy documents')
    if (a.e.status === 'cancelled') throw new AppError('CONFLICT', 'the event is cancelled')
    return a
  }
  async function ofEvent(c: Db | Tx, eventId: string, documentId: string) {
    const d = await repo.findDocument(c, documentId)
    if (!d || d.eventId !== eventId) throw noSuchDocument()
    return d
  }
  const calendar = async (c: Db | Tx): Promise<WorkCalendar> => workCalendar(await listCalendar(c))
  const staffDto = (d: repo.DocumentRow, cal: WorkCalendar, canManage: boolean) =>
    toStaffDto(d, interpretationLateness(d.issuedAt, d.interpretation?.publishedAt ?? null, now(), timeZone, cal), canManage, timeZone)
  const one = async (c: Db | Tx, id: string) => staffDto((await repo.findDocument(c, id))!, await calendar(c), true)
  const record = (c: Db | Tx, actor: Actor, ip: string | null, action: string, documentId: string, detail: Record<string, unknown>) =>
    audit.record(c, { actorId: actor.id, actorRole: actor.role, action, targetType: 'policy', targetId: documentId, detail, ip })
  const today = () => issuedDay(now(), timeZone)

  return {
    /** Before a file is read into memory: the caller must be allowed to add one. */
    requireManager: async (eventId: string, actor: Actor): Promise<void> => { await managed(eventId, actor) },

    async list(eventId: string, actor: Actor): Promise<PolicyStaffListDto> {
      const { access, e } = await pressEvent(eventId, actor)
      const cal = await calendar(db)
      const canManage = (access === 'lead' || access === 'admin') && e.status !== 'cancelled'
      return { canManage, documents: (await repo.listDocuments(db, eventId)).map((d) => staffDto(d, cal, canManage)) }
    },

    async add(eventId: string, bytes: Buffer, originalName: string | undefined, meta: z.output<typeof PolicyDocumentBody>, actor: Actor): Promise<PolicyStaffDto> {
      await managed(eventId, actor)
      const type = await sniffPolicyFile(bytes)
      // The file first: content-addressed, so a failed row leaves at worst a file nothing points to.
      const file = await writePolicyFile(dataDir, bytes, type.ext)
      return inTransaction(db, async (tx) => {
        const d = await repo.createDocument(tx, {
          eventId, title: meta.title, docNumber: meta.docNumber, issuedAt: issuedInstant(meta.issuedAt, timeZone),
          mime: type.mime, size: bytes.length, ...file, fileName: cleanFileName(originalName, type.ext), createdById: actor.id,
        })
        return staffDto(d, await calendar(tx), true)
      })
    },

    async update(eventId: string, documentId: string, body: z.output<typeof PolicyDocumentBody>, actor: Actor): Promise<PolicyStaffDto> {
      await managed(eventId, actor)
      return inTransaction(db, async (tx) => {
        await ofEvent(tx, eventId, documentId)
        await repo.updateDocument(tx, documentId, { ...body, issuedAt: issuedInstant(body.issuedAt, timeZone) })
        return one(tx, documentId)
      })
    },

    /** Not once citizens asked about it: their questions and the replies owed stay with the policy. */
    async remove(eventId: string, documentId: string, actor: Actor, ip: string | null): Promise<void> {
      await managed(eventId, actor)
      await inTransaction(db, async (tx) => {
        const d = await ofEvent(tx, eventId, documentId)
        if ((await repo.countQuestions(tx, documentId)) > 0) throw new AppError('CONFLICT', 'citizens asked about this policy: it stays with their questions')
        await repo.deleteDocument(tx, d, pictureIds(d.interpretation))
        await record(tx, actor, ip, 'policy.delete', documentId, { eventId, title: d.title, interpretation: d.interpretation?.state ?? null })
      })
    },

    /** The whole interpretation at once; a published one stays published (the change is public at once). */
    async saveInterpretation(eventId: string, documentId: string, body: z.output<typeof InterpretationBody>, actor: Actor, ip: string | null): Promise<PolicyStaffDto> {
      await managed(eventId, actor)
      const ids = body.body.flatMap((b) => (b.type === 'picture' ? [b.uploadId] : []))
      return inTransaction(db, async (tx) => {
        const d = await ofEvent(tx, eventId, documentId)
        const found = await repo.eventUploads(tx, eventId, ids)
        if (found.length !== new Set(ids).size || found.some((u) => !u.mime.startsWith('image/'))) throw new AppError('BAD_REQUEST', 'body: a picture must be one uploaded for this event')
        await repo.saveInterpretation(tx, documentId, { summary: body.summary, body: JSON.stringify(body.body), qa: JSON.stringify(body.qa), updatedById: actor.id })
        if (d.interpretation?.state === 'published') await record(tx, actor, ip, 'policy.interpretation_edit', documentId, { eventId })
        return one(tx, documentId)
      })
    },

    async publishInterpretation(eventId: string, documentId: string, actor: Actor, ip: string | null): Promise<PolicyStaffDto> {
      await managed(eventId, actor)
      return inTransaction(db, async (tx) => {
        const d = await ofEvent(tx, eventId, documentId)
        const i = d.interpretation
        if (!i) throw new AppError('CONFLICT', 'interpretation: write it first')
        if (i.state === 'published') throw new AppError('CONFLICT', 'interpretation: already published')
        if (!i.summary) throw new AppError('BAD_REQUEST', 'summary: say what changes, for whom, before publishing')
        const at = now()
        await repo.publishInterpretation(tx, documentId, at, actor.id)
        const due = interpretationLateness(d.issuedAt, at, at, timeZone, await calendar(tx))
        await record(tx, actor, ip, 'policy.interpretation_publish', documentId, { eventId, dueAt: due.dueAt.toISOString(), late: due.late })
        return one(tx, documentId)
      })
    },

    /** Every policy of the year for the office; `late`: only interpretations published late or overdue. */
    async adminList(actor: Actor, late: boolean): Promise<PolicyAdminItemDto[]> {
      requireRole(actor, ['admin'])
      const cal = await calendar(db)
      return (await repo.listAll(db)).map((d) => {
        const publishedAt = d.interpretation?.state === 'published' ? d.interpretation.publishedAt : null
        const due = interpretationLateness(d.issuedAt, publishedAt, now(), timeZone, cal)
        return {
          id: d.id, title: d.title, docNumber: d.docNumber, issuedAt: issuedDay(d.issuedAt, timeZone), event: { id: d.event.id, theme: d.event.theme },
          leadUnit: d.event.hostUnits[0]?.unit.name ?? null, dueAt: due.dueAt.toISOString(), publishedAt: publishedAt?.toISOString() ?? null, late: due.late, overdue: due.overdue,
        }
      }).filter((x) => !late || x.late || x.overdue)
    },

    /** The documents on the event's page: those issued (the event's own people see the coming ones too). */
    async eventList(eventId: string, actor: Actor | null | undefined): Promise<{ list: PolicyListItemDto[]; public: boolean }> {
      const e = await findEventVisibility(db, eventId)
      if (!e || !(await eventVisibleTo(db, e, actor, now()))) throw new AppError('NOT_FOUND', 'no such event')
      const insider = await isEventInsider(db, actor, eventId)
      const list = (await repo.listDocuments(db, eventId))
        .filter((d) => insider || issuedDay(d.issuedAt, timeZone) <= today())
        .map((d) => ({ id: d.id, title: d.title, docNumber: d.docNumber, issuedAt: issuedDay(d.issuedAt, timeZone), interpreted: d.interpretation?.state === 'published' }))
      return { list, public: isPublicEvent(e, now()) }
    },

    /**
     * A policy's public page: public as its event's page, from its issue day on (a policy is not
     * shown before it is issued, except to the event's people); the interpretation once published;
     * the questions citizens asked here that the unit approved, with their published replies.
     */
    async publicView(documentId: string, actor: Actor | null | undefined): Promise<{ policy: PublicPolicyDto; public: boolean }> {
      const d = await repo.findDocument(db, documentId)
      if (!d) throw noSuchDocument()
      const e = await findEventVisibility(db, d.eventId)
      if (!e || !(await eventVisibleTo(db, e, actor, now()))) throw noSuchDocument()
      const issued = issuedDay(d.issuedAt, timeZone) <= today()
      if (!issued && !(await isEventInsider(db, actor, d.eventId))) throw noSuchDocument()
      const event = await repo.eventHead(db, d.eventId)
      const s = await repo.briefing(db, d.eventId)
      const i = d.interpretation?.state === 'published' ? d.interpretation : null
      const asked = (await repo.listAsked(db, documentId)).filter((a) => ['approved', 'answering', 'answered'].includes(a.question.status))
      const policy: PublicPolicyDto = {
        id: d.id, event: { id: event.id, theme: event.theme }, title: d.title, docNumber: d.docNumber, issuedAt: issuedDay(d.issuedAt, timeZone),
        file: fileDto(d),
        interpretation: i ? toInterpretationDto(i) : null,
        briefing: s ? { sessionId: s.id, title: s.title, status: s.status as 'archived' } : null,
        questions: asked.map(toPublicQuestionDto),
        canAsk: event.status !== 'cancelled' && issued && !!s && (s.status === 'ended' || s.status === 'archived'),
      }
      return { policy, public: isPublicEvent(e, now()) && issued }
    },
  }
}
export type PolicyService = ReturnType<typeof createPolicyService>
