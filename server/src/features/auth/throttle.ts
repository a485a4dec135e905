import { AppError } from '../../lib/errors.ts'

/**
 * Slows password guessing against one account, from however many addresses: after `free` failed
 * tries each further try must wait 1 s, 2 s, 4 s … up to `maxWaitS`. A backoff rather than a
 * lock-out, so that someone failing on purpose cannot keep a leader out of the studio for long.
 * In-process, like the other limits (several processes each keep their own count).
 */
export class LoginThrottle {
  private readonly fails = new Map<string, { count: number; lastAt: number }>()

  constructor(private readonly free: number, private readonly maxWaitS: number) {}

  /** Throws RATE_LIMITED while the account must still wait after its last failure. */
  check(account: string, now = Date.now()): void {
    const f = this.fails.get(account)
    if (!f || f.count < this.free) return
    const waitMs = this.waitS(f.count) * 1000
    const left = f.lastAt + waitMs - now
    if (left > 0) throw new AppError('RATE_LIMITED', `too many failed logins for this account; try again in ${Math.ceil(left / 1000)} s`)
  }

  failed(account: string, now = Date.now()): void {
    const f = this.fails.get(account)
    // A failure long after the last one starts counting again.
    const stale = f && now - f.lastAt > this.maxWaitS * 2000
    this.fails.set(account, { count: !f || stale ? 1 : f.count + 1, lastAt: now })
    if (this.fails.size > 10_000) this.forgetOld(now)
  }

  succeeded(account: string): void {
    this.fails.delete(account)
  }

  private waitS(count: number): number {
    return Math.min(this.maxWaitS, 2 ** (count - this.free))
  }

  private forgetOld(now: number): void {
    for (const [k, f] of this.fails) if (now - f.lastAt > this.maxWaitS * 2000) this.fails.delete(k)
  }
}
