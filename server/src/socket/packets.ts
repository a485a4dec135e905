import type { AckErr } from '@openday/protocol'
import type { Logger } from 'pino'
import { findIllFormed } from '../lib/unicode.ts'
import { metrics } from '../lib/metrics.ts'
import type { TypedSocket } from './types.ts'

// Every packet a socket sends passes here before any handler (socket.use): a budget per socket, so
// one script cannot take the event loop from everyone else, and well-formed text, so no handler
// sees half a surrogate pair. What is refused is answered on the packet's ack like any command's
// error; a socket that keeps flooding past its refusals is cut off.

const WINDOW_MS = 10_000

export interface PacketLimits { perSecond: number; strikes: number; penaltyMs: number }

/**
 * Devices (or, without a device token, addresses) recently cut off for flooding: a new socket would
 * start with a full budget, so reconnecting must not be a way around the cut. Their handshake is
 * refused until the penalty ends.
 */
export class FloodBox {
  private readonly until = new Map<string, number>()
  block(key: string, ms: number): void {
    this.until.set(key, Date.now() + ms)
    // Bounded: expired entries go whenever one is added.
    if (this.until.size > 1000) for (const [k, t] of this.until) if (t <= Date.now()) this.until.delete(k)
  }
  blocked(key: string): boolean {
    const t = this.until.get(key)
    if (t === undefined) return false
    if (t > Date.now()) return true
    this.until.delete(key)
    return false
  }
}
export const floodKey = (data: { citizenTokenHash: string | null; loginId: string | null; ipKey: string }) =>
  data.citizenTokenHash ? `t:${data.citizenTokenHash}` : data.loginId ? `l:${data.loginId}` : `ip:${data.ipKey}`

export function guardPackets(socket: TypedSocket, limits: PacketLimits, box: FloodBox, log: Logger): void {
  // Staff do things in bursts (approving a page of questions): a wider budget, still bounded.
  const rate = socket.data.actor ? limits.perSecond * 5 : limits.perSecond
  const burst = rate * 2
  let tokens = burst
  let refilled = Date.now()
  let strikes = 0
  let windowStart = refilled
  let cut = false

  socket.use((packet, next) => {
    const ack = typeof packet[packet.length - 1] === 'function' ? (packet[packet.length - 1] as (r: AckErr) => void) : null
    const refuse = (r: AckErr) => { if (ack) ack(r) }
    const now = Date.now()
    tokens = Math.min(burst, tokens + ((now - refilled) / 1000) * rate)
    refilled = now
    if (tokens < 1) {
      metrics.refused.inc({ via: 'socket' })
      if (now - windowStart > WINDOW_MS) { windowStart = now; strikes = 0 }
      if (++strikes >= limits.strikes && !cut) {
        cut = true
        metrics.cut.inc({ why: 'flood' })
        log.warn({ ip: socket.data.ip, event: packet[0], strikes }, 'socket cut off: command flood')
        box.block(floodKey(socket.data), limits.penaltyMs)
        refuse({ ok: false, code: 'RATE_LIMITED', message: 'too many commands: disconnected' })
        socket.disconnect(true)
        return
      }
      refuse({ ok: false, code: 'RATE_LIMITED', message: `more than ${rate} commands a second: slow down` })
      return
    }
    tokens -= 1
    const bad = findIllFormed(packet.slice(1, ack ? -1 : undefined))
    if (bad) { refuse({ ok: false, code: 'BAD_REQUEST', message: `${bad.replace(/^\d+\.?/, '') || 'payload'}: text must be well-formed Unicode (no lone surrogates)` }); return }
    next()
  })
}
