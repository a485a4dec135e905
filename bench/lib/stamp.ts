import { performance } from 'node:perf_hooks'

/**
 * Wall-clock milliseconds with sub-millisecond precision. Senders and receivers are processes on
 * the same machine, so they share this clock; latency = receive now() - the send time in the content.
 */
export const now = (): number => performance.timeOrigin + performance.now()

/** Appends the measurement tag and the send time to a text body (what receivers parse back). */
export function stampBody(text: string, tag: string, at = now()): string {
  return `${text} k=${tag} t=${at.toFixed(3)}`
}

const STAMP = / k=([A-Za-z0-9_.-]+) t=(\d+\.\d+)$/

export function readStamp(body: string): { tag: string; t: number } | null {
  const m = STAMP.exec(body)
  return m ? { tag: m[1]!, t: Number(m[2]) } : null
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Transcript-like Chinese text of about `len` characters (what a live record really carries). */
const SAMPLE = '今年我们围绕稳就业出台了一揽子措施，包括创业担保贷款、一次性创业补贴和高校毕业生就业见习补贴。符合条件的个人可申请最高三十万元的创业担保贷款，财政给予贴息。'
export function sampleText(len: number): string {
  let s = ''
  while (s.length < len) s += SAMPLE
  return s.slice(0, Math.max(2, len))
}
