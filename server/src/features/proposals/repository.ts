import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

export const withUnits = {
  unit: { select: { id: true, name: true } },
  jointUnits: { include: { unit: { select: { id: true, name: true } } } },
  _count: { select: { versions: true } },
} as const

export interface ProposalFields { theme: string; month: number | null; halfDay: string; form: string | null; steps: string; contactsCipher: string }
export interface ListWhere { year?: number; status?: string; unitId?: string }

export const find = (db: Client, id: string) => db.proposal.findUnique({ where: { id }, include: withUnits })
export type ProposalRow = NonNullable<Awaited<ReturnType<typeof find>>>

export const list = (db: Client, w: ListWhere) =>
  db.proposal.findMany({ where: { year: w.year, status: w.status, unitId: w.unitId }, include: withUnits, orderBy: [{ year: 'desc' }, { createdAt: 'asc' }] })

/** The unit's own proposals and those it is a joint host of. */
export const listForUnit = (db: Client, unitId: string, year?: number) =>
  db.proposal.findMany({
    where: { year, OR: [{ unitId }, { jointUnits: { some: { unitId } } }] },
    include: withUnits, orderBy: [{ year: 'desc' }, { createdAt: 'asc' }],
  })

export const create = (tx: Tx, id: string, year: number, unitId: string, createdById: string, contactsCipher: string) =>
  tx.proposal.create({ data: { id, year, unitId, createdById, contactsCipher }, include: withUnits })

/** Writes the fields only if nobody saved since `revision` and it is still editable; false otherwise. */
export async function saveIfCurrent(tx: Tx, id: string, revision: number, data: ProposalFields): Promise<boolean> {
  const { count } = await tx.proposal.updateMany({
    where: { id, revision, status: { in: ['draft', 'returned'] } },
    data: { ...data, revision: { increment: 1 } },
  })
  return count === 1
}

export async function setJointUnits(tx: Tx, proposalId: string, unitIds: string[]): Promise<void> {
  await tx.proposalJointUnit.deleteMany({ where: { proposalId } })
  if (unitIds.length) await tx.proposalJointUnit.createMany({ data: unitIds.map((unitId) => ({ proposalId, unitId })) })
}

export const activeUnits = (db: Client, ids: string[]) => db.unit.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } })

/** The one state change of a submission, taken by exactly one of two racing submits (the row lock decides). */
export async function markSubmitted(tx: Tx, id: string, revision: number, at: Date, late: boolean): Promise<boolean> {
  const { count } = await tx.proposal.updateMany({
    where: { id, revision, status: { in: ['draft', 'returned'] } },
    data: { status: 'submitted', submittedRevision: revision, submittedAt: at, late, returnReason: null, decidedAt: null, decidedById: null },
  })
  return count === 1
}

export const versionCount = (db: Client, proposalId: string) => db.proposalVersion.count({ where: { proposalId } })
export const createVersion = (tx: Tx, data: { id: string; proposalId: string; number: number; content: string; contactsCipher: string; late: boolean; submittedAt: Date; submittedById: string }) =>
  tx.proposalVersion.create({ data })
export const versions = (db: Client, proposalId: string) => db.proposalVersion.findMany({ where: { proposalId }, orderBy: { number: 'asc' } })
export const versionsByNumber = (db: Client, proposalId: string, numbers: number[]) =>
  db.proposalVersion.findMany({ where: { proposalId, number: { in: numbers } } })

/** Approve or return: only a submitted proposal; false when someone decided (or it changed) first. */
export async function decide(tx: Tx, id: string, status: 'approved' | 'returned', by: string, reason: string | null): Promise<boolean> {
  const { count } = await tx.proposal.updateMany({
    where: { id, status: 'submitted' },
    data: { status, decidedAt: new Date(), decidedById: by, returnReason: reason },
  })
  return count === 1
}

export const userNames = async (db: Client, ids: string[]): Promise<Map<string, string>> =>
  new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]))
export const unitNames = async (db: Client, ids: string[]): Promise<Map<string, string>> =>
  new Map((await db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
