import type { Db } from '../../db/client.ts'

export const list = (db: Db) => db.sensitiveWord.findMany({ orderBy: { createdAt: 'asc' } })
export const create = (db: Db, word: string, createdById: string | null) => db.sensitiveWord.create({ data: { word, createdById } })
export const remove = (db: Db, id: string) => db.sensitiveWord.delete({ where: { id } })
export const findByWord = (db: Db, word: string) => db.sensitiveWord.findUnique({ where: { word } })
