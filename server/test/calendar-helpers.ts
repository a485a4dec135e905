import type { Db } from '../src/db/client.ts'

// A year as the plan feature leaves it after publishing (issue 11's shared contract, year.md):
// Event rows (planned, with lead and joint EventHostUnit rows), PlanRevision snapshots, and
// PlanYear.revision naming the one the public sees. Inserted directly: the tests of the outputs
// must not depend on the compiling screens.

export const YEAR = 2031
/** Beijing 09:00–12:00 on the day, as the instant the plan stores. */
export const beijing = (ymd: string, hh = 9) => new Date(`${ymd}T${String(hh).padStart(2, '0')}:00:00+08:00`)

export interface Fixture {
  units: { fgw: string; czj: string; rsj: string; idle: string }
  events: { may: string; june: string; july: string; cancelled: string; draft: string; published: string }
  themes: { may: string; june: string; july: string; cancelled: string; draft: string; published: string; rev1Only: string }
}

export const LONG_THEME = '聚焦群众关切的城乡居民基本养老保险、医疗保障待遇与就业创业扶持政策一站式解读和现场答疑活动'

export async function seedYear(db: Db, opts: { publish: boolean; year?: number }): Promise<Fixture> {
  const year = opts.year ?? YEAR
  const tag = `${year}${Math.random().toString(36).slice(2, 6)}`
  const mk = (code: string, name: string) => db.unit.create({ data: { code: `${code}-${tag}`, name } })
  const [fgw, czj, rsj, idle] = await Promise.all([mk('fgw', '市发展改革委'), mk('czj', '市财政局'), mk('rsj2', '市人力资源和社会保障局'), mk('idle', '市无活动局')])
  const themes = {
    may: '优化营商环境政策解读', june: LONG_THEME, july: '12345热线局长接听', cancelled: '已取消的观摩活动',
    draft: '草稿中的秘密主题', published: '提前公开的访谈', rev1Only: '第一版计划里的旧主题',
  }
  const ev = (theme: string, form: string, startsAt: Date, status: string, units: [string, 'lead' | 'joint'][], extra: Record<string, unknown> = {}) =>
    db.event.create({
      data: {
        year, month: startsAt.getUTCMonth() + 1, theme, form, status, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), previewDays: 3,
        hostUnits: { create: units.map(([unitId, role]) => ({ unitId, role })) }, ...extra,
      },
    })
  const may = await ev(themes.may, 'press_release', beijing(`${year}-05-20`), 'planned', [[fgw.id, 'lead'], [czj.id, 'joint']])
  const june = await ev(themes.june, 'symposium', beijing(`${year}-06-17`, 14), 'planned', [[rsj.id, 'lead']])
  const july = await ev(themes.july, 'hotline', beijing(`${year}-07-15`), 'planned', [[czj.id, 'lead']], { sequence: 1 })
  const cancelled = await ev(themes.cancelled, 'observation', beijing(`${year}-08-19`), 'cancelled', [[fgw.id, 'lead']], { sequence: 2, cancelledAt: new Date() })
  const draft = await ev(themes.draft, 'survey', beijing(`${year}-09-16`), 'draft', [[fgw.id, 'lead'], [rsj.id, 'joint']])
  const published = await ev(themes.published, 'video_interview', beijing(`${year}-10-21`), 'published', [[rsj.id, 'lead']])
  await db.planYear.create({ data: { year, months: '5,6,7,8,9,10,11,12', deadline: beijing(`${year}-04-01`, 18) } })
  const fixture: Fixture = { units: { fgw: fgw.id, czj: czj.id, rsj: rsj.id, idle: idle.id }, events: { may: may.id, june: june.id, july: july.id, cancelled: cancelled.id, draft: draft.id, published: published.id }, themes }
  if (opts.publish) await publishPlan(db, year, fixture)
  return fixture
}

const unitsOf = (f: Fixture, lead: string, joint: string[] = []) => [
  { id: lead, name: nameOf(f, lead), role: 'lead' as const }, ...joint.map((id) => ({ id, name: nameOf(f, id), role: 'joint' as const })),
]
const nameOf = (f: Fixture, id: string) => ({ [f.units.fgw]: '市发展改革委', [f.units.czj]: '市财政局', [f.units.rsj]: '市人力资源和社会保障局' })[id]!

/** Revision 1 (with a theme later changed), then revision 2 cancelling August: PlanYear.revision = 2. */
export async function publishPlan(db: Db, year: number, f: Fixture): Promise<void> {
  const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' } })
  const entry = (eventId: string, theme: string, form: string, startsAt: Date, status: 'planned' | 'cancelled', units: ReturnType<typeof unitsOf>) =>
    ({ eventId, theme, form, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(), status, units })
  const rev1 = [
    entry(f.events.may, f.themes.rev1Only, 'press_release', beijing(`${year}-05-20`), 'planned', unitsOf(f, f.units.fgw, [f.units.czj])),
    entry(f.events.june, f.themes.june, 'symposium', beijing(`${year}-06-17`, 14), 'planned', unitsOf(f, f.units.rsj)),
    entry(f.events.july, f.themes.july, 'hotline', beijing(`${year}-07-15`), 'planned', unitsOf(f, f.units.czj)),
    entry(f.events.cancelled, f.themes.cancelled, 'observation', beijing(`${year}-08-19`), 'planned', unitsOf(f, f.units.fgw)),
  ]
  const rev2 = [{ ...rev1[0]!, theme: f.themes.may }, rev1[1]!, rev1[2]!, { ...rev1[3]!, status: 'cancelled' as const }]
  await db.planRevision.create({ data: { year, number: 1, note: '', snapshot: JSON.stringify(rev1), publishedAt: new Date(`${year}-04-20T02:00:00Z`), publishedById: admin.id } })
  await db.planRevision.create({ data: { year, number: 2, note: '八月活动取消，五月主题调整', snapshot: JSON.stringify(rev2), publishedAt: new Date(`${year}-05-02T02:00:00Z`), publishedById: admin.id } })
  await db.planYear.update({ where: { year }, data: { revision: 2 } })
}

/** Enough entries to push the PDF's table onto a second page (each a long, wrapping theme). */
export async function publishLongPlan(db: Db, year: number): Promise<string[]> {
  const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' } })
  const u = await db.unit.create({ data: { code: `long-${year}-${Math.random().toString(36).slice(2, 6)}`, name: '市长篇主题承办局' } })
  const themes = Array.from({ length: 14 }, (_, i) => `第${i + 1}号${LONG_THEME}`)
  const snapshot = themes.map((theme, i) => {
    const startsAt = beijing(`${year}-${String(1 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 ? '20' : '06'}`)
    return { eventId: `long${i}`, theme, form: 'survey', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(), status: 'planned', units: [{ id: u.id, name: u.name, role: 'lead' }] }
  })
  await db.planYear.create({ data: { year, months: '1,2,3,4,5,6,7', deadline: beijing(`${year}-01-01`), revision: 1 } })
  await db.planRevision.create({ data: { year, number: 1, snapshot: JSON.stringify(snapshot), publishedById: admin.id } })
  return themes
}
