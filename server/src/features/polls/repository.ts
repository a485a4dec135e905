import { PollQuestion, type QuestionDef } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { multiInsert } from '../../db/sql.ts'
import { Prisma } from '../../generated/sqlite/client.ts'

type Client = Db | Tx

const pollInclude = { rounds: { orderBy: { number: 'asc' as const } } } as const

export const find = (c: Client, id: string) => c.poll.findUnique({ where: { id }, include: pollInclude })
export type PollRow = NonNullable<Awaited<ReturnType<typeof find>>>
export const listForSession = (c: Client, sessionId: string) =>
  c.poll.findMany({ where: { sessionId }, include: pollInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
export const findByClientId = (c: Client, sessionId: string, clientId: string) =>
  c.poll.findUnique({ where: { sessionId_clientId: { sessionId, clientId } }, include: pollInclude })

export const questionOf = (p: { question: string }): QuestionDef => PollQuestion.parse(JSON.parse(p.question))
export const currentRound = (p: PollRow) => p.rounds.find((r) => r.number === p.round) ?? null

export const create = (tx: Tx, d: { sessionId: string; clientId: string; question: QuestionDef; visibility: string; createdById: string }) =>
  tx.poll.create({ data: { ...d, question: JSON.stringify(d.question) } })

export const update = (tx: Tx, id: string, data: { question?: QuestionDef; visibility?: string; state?: string; round?: number }) =>
  tx.poll.update({ where: { id }, data: { ...data, question: data.question ? JSON.stringify(data.question) : undefined } })

export const openRound = (tx: Tx, pollId: string, number: number, at: Date) => tx.pollRound.create({ data: { pollId, number, openedAt: at } })
export const closeRound = (tx: Tx, roundId: string, at: Date, results: string) => tx.pollRound.update({ where: { id: roundId }, data: { closedAt: at, results } })

/**
 * Takes the polls' row locks (PostgreSQL; SQLite has one writer anyway) before their state is read:
 * a vote and the poll's closing then happen one after the other, so no vote is stored in a round
 * after its figures were frozen.
 */
export async function lock(tx: Tx, pollIds: string[]): Promise<void> {
  if (pollIds.length) await tx.$executeRaw(Prisma.sql`UPDATE "Poll" SET "state" = "state" WHERE "id" IN (${Prisma.join(pollIds)})`)
}

/** What a vote needs to know about its poll, for a batch of polls in one query. */
export const votingState = (tx: Tx, pollIds: string[]) =>
  tx.poll.findMany({ where: { id: { in: pollIds } }, select: { id: true, sessionId: true, state: true, round: true, rounds: { select: { id: true, number: true } } } })

/** Inserts votes; a device that already voted in the round keeps its first vote (the unique key decides, also across processes). */
export async function insertVotes(tx: Tx, rows: { id: string; roundId: string; deviceHash: string; answer: string; createdAt: Date }[]): Promise<void> {
  if (!rows.length) return
  await tx.$executeRaw(multiInsert('PollVote', ['id', 'roundId', 'deviceHash', 'answer', 'createdAt'],
    rows.map((r) => [r.id, r.roundId, r.deviceHash, r.answer, r.createdAt]), 'ON CONFLICT ("roundId", "deviceHash") DO NOTHING'))
}

export const votesOf = (c: Client, pairs: { roundId: string; deviceHash: string }[]) =>
  pairs.length ? c.pollVote.findMany({ where: { OR: pairs.map((p) => ({ roundId: p.roundId, deviceHash: p.deviceHash })) }, select: { id: true, roundId: true, deviceHash: true, answer: true } }) : Promise.resolve([])

export const allVotes = (c: Client, roundId: string) => c.pollVote.findMany({ where: { roundId }, select: { id: true, answer: true } })

/** The rounds (of these) a device voted in. */
export const votedRounds = async (c: Client, roundIds: string[], deviceHash: string) =>
  new Set((await c.pollVote.findMany({ where: { roundId: { in: roundIds }, deviceHash }, select: { roundId: true } })).map((v) => v.roundId))
