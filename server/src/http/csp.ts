/**
 * CSP `connect-src`: the page's own origin and the configured ones (PUBLIC_URL, ALLOWED_ORIGINS),
 * each in its http(s) and ws(s) form. A bare `ws:`/`wss:` would let an injected script open a
 * socket to any host; `'self'` covers same-origin WebSockets only in CSP3 browsers (recent
 * Chromium, Firefox), so the ws(s) forms are listed explicitly for the older ones.
 */
export function connectSources(origins: Iterable<string>): string[] {
  const sources = new Set(["'self'"])
  for (const origin of origins) {
    const url = new URL(origin)
    sources.add(url.origin)
    sources.add(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`)
  }
  return [...sources]
}
