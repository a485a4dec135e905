import type { ReplyListQuery, ReplyPublishBody, ReplySaveBody, ReplySettingsBody, ReplySettingsDto, ReplyTaskDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { isWriter, toTaskDto } from './dto.ts'
import * as repo from './repository.ts'

type Query = z.output<typeof ReplyListQuery>
type Save = z.output<typeof ReplySaveBody>
type Publish = z.output<typeof ReplyPublishBody>
type Settings = z.output<typeof ReplySettingsBody>

export interface ReplyDeps { db: Db; defaults: ReplySettingsDto; now?: () => Date }

const notFound = () => new AppError('NOT_FOUND', 'no such reply task')
const stale = () => new AppError('CONFLICT', 'revision: the reply was changed meanwhile; reload it and try again')

/**
 * Written replies: the lead unit's editors write and publish (or send for the office's check);
 * the admin checks, returns, dismisses and sets the rules. A published text is never edited in
 * place: a correction is a new version with its note. Every state change is audited in its transaction.
 */
export function createReplyService({ db, defaults, now = () => new Date() }: ReplyDeps) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, id: string, detail: Record<string, unknown> = {}) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'reply', targetId: id, detail, ip })

  /** The task, if the actor may see it: the admin, or an editor of its unit (others: as if missing). */
  async function readable(c: Db | Tx, id: string, actor: Actor): Promise<repo.TaskRow> {
    if (actor.role !== 'admin' && actor.role !== 'unit_editor') throw new AppError('FORBIDDEN', 'written replies are for the units\' editors and the admin')
    const t = await repo.find(c, id)
    if (!t || (actor.role === 'unit_editor' && t.unitId !== actor.unitId)) throw notFound()
    return t
  }
  async function writable(tx: Tx, id: string, actor: Actor, revision: number): Promise<repo.TaskRow> {
    const t = await readable(tx, id, actor)
    if (!isWriter(t, actor)) throw new AppError('FORBIDDEN', 'only the lead unit\'s editors write its replies')
    if (t.state === 'checking') throw new AppError('CONFLICT', 'state: the office is checking this reply; wait for its decision')
    if (t.state === 'dismissed') throw new AppError('CONFLICT', 'state: the office closed this task without a reply')
    if (t.revision !== revision) throw stale()
    return t
  }
  const reread = async (tx: Tx, id: string, actor: Actor) => toTaskDto((await repo.find(tx, id))!, actor, now())

  /** Makes the draft the next public version; the first publication fixes whether it was on time. */
  async function publishNow(tx: Tx, t: repo.TaskRow, note: string, writtenById: string, checker: Actor | null): Promise<void> {
    const at = now()
    await repo.addVersion(tx, { taskId: t.id, number: t.versions.length + 1, body: t.draft, note, publishedAt: at, writtenById, checkedById: checker?.id ?? null })
    if (!(await repo.updateIfCurrent(tx, t.id, t.revision, { state: 'published', reason: null, pendingById: null, pendingNote: '', ...(t.firstPublishedAt ? {} : { firstPublishedAt: at }) }))) throw stale()
    // A question collected before the event and never moderated is approved by its answer: the
    // reply is published under it, and it would make no sense hidden.
    if (t.question && !t.question.approvedAt) await tx.question.update({ where: { id: t.question.id }, data: { status: 'approved', approvedAt: at, moderatedById: checker?.id ?? writtenById } })
    // Likewise an opinion the unit had not published yet: its reply is published with it.
    if (t.opinion && t.opinion.status !== 'published') await tx.opinion.update({ where: { id: t.opinion.id }, data: { status: 'published' } })
  }

  return {
    async list(q: Query, actor: Actor): Promise<ReplyTaskDto[]> {
      if (actor.role === 'unit_editor') {
        if (!actor.unitId) throw new AppError('FORBIDDEN', 'your account has no unit')
        if (q.unitId && q.unitId !== actor.unitId) throw new AppError('FORBIDDEN', 'unitId: a unit sees only its own replies')
        return (await repo.list(db, { ...q, unitId: actor.unitId }, now())).map((t) => toTaskDto(t, actor, now()))
      }
      if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'written replies are for the units\' editors and the admin')
      return (await repo.list(db, q, now())).map((t) => toTaskDto(t, actor, now()))
    },

    async get(id: string, actor: Actor): Promise<ReplyTaskDto> {
      return toTaskDto(await readable(db, id, actor), actor, now())
    },

    async save(id: string, body: Save, actor: Actor, ip: string | null): Promise<ReplyTaskDto> {
      return inTransaction(db, async (tx) => {
        const t = await writable(tx, id, actor, body.revision)
        // A published reply being corrected stays 'published' for the public; the draft is the correction.
        const state = t.state === 'open' ? 'draft' : t.state
        if (!(await repo.updateIfCurrent(tx, id, t.revision, { draft: body.body, state }))) throw stale()
        if (state !== t.state) await record(tx, actor, ip, 'reply.draft', id, { from: t.state })
        return reread(tx, id, actor)
      })
    },

    async publish(id: string, body: Publish, actor: Actor, ip: string | null): Promise<ReplyTaskDto> {
      return inTransaction(db, async (tx) => {
        const t = await writable(tx, id, actor, body.revision)
        if (!t.draft.trim()) throw new AppError('BAD_REQUEST', 'body: write the reply before publishing it')
        const correction = t.versions.length > 0
        if (correction && t.versions.at(-1)!.body === t.draft) throw new AppError('BAD_REQUEST', 'body: the correction is the same as the published reply')
        if (correction && !body.note) throw new AppError('BAD_REQUEST', 'note: say what the correction changes')
        const { requireCheck } = await repo.settings(tx, defaults)
        if (requireCheck) {
          if (!(await repo.updateIfCurrent(tx, id, t.revision, { state: 'checking', pendingById: actor.id, pendingNote: body.note, reason: null }))) throw stale()
          await record(tx, actor, ip, 'reply.submit', id, { correction })
        } else {
          await publishNow(tx, t, body.note, actor.id, null)
          await record(tx, actor, ip, correction ? 'reply.correct' : 'reply.publish', id, { version: t.versions.length + 1 })
        }
        return reread(tx, id, actor)
      })
    },

    async approve(id: string, actor: Actor, ip: string | null): Promise<ReplyTaskDto> {
      return inTransaction(db, async (tx) => {
        const t = await readable(tx, id, actor)
        if (t.state !== 'checking') throw new AppError('CONFLICT', `state: only a reply sent for checking can be approved (it is ${t.state})`)
        await publishNow(tx, t, t.pendingNote, t.pendingById ?? actor.id, actor)
        await record(tx, actor, ip, 'reply.approve', id, { version: t.versions.length + 1 })
        return reread(tx, id, actor)
      })
    },

    async returnIt(id: string, reason: string, actor: Actor, ip: string | null): Promise<ReplyTaskDto> {
      return inTransaction(db, async (tx) => {
        const t = await readable(tx, id, actor)
        if (t.state !== 'checking') throw new AppError('CONFLICT', `state: only a reply sent for checking can be returned (it is ${t.state})`)
        // Back to the unit: a first reply is a draft again; a correction keeps the published version public.
        if (!(await repo.updateIfCurrent(tx, id, t.revision, { state: t.versions.length ? 'published' : 'draft', reason }))) throw stale()
        await record(tx, actor, ip, 'reply.return', id, { reason })
        return reread(tx, id, actor)
      })
    },

    async dismiss(id: string, reason: string, actor: Actor, ip: string | null): Promise<ReplyTaskDto> {
      return inTransaction(db, async (tx) => {
        const t = await readable(tx, id, actor)
        if (t.versions.length || !['open', 'draft', 'checking'].includes(t.state)) throw new AppError('CONFLICT', `state: a published reply is corrected, not dismissed (it is ${t.state})`)
        if (!(await repo.updateIfCurrent(tx, id, t.revision, { state: 'dismissed', reason }))) throw stale()
        await record(tx, actor, ip, 'reply.dismiss', id, { reason })
        return reread(tx, id, actor)
      })
    },

    settings: () => repo.settings(db, defaults),

    async saveSettings(body: Settings, actor: Actor, ip: string | null): Promise<ReplySettingsDto> {
      return inTransaction(db, async (tx) => {
        const before = await repo.settings(tx, defaults)
        await repo.saveSettings(tx, body)
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'reply.settings', targetType: 'setting', targetId: 'replies', detail: { before, after: body }, ip })
        return repo.settings(tx, defaults)
      })
    },
  }
}
export type ReplyService = ReturnType<typeof createReplyService>
