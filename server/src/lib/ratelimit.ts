import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { AppError } from './errors.ts'

/**
 * Rate limits by citizen device and by IP. Both are needed: a token is free to make, and many
 * citizens can share one IP (a school, a mobile carrier's NAT), so the IP limit is looser.
 */
export class DualLimiter {
  private readonly byToken: RateLimiterMemory
  private readonly byIp: RateLimiterMemory

  constructor(perToken: number, perIp: number, windowS: number, private readonly what: string) {
    this.byToken = new RateLimiterMemory({ points: perToken, duration: windowS })
    this.byIp = new RateLimiterMemory({ points: perIp, duration: windowS })
  }

  async consume(token: string | null, ip: string): Promise<void> {
    try {
      // The device first: a device over its own limit is refused without spending its address's
      // allowance, which its neighbours behind the same NAT share.
      if (token) await this.byToken.consume(token)
      await this.byIp.consume(ip)
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        throw new AppError('RATE_LIMITED', `too many ${this.what}; try again in ${Math.ceil(err.msBeforeNext / 1000)} s`)
      }
      throw err
    }
  }
}

/**
 * A limit per staff member (e.g. calls one operator logs): staff are few and logged in, no IP limit
 * needed. A request may cost several points (a full export costs one per row in clear); one that
 * does not fit in what is left is refused whole and spends nothing.
 */
export class KeyedLimiter {
  private readonly limiter: RateLimiterMemory

  constructor(private readonly points: number, private readonly windowS: number, private readonly what: string) {
    this.limiter = new RateLimiterMemory({ points, duration: windowS })
  }

  async consume(key: string, points = 1): Promise<void> {
    if (points <= 0) return
    // No wait would make it fit: say so rather than "try again".
    if (points > this.points) throw new AppError('RATE_LIMITED', `${points} ${this.what} at once is more than the ${this.points} allowed per ${this.windowS} s`)
    try {
      await this.limiter.consume(key, points)
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        // rate-limiter-flexible counts a refused request's points too: give them back, or one
        // refused export would use up what is left.
        await this.limiter.reward(key, points)
        const asked = points > 1 ? ` (${points} asked, ${Math.max(0, this.points - (err.consumedPoints - points))} left)` : ''
        throw new AppError('RATE_LIMITED', `too many ${this.what}${asked}; try again in ${Math.ceil(err.msBeforeNext / 1000)} s`)
      }
      throw err
    }
  }
}
