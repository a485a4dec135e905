import type { SensitiveWordDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { SensitiveFilter } from '../../lib/sensitive.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import * as repo from './repository.ts'

/**
 * The admin's sensitive-word list, kept in memory for the filter. Reloaded after each change
 * (and at start): the list is small, and checking a question must not cost a query.
 */
export function createWordsService(db: Db) {
  let filter = new SensitiveFilter([])
  const reload = async () => { filter = new SensitiveFilter((await repo.list(db)).map((w) => w.word)) }
  const dto = (w: { id: string; word: string; createdAt: Date }): SensitiveWordDto => ({ id: w.id, word: w.word, createdAt: w.createdAt.toISOString() })
  return {
    reload,
    filter: () => filter,
    async list(): Promise<SensitiveWordDto[]> {
      return (await repo.list(db)).map(dto)
    },
    async add(word: string, actor: Actor): Promise<SensitiveWordDto> {
      try {
        const w = await repo.create(db, word, actor.id)
        await audit.record(db, { actorId: actor.id, actorRole: actor.role, action: 'word.add', targetType: 'sensitive_word', targetId: w.id, detail: { word } })
        await reload()
        return dto(w)
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'this word is already listed')
        throw err
      }
    },
    async remove(id: string, actor: Actor): Promise<void> {
      try {
        const w = await repo.remove(db, id)
        await audit.record(db, { actorId: actor.id, actorRole: actor.role, action: 'word.remove', targetType: 'sensitive_word', targetId: id, detail: { word: w.word } })
      } catch (err) {
        if (isPrismaCode(err, 'P2025')) throw new AppError('NOT_FOUND', 'no such word')
        throw err
      }
      await reload()
    },
  }
}
export type WordsService = ReturnType<typeof createWordsService>
