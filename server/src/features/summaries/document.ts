import type { SummaryBlock, SummaryFiguresDto } from '@openday/protocol'
import { dateLabel, formLabel } from '../calendar/labels.ts'

/** Everything the DOCX and the PDF print: the wording is made once, here. */
export interface SummaryDocument {
  title: string
  unit: string
  blocks: SummaryBlock[]
  /** The photo blocks' pictures (by upload id), as stored; a block whose file cannot be read prints its caption. */
  images: Map<string, { data: Buffer; mime: string }>
  tables: { caption: string; headers: string[]; rows: string[][] }[]
  signedOn: string
}

const OUTLET: Record<string, string> = { media: '主流媒体', gov_website: '政府网站', gov_new_media: '政务新媒体', journal: '政务公开刊物' }

/** The summary as a document: its text, then the figures as tables (as counted from the records). */
export function summaryDocument(f: SummaryFiguresDto, blocks: SummaryBlock[], unit: string, at: Date, timeZone: string, images: SummaryDocument['images'] = new Map()): SummaryDocument {
  const t = f.totals
  const tables: SummaryDocument['tables'] = [{
    caption: '表1 活动基本情况',
    headers: ['项目', '情况'],
    rows: [
      ['活动主题', f.event.theme], ['活动时间', dateLabel(new Date(f.event.startsAt), timeZone)], ['活动形式', formLabel(f.event.form)],
      ['承办单位', f.event.units.map((u) => (u.role === 'joint' ? `${u.name}（联合承办）` : u.name)).join('、')],
      ['参加嘉宾', f.event.guests.map((g) => `${g.title}${g.name}`).join('、') || '—'],
    ],
  }, {
    caption: '表2 互动和答复情况',
    headers: ['指标', '数量'],
    rows: [
      ['观看人数（峰值）', String(t.peakViewers)], ['观看设备数（去重）', String(t.uniqueViewers)], ['收到网友提问', String(t.received)], ['采用提问', String(t.approved)],
      ['现场答复', String(t.answeredLive)], ['应书面答复', String(t.repliesDue)], ['已书面答复', String(t.repliesPublished)], ['按时书面答复', String(t.repliesOnTime)],
    ],
  }]
  if (f.hotline) {
    const h = f.hotline
    tables.push({
      caption: '表3 热线来电和工单办理情况',
      headers: ['指标', '数量'],
      rows: [
        ['来电总数', String(h.calls)], ['现场答复', String(h.answered)], ['转办工单', String(h.handedOff)], ['工单办结', String(h.closed)],
        ['按时办结', String(h.closedOnTime)], ['回访满意率', h.satisfactionRate === null ? '—' : `${Math.round(h.satisfactionRate * 1000) / 10}%`],
        ...h.byDomain.map((d) => [`按领域：${d.name}`, String(d.calls)]),
        ...h.byAppealType.map((d) => [`按诉求类型：${d.name}`, String(d.calls)]),
      ],
    })
  }
  if (f.publicity.length) {
    tables.push({
      caption: `表${tables.length + 1} 宣传报道情况`,
      headers: ['日期', '渠道', '媒体或刊物', '标题'],
      rows: f.publicity.map((p) => [p.date, OUTLET[p.outlet] ?? p.outlet, `${p.journal ?? p.source}${p.bonus ? '（加分刊物）' : ''}`, p.title]),
    })
  }
  return { title: `${f.event.theme}政务公开主题日活动经验总结`, unit, blocks, images, tables, signedOn: dateLabel(at, timeZone) }
}
