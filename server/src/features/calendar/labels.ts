import type { EventForm } from '@openday/protocol'

// The words of the plan documents and the feeds. They are the office's official Chinese (the seed's
// names of the six forms), not UI strings: the documents are issued in Chinese whatever the reader's
// language, so they live here and not in the client's i18n.
export const FORM_LABEL: Record<EventForm, string> = {
  video_interview: '政府访谈（在线视频访谈）',
  text_interview: '政府访谈（图文访谈）',
  hotline: '领导接听12345',
  press_release: '政策发布',
  symposium: '座谈交流',
  observation: '现场观摩体验',
  survey: '问卷调查',
}

export const formLabel = (form: string): string => FORM_LABEL[form as EventForm] ?? form

const WEEKDAY = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

function parts(at: Date, timeZone: string) {
  const p = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(at)
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? ''
  const dow = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'))
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), hm: `${get('hour')}:${get('minute')}`, h: Number(get('hour')), dow }
}

/** The zoned month (1..12) of an instant. */
export const zonedMonth = (at: Date, timeZone: string): number => parts(at, timeZone).m

/** "5月20日（星期三）上午 09:00—12:00", in the office's zone whatever the server's. */
export function whenLabel(startsAt: Date, endsAt: Date, timeZone: string): string {
  const s = parts(startsAt, timeZone)
  const e = parts(endsAt, timeZone)
  const half = s.h < 12 ? '上午' : '下午'
  const sameDay = s.y === e.y && s.m === e.m && s.d === e.d
  const end = sameDay ? e.hm : `${e.m}月${e.d}日 ${e.hm}`
  return `${s.m}月${s.d}日（${WEEKDAY[s.dow]}）${half} ${s.hm}—${end}`
}

/** "2031年4月28日": the date a revision was issued. */
export function dateLabel(at: Date, timeZone: string): string {
  const p = parts(at, timeZone)
  return `${p.y}年${p.m}月${p.d}日`
}
