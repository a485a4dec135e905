import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createClientIp, limitKey } from './client-ip.ts'

const req = (remoteAddress: string, xff?: string) =>
  ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as unknown as IncomingMessage

describe('client address', () => {
  it('ignores X-Forwarded-For from a client that is not a configured proxy', () => {
    const ip = createClientIp(['127.0.0.1'])
    expect(ip(req('203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9')
    expect(ip(req('127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7')
    // A forged entry to the left of what the proxy saw is not believed either.
    expect(ip(req('127.0.0.1', '1.2.3.4, 198.51.100.7'))).toBe('198.51.100.7')
    expect(createClientIp([])(req('127.0.0.1', '1.2.3.4'))).toBe('127.0.0.1')
  })

  it('trusts subnets and named ranges', () => {
    const ip = createClientIp(['10.0.0.0/8', 'loopback'])
    expect(ip(req('10.1.2.3', '198.51.100.7'))).toBe('198.51.100.7')
    expect(ip(req('::1', '198.51.100.8'))).toBe('198.51.100.8')
    expect(ip(req('192.168.0.2', '198.51.100.7'))).toBe('192.168.0.2')
  })
})

describe('limit keys', () => {
  it('counts an IPv6 client by its /64 and IPv4 as is', () => {
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe(limitKey('2001:db8:1:2:ffff:ffff:ffff:ffff'))
    expect(limitKey('2001:db8:1:2::1')).not.toBe(limitKey('2001:db8:1:3::1'))
    expect(limitKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(limitKey('198.51.100.7')).toBe('198.51.100.7')
    expect(limitKey('::ffff:198.51.100.7')).toBe('198.51.100.7')
    expect(limitKey('not an ip')).toBe('not an ip')
  })
})
