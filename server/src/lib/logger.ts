import { type DestinationStream, pino, type Logger, stdSerializers } from 'pino'
import type { Config } from '../config.ts'
import { maskPersonalData } from './mask.ts'

// Logs are shipped, kept and read by people who may not see personal data or hold staff logins:
// nothing that grants access (session cookies, one-time download tokens) or identifies a citizen
// (phone and ID numbers) may be written, whatever the level.

export const REDACTED = '[REDACTED]'

/** Headers whose value is a credential, in either direction (request cookie, response Set-Cookie). */
const SECRET_HEADER = /^(?:cookie|set-cookie|authorization|proxy-authorization)$|token|secret|api-?key/i
/** Headers that carry a URL, which may hold a token or a number in its query string. */
const URL_HEADER = new Set(['referer', 'location', 'content-location'])
/** Query parameters whose value is a credential (`?token=` of a one-time export download, and the like). */
const SECRET_PARAM = /token|passw(?:or)?d|secret|signature|^sig$|^key$|^sid$/i

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    return part
  }
}

/** One path segment or query value: masked only where it holds a number, else left exactly as sent. */
function maskPart(part: string): string {
  const plain = decode(part)
  const masked = maskPersonalData(plain)
  return masked === plain ? part : encodeURIComponent(masked).replace(/%2A/gi, '*')
}

/** A URL as it may be logged: credential query values replaced, phone and ID numbers masked. */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#')
  const bare = hash < 0 ? url : url.slice(0, hash)
  const q = bare.indexOf('?')
  const path = (q < 0 ? bare : bare.slice(0, q)).split('/').map(maskPart).join('/')
  if (q < 0) return path
  const query = bare.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=')
    if (eq < 0) return maskPart(pair)
    const name = pair.slice(0, eq)
    return `${maskPart(name)}=${SECRET_PARAM.test(decode(name)) ? REDACTED : maskPart(pair.slice(eq + 1))}`
  }).join('&')
  return `${path}?${query}`
}

function redactHeaders(headers: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (SECRET_HEADER.test(name)) out[name] = REDACTED
    else if (URL_HEADER.has(name.toLowerCase()) && typeof value === 'string') out[name] = redactUrl(value)
    else out[name] = value
  }
  return out
}

type Serialized = Record<string, unknown>

/** The thrown error behind pino's serialized copies (pino-http serializes before our serializer runs). */
function originalOf(err: unknown): Serialized {
  let e = err as Serialized
  for (let i = 0; i < 3 && e && typeof e === 'object' && e.raw && e.raw !== e; i++) e = e.raw as Serialized
  return e ?? {}
}

/**
 * Errors without the input that caused them: body-parser keeps the raw body on a parse error,
 * zod issues keep `input` when asked to, and messages (Prisma's quote the call) may hold a number.
 */
export function errSerializer(err: unknown): unknown {
  const e = stdSerializers.err(err as Error) as unknown as Serialized
  if (!e || typeof e !== 'object') return e
  const out: Serialized = { ...e }
  delete out.body
  delete out.input
  // A ZodError's message is its issues as JSON; V8's JSON.parse message quotes the start of the body.
  let message: string | null = null
  const issues = originalOf(err).issues ?? out.issues
  if (Array.isArray(issues)) {
    out.issues = (issues as Serialized[]).map((i) => ({ code: i.code, path: i.path, message: i.message }))
    message = 'invalid input'
  } else if ('body' in e || out.type === 'entity.parse.failed') {
    message = 'malformed request body'
  }
  if (message !== null) {
    if (typeof out.stack === 'string' && typeof out.message === 'string') out.stack = out.stack.replace(out.message, message)
    out.message = message
  }
  for (const key of ['message', 'stack'] as const) {
    if (typeof out[key] === 'string') out[key] = maskPersonalData(out[key])
  }
  return out
}

/**
 * pino-http's serializers: they receive pino's standard request/response objects. `query` and
 * `params` are dropped (they repeat the URL, unredacted).
 */
export const httpLogSerializers = {
  req: (req: Serialized) => ({
    id: req.id, method: req.method, url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    headers: redactHeaders(req.headers), remoteAddress: req.remoteAddress, remotePort: req.remotePort,
  }),
  res: (res: Serialized) => ({ statusCode: res.statusCode, headers: redactHeaders(res.headers) }),
  err: errSerializer,
}

/** `destination` defaults to stdout; tests pass a buffer to read what would be logged. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino({
    level: config.LOG_LEVEL,
    serializers: { err: errSerializer },
    // Whatever a log call passes by these names (the HTTP serializers above cover requests).
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'password', '*.password', 'token', '*.token', 'citizenToken', '*.citizenToken'], censor: REDACTED },
  }, destination)
}
