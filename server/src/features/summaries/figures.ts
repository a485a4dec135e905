import type { HotlineFiguresDto, SessionFigures, SummaryFiguresDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { figuresOf as questionFigures } from '../archive/figures.ts'
import { figuresOf as hotlineFigures } from '../hotline/figures.ts'
import * as calls from '../hotline/repository.ts'
import { replyFigures, settledCount } from '../replies/dto.ts'
import { uploadUrl } from '../transcript/dto.ts'

type Labels = { domains: Map<string, string>; types: Map<string, string> }

/** Calls per domain and type with their names, most calls first (ties by name, so the order is stable). */
export function labelledHotline(f: HotlineFiguresDto, labels: Labels): NonNullable<SummaryFiguresDto['hotline']> {
  const named = (counts: Record<string, number>, names: Map<string, string>) => Object.entries(counts)
    .map(([id, n]) => ({ name: names.get(id) ?? id, calls: n }))
    .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name, 'zh-CN'))
  return { ...f, byDomain: named(f.byDomain, labels.domains), byAppealType: named(f.byAppealType, labels.types) }
}

/** The event's totals over its sessions' figures. */
export function totalsOf(sessions: { figures: SessionFigures; replies: ReturnType<typeof replyFigures> }[], uniqueViewers: number): SummaryFiguresDto['totals'] {
  const sum = (f: (s: (typeof sessions)[number]) => number) => sessions.reduce((n, s) => n + f(s), 0)
  return {
    peakViewers: Math.max(0, ...sessions.map((s) => s.figures.peakViewers)), uniqueViewers,
    received: sum((s) => s.figures.received), approved: sum((s) => s.figures.approved), answeredLive: sum((s) => s.figures.answered),
    repliesDue: sum((s) => s.replies.due), repliesPublished: sum((s) => s.replies.published), repliesOnTime: sum((s) => s.replies.onTime),
  }
}

/** Everything the summary's draft states, counted from the event's records as they are at `now`. */
export async function loadSummaryFigures(db: Db, eventId: string, now: Date): Promise<SummaryFiguresDto> {
  const ev = await db.event.findUnique({
    where: { id: eventId },
    include: {
      hostUnits: { include: { unit: { select: { name: true } } }, orderBy: { role: 'asc' } },
      guests: { orderBy: { sortOrder: 'asc' } },
      sessions: { orderBy: { scheduledStart: 'asc' }, include: { questions: { select: { status: true, approvedAt: true, replyDueAt: true } } } },
      publicity: { include: { journal: true }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] },
    },
  })
  if (!ev) throw new AppError('NOT_FOUND', 'no such event')
  const sessions = []
  let hotline: SummaryFiguresDto['hotline'] = null
  const photos: SummaryFiguresDto['photos'] = []
  for (const s of ev.sessions) {
    const tasks = await db.replyTask.findMany({ where: { sessionId: s.id }, select: { state: true, dueAt: true, firstPublishedAt: true } })
    const settled = settledCount(tasks)
    sessions.push({ id: s.id, title: s.title, status: s.status, figures: questionFigures(s.questions, s.peakViewers, settled), replies: replyFigures(tasks, now) })
    if (s.kind === 'hotline') {
      const [domains, types] = await Promise.all([db.hotlineDomain.findMany(), db.appealType.findMany()])
      hotline = labelledHotline(hotlineFigures(await calls.listForFigures(db, s.id)), {
        domains: new Map(domains.map((d) => [d.id, d.name])), types: new Map(types.map((t) => [t.id, t.name])),
      })
    }
    const pictures = await db.transcriptEntry.findMany({ where: { sessionId: s.id, uploadId: { not: null } }, select: { uploadId: true, body: true }, orderBy: { createdAt: 'asc' } })
    for (const p of pictures) photos.push({ uploadId: p.uploadId!, url: uploadUrl(p.uploadId!), caption: p.body.slice(0, 60) })
  }
  for (const g of ev.guests) if (g.photoId) photos.push({ uploadId: g.photoId, url: uploadUrl(g.photoId), caption: `${g.name} ${g.title}`.trim() })
  return {
    event: {
      id: ev.id, theme: ev.theme, form: ev.form as SummaryFiguresDto['event']['form'], startsAt: ev.startsAt.toISOString(), endsAt: ev.endsAt.toISOString(),
      units: ev.hostUnits.map((h) => ({ name: h.unit.name, role: h.role as 'lead' | 'joint' })).sort((a, b) => Number(a.role === 'joint') - Number(b.role === 'joint')),
      guests: ev.guests.map((g) => ({ name: g.name, title: g.title })),
    },
    sessions,
    // A device that watched two sessions of the event is one viewer of the event.
    totals: totalsOf(sessions, (await db.sessionViewer.groupBy({ by: ['viewerKey'], where: { sessionId: { in: ev.sessions.map((s) => s.id) } } })).length),
    hotline,
    publicity: ev.publicity.map((p) => ({
      outlet: p.outlet as SummaryFiguresDto['publicity'][number]['outlet'], title: p.title, date: p.date, source: p.source,
      journal: p.journal?.name ?? null, bonus: !!p.journal?.bonus,
    })),
    photos,
  }
}
