import { sha256 } from '../auth/service.ts'
import { limitKey } from '../../http/client-ip.ts'
import { KeyedLimiter } from '../../lib/ratelimit.ts'
import type { TokenSigner } from './tokens.ts'

export interface CitizenTokenOptions { signer: TokenSigner; perIp: number; windowS: number }

/**
 * Device tokens for citizens. Limits per device only mean something if devices cost something:
 * tokens are issued here at a bounded rate per address (IPv6 per /64), and only issued tokens count.
 */
export function createCitizenService({ signer, perIp, windowS }: CitizenTokenOptions) {
  const issuance = new KeyedLimiter(perIp, windowS, 'new device tokens from this address')
  return {
    async issue(ip: string): Promise<string> {
      await issuance.consume(limitKey(ip))
      return signer.issue()
    },
    /** The stored identity (SHA-256) of a token this server issued; null for anything else. */
    hashOf(token: unknown): string | null {
      return typeof token === 'string' && signer.verify(token) ? sha256(token) : null
    },
  }
}
export type CitizenService = ReturnType<typeof createCitizenService>
