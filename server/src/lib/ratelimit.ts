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

/** A limit per staff member (e.g. calls one operator logs): staff are few and logged in, no IP limit needed. */
export class KeyedLimiter {
  private readonly limiter: RateLimiterMemory

  constructor(points: number, windowS: number, private readonly what: string) {
    this.limiter = new RateLimiterMemory({ points, duration: windowS })
  }

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key)
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        throw new AppError('RATE_LIMITED', `too many ${this.what}; try again in ${Math.ceil(err.msBeforeNext / 1000)} s`)
      }
      throw err
    }
  }
}
