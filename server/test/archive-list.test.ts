import { ARCHIVE_PAGE_DEFAULT, ARCHIVE_PAGE_MAX, type ArchiveListItemDto, type ArchiveListPageDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { figuresOf } from '../src/features/archive/figures.ts'
import * as questions from '../src/features/questions/repository.ts'
import { DEMO_ARCHIVED_SESSION, DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { clientId, type Harness, ok, send, startServer, staff } from './harness.ts'

// The public archive list: pages (keyset, newest first) of archived sessions of published events,
// with figures from grouped counts that must equal the per-question figures of the archive page.

let h: Harness
const SESSIONS = 57 // more than two pages of the largest size
const HIDDEN = 3 // archived sessions of an event that is not published
const hour = 3_600_000

// Questions in every state a question can end in, with and without the dates the figures read.
const VARIANTS = [
  { status: 'pending' },
  { status: 'approved', approvedAt: true },
  { status: 'approved', approvedAt: true, replyDueAt: true },
  { status: 'answering', approvedAt: true },
  { status: 'answered', approvedAt: true, answeredAt: true },
  { status: 'rejected' },
  { status: 'rejected', approvedAt: true },
  { status: 'merged', approvedAt: true },
  { status: 'merged' },
] as const

beforeAll(async () => {
  h = await startServer()
  const db = h.app.db
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'zjj' } })
  const base = Date.now() - 100 * 24 * hour
  const event = (id: string, status: string, startsAt = base) => db.event.create({ data: {
    id, year: 2026, month: 1, theme: `${id} 主题`, form: 'text_interview', status, startsAt: new Date(startsAt), endsAt: new Date(startsAt + hour),
    hostUnits: { create: [{ unitId: unit.id, role: 'lead' }] },
  } })
  await event('al-published', 'published')
  await event('al-done', 'done')
  // Planned for a day weeks ahead: its preview has not opened (sessions/visibility.ts).
  await event('al-planned', 'planned', Date.now() + 30 * 24 * hour)
  const citizen = await db.citizen.create({ data: { tokenHash: 'al-citizen', nickname: '' } })
  const archived = (id: string, eventId: string, endedAt: Date | null, peakViewers: number) => db.session.create({ data: {
    id, eventId, kind: 'text_interview', title: `${id} 标题`, status: 'archived', scheduledStart: new Date(base), scheduledEnd: new Date(base + hour),
    startedAt: new Date(base), endedAt, archivedAt: endedAt, peakViewers,
  } })
  for (let i = 0; i < SESSIONS; i++) {
    const id = `al-${String(i).padStart(3, '0')}`
    // Three sessions share each end time, and two have none (rows written by hand): the order
    // must still give each session one place.
    const endedAt = i >= SESSIONS - 2 ? null : new Date(base + Math.floor(i / 3) * hour)
    await archived(id, i % 2 ? 'al-published' : 'al-done', endedAt, i)
    const n = i % 8 === 0 ? 0 : (i % 11) + 1
    await db.question.createMany({ data: Array.from({ length: n }, (_, k) => {
      const v: { status: string; approvedAt?: boolean; replyDueAt?: boolean; answeredAt?: boolean } = VARIANTS[(i + k) % VARIANTS.length]!
      return {
        sessionId: id, clientId: clientId(), citizenId: citizen.id, nickname: '网友', body: `问题 ${k}`, status: v.status,
        approvedAt: v.approvedAt ? new Date(base) : null, replyDueAt: v.replyDueAt ? new Date(base + 5 * 24 * hour) : null,
        answeredAt: v.answeredAt ? new Date(base) : null,
      }
    }) })
  }
  for (let i = 0; i < HIDDEN; i++) await archived(`al-hidden-${i}`, 'al-planned', new Date(base + i * hour), 0)
  // Not archived: never in the list.
  await db.session.create({ data: { id: 'al-scheduled', eventId: 'al-published', kind: 'text_interview', title: 't', scheduledStart: new Date(base), scheduledEnd: new Date(base + hour) } })
})
afterAll(async () => { await h?.close() })

const page = async (query: string): Promise<ArchiveListPageDto> => {
  const res = await fetch(`${h.url}/api/archive${query}`)
  expect(res.status, query).toBe(200)
  return (await res.json()) as ArchiveListPageDto
}

/** Follows nextCursor from the first page to the last. */
async function all(size: number): Promise<{ items: ArchiveListItemDto[]; pages: ArchiveListPageDto[] }> {
  const pages = [await page(`?size=${size}`)]
  while (pages.at(-1)!.nextCursor) pages.push(await page(`?size=${size}&cursor=${pages.at(-1)!.nextCursor}`))
  return { items: pages.flatMap((p) => p.items), pages }
}

const endTime = (i: ArchiveListItemDto) => (i.session.endedAt ? Date.parse(i.session.endedAt) : -Infinity)

describe('archive list', () => {
  it('pages through every archived session of a published event exactly once, newest first, with the per-question figures', async () => {
    const expected = (await h.app.db.session.findMany({
      where: { status: 'archived', event: { status: { in: ['published', 'done'] } } }, select: { id: true, peakViewers: true },
    }))
    expect(expected.length).toBe(SESSIONS + 1) // and the demo's archived session

    for (const size of [1, 7, ARCHIVE_PAGE_MAX]) {
      const { items, pages } = await all(size)
      const ids = items.map((i) => i.session.id)
      expect(ids.length, `size ${size}`).toBe(new Set(ids).size)
      expect(new Set(ids)).toEqual(new Set(expected.map((s) => s.id)))
      expect(pages.length).toBe(Math.ceil(expected.length / size))
      expect(pages.every((p) => p.items.length <= size && p.total === expected.length)).toBe(true)
      expect(items.map(endTime)).toEqual([...items.map(endTime)].sort((a, b) => b - a))
    }
    expect(new Set((await all(ARCHIVE_PAGE_MAX)).items.map((i) => i.session.id))).toContain(DEMO_ARCHIVED_SESSION)

    // The grouped counts equal the archive page's figures, computed from every question.
    const { items } = await all(ARCHIVE_PAGE_MAX)
    const peak = new Map(expected.map((s) => [s.id, s.peakViewers]))
    for (const item of items) {
      expect(item.figures, item.session.id).toEqual(figuresOf(await questions.listBySession(h.app.db, item.session.id), peak.get(item.session.id)!))
    }
    // The seeded data covers every figure, so the comparison above means something.
    const sums = items.reduce((s, i) => ({ a: s.a + i.figures.approved, w: s.w + i.figures.awaitingReply, r: s.r + i.figures.rejected, x: s.x + i.figures.answered }), { a: 0, w: 0, r: 0, x: 0 })
    expect(Math.min(sums.a, sums.w, sums.r, sums.x)).toBeGreaterThan(0)
    expect(items.some((i) => i.figures.received === 0)).toBe(true)
  })

  it('has a default and a maximum page size, and refuses bad sizes and cursors', async () => {
    const first = await page('')
    expect(first.items.length).toBe(ARCHIVE_PAGE_DEFAULT)
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/)
    const code = async (query: string) => {
      const res = await fetch(`${h.url}/api/archive${query}`)
      return [res.status, ((await res.json()) as { error: { code: string } }).error.code]
    }
    for (const q of ['?size=0', `?size=${ARCHIVE_PAGE_MAX + 1}`, '?size=abc', '?size=1.5', '?size=1&size=2', '?cursor=not!a!cursor',
      `?cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`, '?cursor=bm90IGpzb24']) {
      expect(await code(q), q).toEqual([400, 'BAD_REQUEST'])
    }
  })

  it('serves pages from a short cache, dropped when a session is archived', async () => {
    const before = await page('?size=5')
    const top = before.items[0]!
    const citizen = await h.app.db.citizen.findUniqueOrThrow({ where: { tokenHash: 'al-citizen' } })
    // Written behind the server's back (an archived session takes no questions): the cached page does not see it.
    await h.app.db.question.create({ data: { sessionId: top.session.id, clientId: clientId(), citizenId: citizen.id, nickname: 'n', body: 'b' } })
    expect((await page('?size=5')).items[0]!.figures.received).toBe(top.figures.received)

    const host = await staff(h.url, 'host')
    ok(await send(host, 'session:end', { sessionId: DEMO_LIVE_SESSION }))
    host.close()
    const after = await page('?size=5')
    expect(after.total).toBe(before.total + 1)
    expect(after.items[0]!.session.id).toBe(DEMO_LIVE_SESSION)
    const again = after.items.find((i) => i.session.id === top.session.id)!
    expect(again.figures.received).toBe(top.figures.received + 1)
  })
})
