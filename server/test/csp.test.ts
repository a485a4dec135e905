import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startServer } from './harness.ts'

// The Content-Security-Policy every response carries: pages may open sockets to their own origin
// and the configured ones, never to any host.

let h: Harness
beforeAll(async () => {
  h = await startServer({
    PUBLIC_URL: 'https://openday.example.gov.cn',
    ALLOWED_ORIGINS: 'http://localhost:5173, https://studio.example.gov.cn:8443',
    MEDIA_ENABLED: 'false',
  })
})
afterAll(async () => { await h?.close() })

async function directive(path: string, name: string): Promise<string[]> {
  const csp = (await fetch(`${h.url}${path}`)).headers.get('content-security-policy') ?? ''
  const found = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)
  expect(found, `${name} in ${csp}`).toBeDefined()
  return found!.slice(1)
}

describe('CSP connect-src', () => {
  it('lists the page\'s own origin and each configured origin in http(s) and ws(s) form, and no scheme-wide source', async () => {
    const sources = await directive('/api/health', 'connect-src')
    expect(sources).not.toContain('ws:')
    expect(sources).not.toContain('wss:')
    // Any source without a host (a bare scheme, or a wildcard) would reach every host.
    for (const s of sources) expect(s === "'self'" || /^(?:https?|wss?):\/\/[^*/]+$/.test(s), s).toBe(true)
    expect(sources.sort()).toEqual([
      "'self'",
      'http://localhost:5173', 'ws://localhost:5173',
      'https://openday.example.gov.cn', 'wss://openday.example.gov.cn',
      'https://studio.example.gov.cn:8443', 'wss://studio.example.gov.cn:8443',
    ].sort())
    // The same on every response, errors included.
    expect((await directive('/api/no-such-endpoint', 'connect-src')).sort()).toEqual(sources)
  })
})
