import { randomUUID } from 'node:crypto'
import { EMAIL_RE, isLate, PHONE_RE } from '@openday/protocol'
import type { ProposalCreateBody, ProposalDto, ProposalListQuery, ProposalSaveBody, ProposalSummaryDto, ProposalVersionDto, ReturnBody, SubmitBody, VersionDiffDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import type { DataCipher } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { parseMonths } from '../years/dto.ts'
import * as years from '../years/repository.ts'
import { versionDiff } from './diff.ts'
import { contactsSlot, sealContacts, toProposalDto, toSummaryDto, toVersionDto, versionContactsSlot, versionContent } from './dto.ts'
import * as repo from './repository.ts'

type Save = z.output<typeof ProposalSaveBody>
type Query = z.output<typeof ProposalListQuery>

export interface ProposalDeps { db: Db; cipher: DataCipher; timeZone: string; now?: () => Date }

const EDITABLE = ['draft', 'returned']
const notFound = () => new AppError('NOT_FOUND', 'no such proposal')

/** Who may read: the admin, and the editors of the lead or a joint unit (to anyone else it does not exist). */
function canRead(p: repo.ProposalRow, a: Actor): boolean {
  if (a.role === 'admin') return true
  return a.role === 'unit_editor' && !!a.unitId && (p.unitId === a.unitId || p.jointUnits.some((j) => j.unitId === a.unitId))
}
const isLead = (p: repo.ProposalRow, a: Actor) => a.role === 'unit_editor' && !!a.unitId && p.unitId === a.unitId
const canEdit = (p: repo.ProposalRow, a: Actor) => isLead(p, a) && EDITABLE.includes(p.status)

/** What a submission needs beyond what a draft may hold (drafts are saved half-typed, as you type). */
function checkComplete(p: repo.ProposalRow, contacts: { name: string; phone: string; email: string }[], months: number[]): void {
  const missing = (f: string, why: string) => new AppError('BAD_REQUEST', `${f}: ${why}`)
  if (!p.theme) throw missing('theme', 'a theme is needed to submit')
  if (p.month === null) throw missing('month', 'a preferred month is needed to submit')
  if (!months.includes(p.month)) throw missing('month', 'the month is not one of the year\'s months')
  if (!p.form) throw missing('form', 'a form is needed to submit')
  if (!p.steps) throw missing('steps', 'the steps are needed to submit')
  if (!contacts.length) throw missing('contacts', 'at least one contact is needed to submit')
  contacts.forEach((c, i) => {
    if (!c.name) throw missing(`contacts.${i}.name`, 'a name is needed')
    if (!PHONE_RE.test(c.phone)) throw missing(`contacts.${i}.phone`, 'a phone number is needed')
    if (c.email && !EMAIL_RE.test(c.email)) throw missing(`contacts.${i}.email`, 'not an e-mail address')
  })
}

/** Proposals: the lead unit's drafts (autosaved with a version check), idempotent submission, versions, the office's decision. */
export function createProposalService({ db, cipher, timeZone, now = () => new Date() }: ProposalDeps) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, id: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'proposal', targetId: id, detail, ip })
  const dto = (p: repo.ProposalRow, a: Actor) => toProposalDto(p, cipher, canEdit(p, a))
  async function readable(c: Db | Tx, id: string, a: Actor): Promise<repo.ProposalRow> {
    const p = await repo.find(c, id)
    if (!p || !canRead(p, a)) throw notFound()
    return p
  }
  async function yearMonths(c: Db | Tx, year: number): Promise<{ months: number[]; deadline: Date }> {
    const y = await years.find(c, year)
    if (!y) throw new AppError('NOT_FOUND', 'no such year')
    return { months: parseMonths(y.months), deadline: y.deadline }
  }
  const openContacts = (p: repo.ProposalRow) => toProposalDto(p, cipher, false).contacts

  return {
    async listForAdmin(q: Query): Promise<ProposalSummaryDto[]> {
      return (await repo.list(db, q)).map(toSummaryDto)
    },
    async listForUnit(actor: Actor, year?: number): Promise<ProposalSummaryDto[]> {
      if (!actor.unitId) return []
      return (await repo.listForUnit(db, actor.unitId, year)).map(toSummaryDto)
    },
    async get(id: string, actor: Actor): Promise<ProposalDto> {
      return dto(await readable(db, id, actor), actor)
    },

    /** A new, empty draft of the editor's unit (a unit may propose several themes a year). */
    async create(body: ProposalCreateBody, actor: Actor): Promise<ProposalDto> {
      if (!actor.unitId) throw new AppError('FORBIDDEN', 'your account has no unit')
      const unitId = actor.unitId
      await yearMonths(db, body.year)
      // The id is made here: the contacts' ciphertext is bound to it.
      const id = randomUUID()
      const row = await inTransaction(db, (tx) => repo.create(tx, id, body.year, unitId, actor.id, sealContacts(cipher, [], contactsSlot(id))))
      return dto(row, actor)
    },

    /**
     * Autosave: the whole proposal, naming the revision it was edited from. A stale revision (another
     * editor saved in between) or a proposal no longer editable is refused with CONFLICT and nothing
     * is written; the client fetches the current one and keeps its own text to reapply.
     */
    async save(id: string, body: Save, actor: Actor): Promise<ProposalDto> {
      return inTransaction(db, async (tx) => {
        const p = await readable(tx, id, actor)
        if (!isLead(p, actor)) throw new AppError('FORBIDDEN', 'only the lead unit edits its proposal; joint units read it')
        const { months } = await yearMonths(tx, p.year)
        // A month the office dropped after the draft chose it is kept as it was (autosave must not
        // fail on every keystroke); submitting asks for an open month (checkComplete).
        if (body.month !== null && body.month !== p.month && !months.includes(body.month)) throw new AppError('BAD_REQUEST', `month: not one of the year's months (${months.join(', ')})`)
        if (body.jointUnitIds.includes(p.unitId)) throw new AppError('BAD_REQUEST', 'jointUnitIds: the lead unit cannot also be a joint unit')
        if ((await repo.activeUnits(tx, body.jointUnitIds)).length !== body.jointUnitIds.length) throw new AppError('BAD_REQUEST', 'jointUnitIds: no such active unit')
        const saved = await repo.saveIfCurrent(tx, id, body.revision, {
          theme: body.theme, month: body.month, halfDay: body.halfDay, form: body.form, steps: body.steps,
          contactsCipher: sealContacts(cipher, body.contacts, contactsSlot(id)),
        })
        if (!saved) {
          if (!EDITABLE.includes(p.status)) throw new AppError('CONFLICT', `status: the proposal is ${p.status} and cannot be changed now`)
          throw new AppError('CONFLICT', `revision: someone saved a newer version (revision ${p.revision}, you edited ${body.revision})`)
        }
        await repo.setJointUnits(tx, id, body.jointUnitIds)
        return dto((await repo.find(tx, id))!, actor)
      })
    },

    /**
     * Submits the revision named. The same revision submitted again (a double click, a retry, two
     * at once) is the same submission: one version, the same answer. Late when after the deadline.
     */
    async submit(id: string, body: z.output<typeof SubmitBody>, actor: Actor, ip: string | null): Promise<ProposalDto> {
      const already = (p: repo.ProposalRow) => p.submittedRevision === body.revision && p.revision === body.revision && (p.status === 'submitted' || p.status === 'approved')
      try {
        return await inTransaction(db, async (tx) => {
          const p = await readable(tx, id, actor)
          if (!isLead(p, actor)) throw new AppError('FORBIDDEN', 'only the lead unit submits its proposal')
          if (already(p)) return dto(p, actor)
          if (p.revision !== body.revision) throw new AppError('CONFLICT', `revision: the proposal changed since (revision ${p.revision}, you submit ${body.revision})`)
          if (!EDITABLE.includes(p.status)) throw new AppError('CONFLICT', `status: the proposal is ${p.status}`)
          const { months, deadline } = await yearMonths(tx, p.year)
          const contacts = openContacts(p)
          checkComplete(p, contacts, months)
          const at = now()
          const late = isLate(at, deadline, timeZone)
          // The row lock decides between racing submits; the loser finds the winner's submission below.
          if (!(await repo.markSubmitted(tx, id, body.revision, at, late))) {
            const current = await readable(tx, id, actor)
            if (already(current)) return dto(current, actor)
            throw new AppError('CONFLICT', 'status: the proposal changed while submitting')
          }
          const versionId = randomUUID()
          const number = (await repo.versionCount(tx, id)) + 1
          await repo.createVersion(tx, {
            id: versionId, proposalId: id, number, content: JSON.stringify(versionContent(p)),
            contactsCipher: sealContacts(cipher, contacts, versionContactsSlot(versionId)), late, submittedAt: at, submittedById: actor.id,
          })
          await record(tx, actor, ip, 'proposal.submit', id, { version: number, revision: body.revision, late })
          return dto((await repo.find(tx, id))!, actor)
        })
      } catch (err) {
        // SQLite lets the second writer fail instead of waiting; (proposalId, number) is unique in any case.
        if (isPrismaCode(err, 'P2002') || (err as { code?: string })?.code === 'P2034') {
          const p = await readable(db, id, actor)
          if (already(p)) return dto(p, actor)
        }
        throw err
      }
    },

    async versions(id: string, actor: Actor): Promise<ProposalVersionDto[]> {
      await readable(db, id, actor)
      const rows = await repo.versions(db, id)
      const names = await repo.userNames(db, [...new Set(rows.map((v) => v.submittedById))])
      return rows.map((v) => toVersionDto(v, cipher, names))
    },

    async diff(id: string, from: number, to: number, actor: Actor): Promise<VersionDiffDto> {
      await readable(db, id, actor)
      const rows = await repo.versionsByNumber(db, id, [from, to])
      const a = rows.find((v) => v.number === from)
      const b = rows.find((v) => v.number === to)
      if (!a || !b) throw new AppError('NOT_FOUND', 'no such version')
      const [va, vb] = [toVersionDto(a, cipher, new Map()), toVersionDto(b, cipher, new Map())]
      const units = await repo.unitNames(db, [...va.jointUnitIds, ...vb.jointUnitIds])
      return { from, to, fields: versionDiff(va, vb, (u) => units.get(u) ?? u) }
    },

    /** The office approves a submitted proposal, or returns it with a reason; the lead unit gets a notice. */
    async decide(id: string, decision: { approve: true } | ({ approve: false } & z.output<typeof ReturnBody>), actor: Actor, ip: string | null): Promise<ProposalDto> {
      return inTransaction(db, async (tx) => {
        const p = await repo.find(tx, id)
        if (!p) throw notFound()
        const status = decision.approve ? 'approved' : 'returned'
        const reason = decision.approve ? null : decision.reason
        if (!(await repo.decide(tx, id, status, actor.id, reason))) throw new AppError('CONFLICT', `status: only a submitted proposal can be decided (it is ${p.status})`)
        await years.addNotices(tx, [{ unitId: p.unitId, year: p.year, kind: status, message: reason ? `${p.theme}: ${reason}` : p.theme, createdById: actor.id }])
        await record(tx, actor, ip, `proposal.${decision.approve ? 'approve' : 'return'}`, id, { theme: p.theme, unitId: p.unitId, ...(reason ? { reason } : {}) })
        return dto((await repo.find(tx, id))!, actor)
      })
    },
  }
}
export type ProposalService = ReturnType<typeof createProposalService>
