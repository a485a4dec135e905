/**
 * A latency histogram with log-spaced buckets (1 % wide), so millions of samples from many worker
 * processes cost a fixed ~2k counters each and merge by addition. Percentiles are accurate to ~1 %.
 */
const MIN_MS = 0.01
const GROWTH = 1.01
const LOG_GROWTH = Math.log(GROWTH)
const BUCKETS = Math.ceil(Math.log(3_600_000 / MIN_MS) / LOG_GROWTH) + 2

export interface HistJson { counts: [number, number][]; n: number; sum: number; max: number; min: number; negative: number }

export class Hist {
  private counts = new Float64Array(BUCKETS)
  n = 0
  sum = 0
  max = -Infinity
  min = Infinity
  /** Samples below zero: the sender's and receiver's clocks disagree (same machine: should stay 0). */
  negative = 0

  record(ms: number): void {
    if (!Number.isFinite(ms)) return
    if (ms < 0) this.negative++
    const i = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH))
    this.counts[i]!++
    this.n++
    this.sum += ms
    if (ms > this.max) this.max = ms
    if (ms < this.min) this.min = ms
  }

  merge(other: Hist | HistJson): this {
    const o = other instanceof Hist ? other.toJSON() : other
    for (const [i, c] of o.counts) this.counts[i]! += c
    this.n += o.n
    this.sum += o.sum
    this.negative += o.negative
    if (o.n) {
      this.max = Math.max(this.max, o.max)
      this.min = Math.min(this.min, o.min)
    }
    return this
  }

  /** The value below which a fraction p (0..1) of the samples lie; NaN when empty. */
  percentile(p: number): number {
    if (this.n === 0) return NaN
    const rank = Math.max(1, Math.ceil(p * this.n))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!
      if (seen >= rank) {
        if (i === 0) return Math.max(0, Math.min(this.min, MIN_MS))
        // Geometric middle of the bucket, clamped to what was actually seen.
        const mid = MIN_MS * GROWTH ** (i - 0.5)
        return Math.min(this.max, Math.max(this.min, mid))
      }
    }
    return this.max
  }

  get mean(): number { return this.n ? this.sum / this.n : NaN }

  summary(): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
    return { n: this.n, p50: this.percentile(0.5), p95: this.percentile(0.95), p99: this.percentile(0.99), max: this.n ? this.max : NaN, mean: this.mean }
  }

  toJSON(): HistJson {
    const counts: [number, number][] = []
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) counts.push([i, this.counts[i]!])
    return { counts, n: this.n, sum: this.sum, max: this.max, min: this.min, negative: this.negative }
  }

  static from(json: HistJson): Hist { return new Hist().merge(json) }
}
