import { readFileSync } from 'node:fs'
import { get } from 'node:https'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Harness, startServer } from './harness.ts'

let h: Harness
beforeAll(async () => { h = await startServer({ TLS_SELF_SIGNED: 'true', PUBLIC_URL: 'https://localhost:3443', MEDIA_ENABLED: 'false' }) })
afterAll(async () => { await h?.close() })

it('serves HTTPS with a self-signed certificate made at start-up, valid for the public host name', async () => {
  const ca = readFileSync(join(h.dataDir, 'tls/self-signed.crt'))
  const port = new URL(h.url).port
  // Verified against the certificate itself, with the host name checked: not "ignore TLS errors".
  const body = await new Promise<string>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/api/health', servername: 'localhost', ca }, (res) => {
      let s = ''
      res.on('data', (c) => (s += c))
      res.on('end', () => resolve(s))
    }).on('error', reject)
  })
  expect(JSON.parse(body)).toEqual({ ok: true })
  expect('setSecureContext' in h.app.http).toBe(true)
})
