import type { IncomingMessage } from 'node:http'
import ipaddr from 'ipaddr.js'
import proxyaddr from 'proxy-addr'

/**
 * The client's address for rate limits: X-Forwarded-For is believed only when the connection
 * comes from one of the configured proxies (the same rule Express applies to req.ip), so a
 * client reaching the port directly cannot choose its own address.
 */
export function createClientIp(trusted: string[]): (req: IncomingMessage) => string {
  const trust = proxyaddr.compile(trusted)
  return (req) => proxyaddr(req, trust)
}

/**
 * The key a per-address limit counts under: an IPv4 address (IPv4-mapped IPv6 included) as it is,
 * an IPv6 address by its /64 — one subscriber is usually given a whole /64 and can rotate through it.
 */
export function limitKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip
  let addr = ipaddr.parse(ip)
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address()
  if (addr.kind() === 'ipv4') return addr.toString()
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16))
  return `${parts.join(':')}::/64`
}
