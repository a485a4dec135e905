import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createServer as createHttp, type RequestListener, type Server } from 'node:http'
import { createServer as createHttps } from 'node:https'
import { join } from 'node:path'
import type { Config } from '../config.ts'

/**
 * Browsers give camera and microphone only to secure pages (https, or http on localhost), so a
 * studio on another machine needs HTTPS: from a certificate and key the operator provides, or a
 * self-signed one for a rehearsal on a LAN. Behind a TLS-terminating reverse proxy, neither is set.
 */
export function createWebServer(handler: RequestListener, config: Config): Server {
  const tls = tlsFiles(config)
  if (!tls) return createHttp(handler)
  return createHttps({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, handler)
}

function tlsFiles(config: Config): { cert: string; key: string } | null {
  if (config.TLS_CERT_FILE && config.TLS_KEY_FILE) return { cert: config.TLS_CERT_FILE, key: config.TLS_KEY_FILE }
  if (!config.TLS_SELF_SIGNED) return null
  const dir = join(config.DATA_DIR, 'tls')
  const files = { cert: join(dir, 'self-signed.crt'), key: join(dir, 'self-signed.key') }
  if (existsSync(files.cert) && existsSync(files.key)) return files
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const host = new URL(config.PUBLIC_URL).hostname
  const san = /^[\d.]+$/.test(host) ? `IP:${host}` : `DNS:${host}`
  // openssl is part of every Debian install; a 398-day certificate is the most browsers accept.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '398',
    '-subj', `/CN=${host}/O=OpenDay rehearsal`, '-addext', `subjectAltName=${san},DNS:localhost,IP:127.0.0.1`,
    '-keyout', files.key, '-out', files.cert,
  ], { stdio: 'pipe' })
  return files
}
