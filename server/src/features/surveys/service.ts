import type { InvitesBody, SurveyCreateBody, SurveyDefinition, SurveyInviteDto, SurveyListItemDto, SurveySaveBody, SurveyStaffDto } from '@openday/protocol'
import { SurveyDefinition as DefinitionSchema, wallTimeToInstant } from '@openday/protocol'
import { randomInt } from 'node:crypto'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import type { DataCipher } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { maskName } from '../../lib/mask.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { sha256 } from '../auth/service.ts'
import { isEditor, toListItem, toStaffDto } from './dto.ts'
import * as repo from './repository.ts'

export interface SurveyDeps { db: Db; cipher: DataCipher; timeZone: string; now?: () => Date }

const notFound = () => new AppError('NOT_FOUND', 'no such survey')
const stale = () => new AppError('CONFLICT', 'revision: the survey was changed meanwhile; reload it and try again')

/** What a new questionnaire starts with: the question every theme day asks. */
export const STARTER: SurveyDefinition = DefinitionSchema.parse({
  sections: [{ id: 's1', questions: [{ id: 'q1', kind: 'satisfaction', title: '您对本次政务公开主题日活动的总体评价', required: true }] }],
})

// Codes are read aloud and typed from paper: no 0/O, 1/I/L.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
export const INVITE_SLOT = {
  code: (id: string) => ({ table: 'SurveyInvite', column: 'code', rowId: id }),
  label: (id: string) => ({ table: 'SurveyInvite', column: 'label', rowId: id }),
}

/**
 * The units' questionnaires: making, editing (a changed definition after responses becomes a new
 * version; responses keep theirs), opening and closing, invitation codes. Audited in the same
 * transaction as each change.
 */
export function createSurveyService({ db, cipher, timeZone, now = () => new Date() }: SurveyDeps) {
  const record = (tx: Tx | Db, actor: Actor, ip: string | null, action: string, id: string, detail: Record<string, unknown> = {}) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'survey', targetId: id, detail, ip })

  /** The survey, if the actor may see it as staff (others: as if missing). */
  async function readable(c: Db | Tx, id: string, actor: Actor): Promise<repo.SurveyRow> {
    if (actor.role !== 'admin' && actor.role !== 'unit_editor') throw new AppError('FORBIDDEN', 'surveys are for the units\' editors and the admin')
    const s = await repo.find(c, id)
    if (!s || !isEditor(s, actor)) throw notFound()
    return s
  }
  const dto = async (c: Db | Tx, id: string, actor: Actor) => toStaffDto((await repo.find(c, id))!, actor, now(), await repo.textsPending(c, id))

  /** An editor hangs a survey only on an event its unit hosts; the admin on any. */
  async function checkEvent(c: Db | Tx, eventId: string | null, unitId: string, actor: Actor): Promise<void> {
    if (!eventId) return
    const e = await repo.findEvent(c, eventId)
    if (!e || (actor.role !== 'admin' && !e.hostUnits.some((h) => h.unitId === unitId))) throw new AppError('NOT_FOUND', 'eventId: no such event of your unit')
  }

  return {
    readable,

    async list(actor: Actor): Promise<SurveyListItemDto[]> {
      if (actor.role === 'unit_editor') {
        if (!actor.unitId) throw new AppError('FORBIDDEN', 'your account has no unit')
        return (await repo.list(db, { unitId: actor.unitId })).map((s) => toListItem(s, now()))
      }
      if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'surveys are for the units\' editors and the admin')
      return (await repo.list(db, {})).map((s) => toListItem(s, now()))
    },

    async get(id: string, actor: Actor): Promise<SurveyStaffDto> {
      await readable(db, id, actor)
      return dto(db, id, actor)
    },

    async create(body: z.output<typeof SurveyCreateBody>, actor: Actor, ip: string | null): Promise<SurveyStaffDto> {
      const unitId = actor.role === 'admin' ? body.unitId : actor.role === 'unit_editor' ? actor.unitId : null
      if (actor.role !== 'admin' && actor.role !== 'unit_editor') throw new AppError('FORBIDDEN', 'surveys are for the units\' editors and the admin')
      if (!unitId) throw new AppError('BAD_REQUEST', actor.role === 'admin' ? 'unitId: the admin names the survey\'s unit' : 'your account has no unit')
      if (actor.role === 'unit_editor' && body.unitId && body.unitId !== unitId) throw new AppError('FORBIDDEN', 'unitId: an editor makes surveys of their own unit')
      return inTransaction(db, async (tx) => {
        const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true } })
        if (!unit?.active) throw new AppError('NOT_FOUND', 'unitId: no such active unit')
        await checkEvent(tx, body.eventId, unitId, actor)
        const id = await repo.create(tx, { unitId, eventId: body.eventId, placement: body.placement, title: body.title, createdById: actor.id, definition: STARTER })
        await record(tx, actor, ip, 'survey.create', id, { title: body.title })
        return dto(tx, id, actor)
      })
    },

    /** Saves the settings and the definition: in place while the current version has no responses, else as a new version. */
    async save(id: string, body: z.output<typeof SurveySaveBody>, actor: Actor, ip: string | null): Promise<SurveyStaffDto> {
      return inTransaction(db, async (tx) => {
        const s = await readable(tx, id, actor)
        if (s.revision !== body.revision) throw stale()
        await checkEvent(tx, body.eventId, s.unitId, actor)
        const current = repo.currentVersion(s)
        const changed = JSON.stringify(repo.parseDefinition(current.definition)) !== JSON.stringify(body.definition)
        let version = s.version
        if (changed) {
          if (await repo.countResponses(tx, current.id)) {
            version = s.version + 1
            await repo.addVersion(tx, s.id, version, body.definition)
          } else await repo.setDefinition(tx, current.id, body.definition)
        }
        const at = (w: string | null) => (w ? wallTimeToInstant(w, timeZone) : null)
        const ok = await repo.updateIfCurrent(tx, s.id, s.revision, {
          title: body.title, intro: body.intro, department: body.department, eventId: body.eventId, placement: body.placement,
          opensAt: at(body.opensAt), closesAt: at(body.closesAt), access: body.access, version,
        })
        if (!ok) throw stale()
        await record(tx, actor, ip, 'survey.save', s.id, { version, newVersion: version !== s.version })
        return dto(tx, s.id, actor)
      })
    },

    /** Publish (it takes responses within its times), close early, or reopen. */
    async setState(id: string, status: 'published' | 'closed', revision: number, actor: Actor, ip: string | null): Promise<SurveyStaffDto> {
      return inTransaction(db, async (tx) => {
        const s = await readable(tx, id, actor)
        if (s.revision !== revision) throw stale()
        if (s.status === status) throw new AppError('CONFLICT', `state: the survey is already ${status}`)
        if (status === 'published' && s.closesAt && s.closesAt <= now()) throw new AppError('CONFLICT', 'closesAt: the closing time has passed; set a later one first')
        if (!(await repo.updateIfCurrent(tx, s.id, s.revision, { status }))) throw stale()
        await record(tx, actor, ip, status === 'published' ? 'survey.publish' : 'survey.close', s.id)
        return dto(tx, s.id, actor)
      })
    },

    async setResultsPublic(id: string, show: boolean, actor: Actor, ip: string | null): Promise<SurveyStaffDto> {
      return inTransaction(db, async (tx) => {
        const s = await readable(tx, id, actor)
        if (s.status === 'draft' && show) throw new AppError('CONFLICT', 'state: publish the survey before its results')
        await tx.survey.update({ where: { id: s.id }, data: { resultsPublishedAt: show ? (s.resultsPublishedAt ?? now()) : null } })
        await record(tx, actor, ip, show ? 'survey.results.publish' : 'survey.results.withdraw', s.id)
        return dto(tx, s.id, actor)
      })
    },

    async invites(id: string, actor: Actor): Promise<SurveyInviteDto[]> {
      const s = await readable(db, id, actor)
      return (await repo.listInvites(db, s.id)).map((i) => ({
        id: i.id, code: cipher.decrypt(i.code, INVITE_SLOT.code(i.id)),
        label: i.label ? maskName(cipher.decrypt(i.label, INVITE_SLOT.label(i.id))) : '', usedAt: i.usedAt?.toISOString() ?? null,
      }))
    },

    /** Single-use codes, one per listed invitee (names are encrypted, shown masked) plus `count` anonymous ones. */
    async addInvites(id: string, body: z.output<typeof InvitesBody>, actor: Actor, ip: string | null): Promise<SurveyInviteDto[]> {
      const labels = [...body.labels, ...Array.from({ length: body.count }, () => '')]
      await inTransaction(db, async (tx) => {
        const s = await readable(tx, id, actor)
        for (const label of labels) {
          const code = newCode()
          const inv = await tx.surveyInvite.create({ data: { surveyId: s.id, codeHash: sha256(code), code: '' } })
          await tx.surveyInvite.update({
            where: { id: inv.id },
            data: { code: cipher.encrypt(code, INVITE_SLOT.code(inv.id)), label: label ? cipher.encrypt(label, INVITE_SLOT.label(inv.id)) : '' },
          })
        }
        await record(tx, actor, ip, 'survey.invites.add', s.id, { count: labels.length })
      })
      return this.invites(id, actor)
    },
  }
}
export type SurveyService = ReturnType<typeof createSurveyService>
