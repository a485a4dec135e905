import type { AdminUnitDto, UnitCreateBody, UnitUpdateBody } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { takeLock } from '../../db/lock.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { toAdminUnitDto } from './dto.ts'
import * as repo from './repository.ts'

type Create = z.output<typeof UnitCreateBody>
type Update = z.output<typeof UnitUpdateBody>

/** Parent chains are short (county → township); this only stops a walk through damaged data. */
const MAX_DEPTH = 1000

const codeConflict = (code: string) => new AppError('CONFLICT', `code: a unit with the code "${code}" already exists`)

/** A parent that exists and still takes new things. */
async function checkParent(tx: Tx, parentId: string): Promise<void> {
  const parent = await repo.find(tx, parentId)
  if (!parent) throw new AppError('BAD_REQUEST', 'parentId: no such unit')
  if (!parent.active) throw new AppError('CONFLICT', 'parentId: the parent unit is deactivated')
}

/** Setting `parentId` as the parent of `id` must not make `id` its own ancestor. */
async function checkNoCycle(tx: Tx, id: string, parentId: string): Promise<void> {
  if (parentId === id) throw new AppError('CONFLICT', 'parentId: a unit cannot be its own parent')
  let at: string | null = parentId
  for (let depth = 0; at && depth < MAX_DEPTH; depth++) {
    at = await repo.parentOf(tx, at)
    if (at === id) throw new AppError('CONFLICT', 'parentId: the parent is inside this unit (a cycle)')
  }
}

/** The admin's units: create, rename, kind, parent, (de)activate; each change audited in its transaction. */
export function createUnitService(db: Db) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, targetId: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'unit', targetId, detail, ip })

  return {
    async list(): Promise<AdminUnitDto[]> {
      return (await repo.listForAdmin(db)).map(toAdminUnitDto)
    },

    async create(body: Create, actor: Actor, ip: string | null): Promise<AdminUnitDto> {
      try {
        return await inTransaction(db, async (tx) => {
          if (await repo.codeTaken(tx, body.code)) throw codeConflict(body.code)
          if (body.parentId) await checkParent(tx, body.parentId)
          const data = { code: body.code, name: body.name, nameEn: body.nameEn || null, kind: body.kind, parentId: body.parentId ?? null }
          const row = await repo.create(tx, data)
          await record(tx, actor, ip, 'unit.create', row.id, data)
          return toAdminUnitDto(row)
        })
      } catch (err) {
        // Two admins creating the same code at the same moment: the second is told, as above.
        if (isPrismaCode(err, 'P2002')) throw codeConflict(body.code)
        throw err
      }
    },

    /** Only the fields sent change; the audit row says each one's old and new value. */
    async update(id: string, body: Update, actor: Actor, ip: string | null): Promise<AdminUnitDto> {
      return inTransaction(db, async (tx) => {
        // Two admins re-parenting two units onto each other at once must not both pass the check.
        if (body.parentId !== undefined) await takeLock(tx, 'unit-tree')
        const unit = await repo.find(tx, id)
        if (!unit) throw new AppError('NOT_FOUND', 'no such unit')
        const wanted: repo.UnitChanges = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.nameEn !== undefined ? { nameEn: body.nameEn || null } : {}),
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
        }
        const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => unit[k as keyof typeof unit] !== v)) as repo.UnitChanges
        if (changes.parentId) {
          await checkParent(tx, changes.parentId)
          await checkNoCycle(tx, id, changes.parentId)
        }
        if (!Object.keys(changes).length) return toAdminUnitDto((await repo.findForAdmin(tx, id))!)
        const row = await repo.update(tx, id, changes)
        const detail = Object.fromEntries(Object.keys(changes).map((k) => [k, { from: unit[k as keyof typeof unit], to: changes[k as keyof typeof changes] }]))
        await record(tx, actor, ip, 'unit.update', id, { code: unit.code, ...detail })
        return toAdminUnitDto(row)
      })
    },
  }
}
export type UnitService = ReturnType<typeof createUnitService>
