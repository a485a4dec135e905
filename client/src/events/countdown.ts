import { useEffect, useState } from 'react'

/**
 * What the countdown says, by minutes: "3 天 4 小时后开始", "4 小时 5 分钟后开始", "5 分钟后开始",
 * "即将开始" in the last minute, and nothing once started. It changes once a minute at most, so a
 * screen reader hears it only when it is read, never second by second.
 */
export type Countdown =
  | { key: 'countdown.days'; days: number; hours: number }
  | { key: 'countdown.hours'; hours: number; minutes: number }
  | { key: 'countdown.minutes'; minutes: number }
  | { key: 'countdown.soon' }
  | null

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

export function countdown(nowMs: number, startsAtMs: number): Countdown {
  const left = startsAtMs - nowMs
  if (!(left > 0)) return null
  if (left < MIN) return { key: 'countdown.soon' }
  if (left >= DAY) return { key: 'countdown.days', days: Math.floor(left / DAY), hours: Math.floor((left % DAY) / HOUR) }
  if (left >= HOUR) return { key: 'countdown.hours', hours: Math.floor(left / HOUR), minutes: Math.floor((left % HOUR) / MIN) }
  return { key: 'countdown.minutes', minutes: Math.floor(left / MIN) }
}

/** The current time, refreshed at each turn of the minute (what the countdown needs, and no more). */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      setNow(Date.now())
      timer = setTimeout(tick, MIN - (Date.now() % MIN) + 50)
    }
    timer = setTimeout(tick, MIN - (Date.now() % MIN) + 50)
    return () => clearTimeout(timer)
  }, [])
  return now
}
