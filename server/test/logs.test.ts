import type { CallStaffDto } from '@openday/protocol'
import type { DestinationStream } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_HOTLINE_SESSION as HOTLINE, DEMO_LIVE_SESSION as LIVE, demoPassword } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, ok, send, startServer } from './harness.ts'
import { api, type Api, callPayload, refs } from './hotline-helpers.ts'

// Everything the server writes at debug level, read back as a log shipper would see it: no
// session token, password, citizen token or full personal number may be in any line.

const lines: string[] = []
const sink: DestinationStream = { write: (chunk: string) => { lines.push(...chunk.split('\n').filter(Boolean)) } }

let h: Harness
let a: Api
beforeAll(async () => {
  h = await startServer({ LOG_LEVEL: 'debug' }, undefined, undefined, { logTo: sink })
  a = api(h)
})
afterAll(async () => { await h?.close() })

const PHONE = '13987654321'
const PHONE_WIDE = '１３９．８７６５．４３２１'
const ID_NUMBER = '43010219850315123X'
const WRONG_PASSWORD = 'not-the-password-Zq81'
const DOWNLOAD_TOKEN = 'dl_4f9b2c7e1a0d8e3f6b5c'

/** The session token of a login, from its Set-Cookie header (`od_sid=<token>; Path=/; …`). */
async function loginCookie(username: string): Promise<{ cookie: string; token: string }> {
  const res = await a.post('/api/auth/login', null, { username, password: demoPassword(username) })
  expect(res.status).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  return { cookie, token: cookie.split('=')[1]! }
}

describe('log lines', () => {
  it('hold no token, password, citizen token or full number across logins, reveals, exports and errors', async () => {
    const secrets: string[] = [WRONG_PASSWORD, demoPassword('operator'), demoPassword('admin'), PHONE, ID_NUMBER, DOWNLOAD_TOKEN]

    expect((await a.post('/api/auth/login', null, { username: 'operator', password: WRONG_PASSWORD })).status).toBe(401)
    const op = await loginCookie('operator')
    const admin = await loginCookie('admin')
    secrets.push(op.token, admin.token)

    // A call logged over the operator's socket, then revealed (the response carries the number in clear).
    const r = await refs(h, op.cookie)
    const sock = await client(h.url, { cookie: op.cookie })
    const call = ok(await send(sock, 'call:log', callPayload(r, { phone: PHONE, content: `来电人身份证${ID_NUMBER}，回电${PHONE_WIDE}` })))
    // Stored (and broadcast) masked, however the operator typed the number into the content.
    expect(call.content).toBe('来电人身份证430102***********X，回电139****4321')
    const revealed = await a.json<{ phone: string }>(a.post(`/api/hotline/calls/${call.id}/reveal`, op.cookie))
    expect(revealed.phone).toBe(PHONE)
    // A malformed call: zod refuses it, and the refusal must not carry the values it was given.
    const bad = await send(sock, 'call:log', { ...callPayload(r, { phone: PHONE }), disposition: 'nonsense', password: WRONG_PASSWORD } as never)
    expect(bad.ok).toBe(false)
    sock.close()

    const csv = await a.get(`/api/hotline/sessions/${HOTLINE}/calls.csv`, op.cookie)
    expect(csv.status).toBe(200)
    expect(await csv.text()).toContain('139****4321')
    const calls = await a.json<CallStaffDto[]>(a.get(`/api/hotline/sessions/${HOTLINE}/calls`, op.cookie))
    expect(calls.some((c) => c.id === call.id)).toBe(true)

    // One-time download tokens ride in query strings (exports): the logged URL must not keep them.
    await a.get(`/api/hotline/sessions/${HOTLINE}/calls.csv?token=${DOWNLOAD_TOKEN}&full=0`, admin.cookie)

    // Malformed bodies: invalid JSON, and valid JSON that fails the schema, each with a password and a number.
    const raw = `{"username":"operator","password":"${WRONG_PASSWORD}","phone":"${PHONE}"`
    expect((await a.req('POST', '/api/auth/login', null, raw)).status).toBe(400)
    expect((await a.post('/api/auth/login', null, { username: 7, password: WRONG_PASSWORD, phone: PHONE })).status).toBe(400)
    expect((await a.post(`/api/hotline/calls/${call.id}/reveal?phone=${PHONE}`, op.cookie, { phone: PHONE })).status).toBe(200)

    // A citizen: the device token goes in the handshake, a number in the question (masked before storage).
    const token = await citizenToken(h.url)
    secrets.push(token)
    const citizen = await client(h.url, { citizenToken: token })
    ok(await send(citizen, 'question:submit', { sessionId: LIVE, clientId: clientId(), nickname: '市民', body: `我的电话是${PHONE}，请回电` }))
    expect((await send(citizen, 'question:submit', { sessionId: LIVE, clientId: 'short', nickname: PHONE, body: `电话${PHONE}` })).ok).toBe(false)
    citizen.close()

    expect((await a.post('/api/auth/logout', op.cookie)).status).toBe(200)
    expect((await a.post('/api/auth/logout', admin.cookie)).status).toBe(200)

    // The requests above were logged (else this test would prove nothing), with the token's place kept.
    const text = lines.join('\n')
    expect(lines.filter((l) => l.includes('/api/auth/login')).length).toBeGreaterThanOrEqual(4)
    expect(lines.some((l) => l.includes('/api/auth/logout'))).toBe(true)
    expect(lines.some((l) => l.includes('/reveal'))).toBe(true)
    // Session tokens first: the leak this test was written for (pino-http logged the login's Set-Cookie).
    for (const s of [op.token, admin.token, ...secrets]) {
      const hit = lines.find((l) => l.includes(s))
      expect(hit, `log line holds ${s}`).toBeUndefined()
    }
    expect(text).toContain('token=[REDACTED]')
    // Nor the number spelt any other way (separators between its digits).
    for (const l of lines) {
      expect(l.replace(/\D/g, ' ')).not.toMatch(/139\s*8765\s*4321/)
    }
  })
})
