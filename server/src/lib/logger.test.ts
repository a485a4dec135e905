import type { DestinationStream } from 'pino'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createLogger, redactUrl } from './logger.ts'

function bufferLogger() {
  const lines: string[] = []
  const sink: DestinationStream = { write: (chunk: string) => { lines.push(chunk) } }
  return { log: createLogger({ LOG_LEVEL: 'debug' }, sink), text: () => lines.join('') }
}

describe('redactUrl', () => {
  it('replaces credential query values and keeps the rest as sent', () => {
    expect(redactUrl('/api/hotline/sessions/s1/calls.csv?token=dl_abc123&full=1')).toBe('/api/hotline/sessions/s1/calls.csv?token=[REDACTED]&full=1')
    expect(redactUrl('/api/x?a=1&download_token=q%2Bq&Password=hunter2&key=k#frag')).toBe('/api/x?a=1&download_token=[REDACTED]&Password=[REDACTED]&key=[REDACTED]')
    expect(redactUrl('/api/sessions/s1?since=12')).toBe('/api/sessions/s1?since=12')
  })
  it('masks phone and ID numbers in the path and the query, encoded or not', () => {
    expect(redactUrl('/api/find?phone=13912345678')).toBe('/api/find?phone=139****5678')
    expect(redactUrl('/api/find?q=%E7%94%B5%E8%AF%9D139%201234%205678')).toBe(`/api/find?q=${encodeURIComponent('电话139****5678')}`)
    expect(redactUrl('/api/people/430102199001011234')).toBe('/api/people/430102***********4')
  })
})

describe('createLogger', () => {
  it('writes no input values of a zod error, even one made with reportInput', () => {
    const { log, text } = bufferLogger()
    const r = z.object({ password: z.string().min(64), phone: z.string().max(3) }).safeParse({ password: 'hunter2-secret', phone: '13912345678' }, { reportInput: true })
    expect(JSON.stringify(r.error!.issues)).toContain('hunter2-secret')
    log.error({ err: r.error }, 'unexpected error')
    expect(text()).toContain('"path":["password"]')
    expect(text()).not.toContain('hunter2-secret')
    expect(text()).not.toContain('13912345678')
  })
  it('drops the raw body body-parser keeps on a JSON parse error, and masks numbers in messages', () => {
    const { log, text } = bufferLogger()
    // V8 quotes the start of a body it cannot parse ("Unexpected token 'h', "hunter2-se"... is not valid JSON").
    for (const body of ['{"password":"hunter2-secret","phone":"13912345678"', 'hunter2-secret 13912345678']) {
      let err = new Error()
      try { JSON.parse(body) } catch (e) { err = e as Error }
      // What body-parser adds to the SyntaxError it passes on.
      Object.assign(err, { body, type: 'entity.parse.failed', status: 400 })
      log.error({ err }, 'bad body')
    }
    log.error({ err: new Error('no row for caller 13912345678') }, 'lookup')
    expect(text()).toContain('malformed request body')
    expect(text()).not.toContain('hunter2')
    expect(text()).not.toContain('13912345678')
  })
  it('censors passwords and tokens passed by name', () => {
    const { log, text } = bufferLogger()
    log.info({ password: 'hunter2-secret', token: 'tok-secret', user: { password: 'p2-secret', citizenToken: 'ct-secret' } }, 'x')
    for (const s of ['hunter2-secret', 'tok-secret', 'p2-secret', 'ct-secret']) expect(text()).not.toContain(s)
  })
})
