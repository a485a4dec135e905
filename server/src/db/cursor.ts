/** A place in a list shown newest first (questions, the live record): created at, then id. */
export interface Cursor { createdAt: Date; id: string }

/** The Prisma condition "older than the cursor" in that order (ties on the time broken by id). */
export const olderThan = (c: Cursor | undefined) =>
  c ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] } : {}
