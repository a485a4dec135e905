// An instant's calendar date and a wall-clock time's instant in a given zone (the office's,
// Asia/Shanghai), never the machine's: the server's deadlines and the protocol's deadline judgement
// share these.

/** The calendar date (y, m, d) of an instant in a zone. */
export function zonedDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at)
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  return { y: get('year'), m: get('month'), d: get('day') }
}

/** The zone's UTC offset in minutes at an instant (e.g. +480 for Asia/Shanghai). */
function offsetMinutes(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  if (!m) return 0
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
}

/** The instant of a local wall-clock time in a zone. */
export function zonedTime(y: number, m: number, d: number, hh: number, mm: number, ss: number, ms: number, timeZone: string): Date {
  const guess = Date.UTC(y, m - 1, d, hh, mm, ss, ms)
  // Two passes settle the offset even across a DST change.
  let t = guess - offsetMinutes(new Date(guess), timeZone) * 60_000
  t = guess - offsetMinutes(new Date(t), timeZone) * 60_000
  return new Date(t)
}
