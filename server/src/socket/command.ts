import type { Ack, ClientToServerEvents } from '@openday/protocol'
import { metrics } from '../lib/metrics.ts'
import type { Logger } from 'pino'
import type { z } from 'zod'
import { AppError, toAckError } from '../lib/errors.ts'
import { drainGate } from './drain.ts'
import type { TypedSocket } from './types.ts'

type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends (res: Ack<infer T>) => void ? T : never

/** Larger command payloads are refused before parsing (transcript entries are the biggest, ~5k chars). */
export const MAX_COMMAND_BYTES = 32 * 1024

/**
 * Registers one command: size check -> zod parse -> the handler -> ack. Every outcome answers the
 * ack with `{ok:true,data}` or `{ok:false,code,message}`; unknown errors become INTERNAL.
 * A command sent without an ack callback is ignored: there would be no way to report the result.
 */
export function command<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  socket: TypedSocket,
  log: Logger,
  event: E,
  schema: S,
  handler: (input: z.output<S>) => Promise<AckData<E>>,
): void {
  const listener = async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return
    const done = metrics.commands.startTimer({ command: event })
    const gate = drainGate(socket.nsp.server)
    const reply = (r: Ack<AckData<E>>) => {
      done({ outcome: r.ok ? 'ok' : r.code })
      if (!r.ok && r.code === 'RATE_LIMITED') metrics.refused.inc({ via: 'socket' })
      ;(ack as (r: Ack<AckData<E>>) => void)(r)
    }
    // Stopping: not started at all, and said so (the retry goes to the restarted server).
    if (!gate.enter()) { reply({ ok: false, code: 'UNAVAILABLE', message: 'the server is restarting: try again' }); return }
    try {
      if (Buffer.byteLength(JSON.stringify(payload ?? null)) > MAX_COMMAND_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `payload over ${MAX_COMMAND_BYTES} bytes`)
      const input = schema.parse(payload)
      reply({ ok: true, data: await handler(input) })
    } catch (err) {
      reply(toAckError(err, log.child({ event })))
    } finally {
      gate.leave()
    }
  }
  socket.on(event, listener as never)
}
