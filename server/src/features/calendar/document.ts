import { z } from 'zod'
import { dateLabel, formLabel, whenLabel, zonedMonth } from './labels.ts'

/** PlanRevision.snapshot as the plan feature writes it (the shared contract of issue 11). */
export const PlanSnapshot = z.array(z.object({
  eventId: z.string(),
  theme: z.string(),
  form: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['planned', 'cancelled']).default('planned'),
  units: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['lead', 'joint']) })),
}))
export type PlanSnapshot = z.infer<typeof PlanSnapshot>

export interface PlanRow {
  month: string
  when: string
  theme: string
  form: string
  lead: string
  joint: string
  cancelled: boolean
}

/** Everything both renderings (DOCX, PDF) print: the wording is made once, here. */
export interface PlanDocument {
  year: number
  issuer: string
  title: string
  addressee: string
  intro: string
  /** "第2次修订（2031年6月3日）：note" for a revision after the first, else null. */
  revisionLine: string | null
  issuedOn: string
  rows: PlanRow[]
}

export const PLAN_HEADERS = ['月份', '活动时间', '活动主题', '活动形式', '承办单位', '联合承办单位'] as const

export interface PlanWording {
  issuer: string
  /** With "{year}" for the plan's year. */
  title: string
  timeZone: string
}

/**
 * The plan as issued. A cancelled event stays as a marked row ("（已取消）"): readers of the first
 * issue must see what became of it, which a silent omission would hide.
 */
export function planDocument(year: number, revision: { number: number; note: string; publishedAt: Date }, snapshot: PlanSnapshot, w: PlanWording): PlanDocument {
  const title = w.title.replaceAll('{year}', String(year))
  const rows = [...snapshot].sort((a, b) => a.startsAt.localeCompare(b.startsAt)).map((e): PlanRow => {
    const starts = new Date(e.startsAt)
    const cancelled = e.status === 'cancelled'
    return {
      month: `${zonedMonth(starts, w.timeZone)}月`,
      when: whenLabel(starts, new Date(e.endsAt), w.timeZone),
      theme: cancelled ? `${e.theme}（已取消）` : e.theme,
      form: formLabel(e.form),
      lead: e.units.filter((u) => u.role === 'lead').map((u) => u.name).join('、'),
      joint: e.units.filter((u) => u.role === 'joint').map((u) => u.name).join('、') || '—',
      cancelled,
    }
  })
  const issuedOn = dateLabel(revision.publishedAt, w.timeZone)
  return {
    year,
    issuer: w.issuer,
    title,
    addressee: '各县市区（管理区、经开区）政务公开政务服务领导小组办公室、市直各有关单位：',
    intro: `根据各县市区各单位报送的活动主题和初步方案，现将《${title}》印发给你们，请认真组织实施。每次活动时间一般为半天，具体安排如下。`,
    revisionLine: revision.number > 1 ? `第${revision.number - 1}次修订（${issuedOn}）${revision.note ? `：${revision.note}` : ''}` : null,
    issuedOn,
    rows,
  }
}
