/**
 * Every date is shown in the users' zone, whatever zone the browser is set to: a citizen abroad or
 * a laptop left on UTC must still read the same times as the printed programme.
 */
export const TIME_ZONE = 'Asia/Shanghai'

type Style = 'dateTime' | 'date' | 'time' | 'timeSeconds' | 'month' | 'monthShort'

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  timeSeconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  month: { year: 'numeric', month: 'long' },
  monthShort: { month: 'short' },
}

const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(lang: string, style: Style): Intl.DateTimeFormat {
  const locale = lang.startsWith('en') ? 'en-GB' : 'zh-CN'
  const key = `${locale}|${style}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone: TIME_ZONE })
    cache.set(key, f)
  }
  return f
}

export function formatDate(iso: string | null | undefined, lang: string, style: Style = 'dateTime'): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return formatter(lang, style).format(d)
}

/** "2026年5月20日 周三 09:30–11:30", or both full dates when the range spans days (in Shanghai). */
export function formatRange(startIso: string, endIso: string, lang: string): string {
  const sameDay = formatDate(startIso, lang, 'date') === formatDate(endIso, lang, 'date')
  if (sameDay) return `${formatDate(startIso, lang, 'date')} ${formatDate(startIso, lang, 'time')}–${formatDate(endIso, lang, 'time')}`
  return `${formatDate(startIso, lang, 'dateTime')} – ${formatDate(endIso, lang, 'dateTime')}`
}

export function timeValue(iso: string): number {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? 0 : t
}
