// An independent oracle for the dates the pages show. Every date is shown in Beijing time whatever
// zone the browser or the test runner is in (the specs run with TZ=Asia/Shanghai and
// TZ=America/New_York), so the expected strings are computed here with an explicit zone.
export const USERS_ZONE = 'Asia/Shanghai'

const STYLES = {
  dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  timeSeconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

export function beijing(iso: string | Date, style: keyof typeof STYLES, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN'
  return new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: USERS_ZONE }).format(new Date(iso))
}

/** The calendar day (YYYY-MM-DD) of an instant in Beijing. */
export function beijingDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: USERS_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/**
 * "Within N working days" (Monday to Friday, no holidays configured): the end of the N-th working
 * day after the Beijing day of `from`, 23:59:59.999 Beijing time (UTC+8, no DST), as an ISO string.
 */
export function replyDeadline(from: Date, workingDays: number): string {
  const [y, m, d] = beijingDay(from).split('-').map(Number) as [number, number, number]
  let t = Date.UTC(y, m - 1, d)
  let left = workingDays
  while (left > 0) {
    t += 86_400_000
    const dow = new Date(t).getUTCDay()
    if (dow !== 0 && dow !== 6) left--
  }
  // 23:59:59.999 at UTC+8 is 15:59:59.999 UTC the same day.
  return new Date(t + 15 * 3_600_000 + 59 * 60_000 + 59_999).toISOString()
}
