import { existsSync } from 'node:fs'
import { isIP } from 'node:net'
import { z } from 'zod'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])
const TrustProxy = z.string().transform((s, ctx) => {
  if (['', '0', 'false'].includes(s.trim())) return []
  const list = s.split(',').map((x) => x.trim()).filter(Boolean)
  for (const item of list) {
    if (/^\d+$/.test(item)) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is a hop count; give the proxies' addresses instead (e.g. TRUST_PROXY=127.0.0.1 or 10.0.0.0/8), so only they can set X-Forwarded-For` })
      return z.NEVER
    }
    if (!PROXY_NAMES.has(item) && isIP(item.split('/')[0] ?? '') === 0) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not an IP address, a subnet or one of loopback, linklocal, uniquelocal` })
      return z.NEVER
    }
  }
  return list
})

// Where Debian's fonts-noto-cjk (the project's setup installs it) puts the CJK collections.
const PDF_FONT_CANDIDATES = ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc']

/** Every setting OpenDay reads, parsed once at start-up. */
const ConfigShape = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address people open; also the default allowed Origin. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** Extra origins allowed to open sockets and send mutating requests (comma separated). */
  ALLOWED_ORIGINS: csv.default([]),
  DATABASE_URL: z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgresql://').default(`file:${join(REPO_ROOT, 'data/openday.db')}`),
  DATA_DIR: z.string().default(join(REPO_ROOT, 'data')),
  MIGRATE_ON_START: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR subnets, or proxy-addr's
   * names loopback/linklocal/uniquelocal; comma separated), for the client IP in rate limits. A
   * count of hops is refused: with the port reachable directly, anyone could forge the header.
   */
  TRUST_PROXY: TrustProxy.default([]),
  COOKIE_SECURE: bool.optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** A staff login unused (no request, no command) this long ends, beside the absolute expiry. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  /** How often open staff sockets are checked for logins that expired or went idle. */
  AUTH_SWEEP_SECONDS: z.coerce.number().positive().default(30),
  // GET /metrics: without a token only from this machine (not through a proxy); with one, to its bearer.
  METRICS_TOKEN: z.string().default(''),
  /** On SIGTERM, how long commands and writes already under way may take to finish before the sockets close. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** The users' zone: working-day deadlines are counted in it. */
  TIMEZONE: z.string().default('Asia/Shanghai'),
  REPLY_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  // Days after an event its lead unit's summary (经验总结) is due by default; the admin changes it in the UI.
  SUMMARY_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  // Survey responses from one address above which the results flag them for review (a school or
  // an office shares one address: a flag, never a refusal).
  SURVEY_IP_FLAG_OVER: z.coerce.number().int().min(1).default(20),
  // Survey responses one device may send per minute, over all surveys (one per survey anyway).
  RATE_SURVEY_PER_DEVICE: z.coerce.number().int().min(1).default(10),
  // The number citizens call on a hotline day, shown on its preview page.
  HOTLINE_NUMBER: z.string().regex(/^[0-9+\- ]{3,20}$/, 'digits, +, - or spaces').default('12345'),
  /** Live frames leave at most this often per session (ms): coalescing is what makes 10k viewers cheap. */
  FRAME_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(100),
  /** Upvote counts and viewer counts are sent at most this often (ms). */
  TALLY_INTERVAL_MS: z.coerce.number().int().min(50).max(10000).default(1000),
  /**
   * Sockets a session's frame is written to per turn of the event loop (0: the whole room at once).
   * Measured with 10,000 viewers (BENCHMARKS.md): 500 cuts command acks' p99 ~8x but adds ~25 % to
   * delivery p95, so one pass is the default and chunks are for rooms where acks matter more.
   */
  FRAME_CHUNK: z.coerce.number().int().min(0).max(1000000).default(0),
  RATE_QUESTIONS_PER_TOKEN: z.coerce.number().int().min(1).default(5),
  RATE_QUESTIONS_PER_IP: z.coerce.number().int().min(1).default(60),
  RATE_VOTES_PER_TOKEN: z.coerce.number().int().min(1).default(60),
  RATE_VOTES_PER_IP: z.coerce.number().int().min(1).default(1200),
  /** Window of the rate limits above, seconds. */
  RATE_WINDOW_S: z.coerce.number().int().min(1).default(60),
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(20),
  /** Failed logins of one account (from anywhere) before each further try must wait, doubling. */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** The longest wait between tries of an account after repeated failures (seconds). */
  LOGIN_BACKOFF_MAX_S: z.coerce.number().int().min(1).default(900),
  /** Citizen device tokens issued per IP (IPv6: per /64) per RATE_TOKENS_WINDOW_S. */
  RATE_TOKENS_PER_IP: z.coerce.number().int().min(1).default(120),
  RATE_TOKENS_WINDOW_S: z.coerce.number().int().min(1).default(600),
  /** session:join per socket and per IP per RATE_WINDOW_S (a join builds a snapshot: not free). */
  RATE_JOINS_PER_SOCKET: z.coerce.number().int().min(1).default(30),
  RATE_JOINS_PER_IP: z.coerce.number().int().min(1).default(3000),
  /** session:page (older history, at most 100 items each) per socket and per IP per RATE_WINDOW_S. */
  RATE_PAGES_PER_SOCKET: z.coerce.number().int().min(1).default(120),
  RATE_PAGES_PER_IP: z.coerce.number().int().min(1).default(6000),
  /**
   * Commands one socket may send per second, all kinds together (staff sockets 5×): far above any
   * person's pace, so only a script hits it. Up to twice as many pass in a burst.
   */
  SOCKET_COMMANDS_PER_S: z.coerce.number().int().min(1).default(20),
  /** Refusals for flooding within 10 s after which the socket is cut off (its client may reconnect, and is refused again). */
  SOCKET_FLOOD_STRIKES: z.coerce.number().int().min(1).default(200),
  /** How long a device (or an address without one) cut off for flooding may not reconnect. */
  SOCKET_FLOOD_PENALTY_S: z.coerce.number().int().min(0).default(30),
  /**
   * socket.io's heartbeat: a ping every interval, and a connection with no pong this long after it
   * is dead (a phone gone into a tunnel, a server frozen). The client needs no setting: it learns
   * both at the handshake and gives up on a silent server after their sum.
   */
  SOCKET_PING_INTERVAL_MS: z.coerce.number().int().min(500).default(25_000),
  SOCKET_PING_TIMEOUT_MS: z.coerce.number().int().min(500).default(20_000),
  /** Open sockets per IP (per process). High: a whole office or school shares one address. */
  MAX_SOCKETS_PER_IP: z.coerce.number().int().min(1).default(2000),
  /** Questions and live-record entries in a join's snapshot; older ones are paged (session:page). */
  SNAPSHOT_LIMIT: z.coerce.number().int().min(10).max(5000).default(200),
  /** How long one public snapshot serves every join of a session (its upvote counts may be this old). */
  SNAPSHOT_TTL_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  /** HTTPS (browsers allow camera and microphone only on https or localhost): PEM files... */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** ...or a self-signed certificate made at start-up (kept in DATA_DIR/tls) for a LAN rehearsal. */
  TLS_SELF_SIGNED: bool.default(false),
  /** mediasoup SFU for video sessions; off = text sessions only (media:* answers UNAVAILABLE). */
  MEDIA_ENABLED: bool.default(true),
  /** mediasoup worker processes; default one per CPU core. */
  MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Address WebRTC transports bind to (0.0.0.0 for every interface). */
  MEDIA_LISTEN_IP: z.string().default('127.0.0.1'),
  /** Public IP or host name put in ICE candidates when the server is behind NAT or binds 0.0.0.0. */
  MEDIA_ANNOUNCED_ADDRESS: z.string().optional(),
  MEDIA_RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  MEDIA_RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49999),
  /** Consumers on one router before new viewers are served from another worker (pipeToRouter). */
  MEDIA_MAX_CONSUMERS_PER_ROUTER: z.coerce.number().int().min(1).default(400),
  /** WebRTC viewers per session; beyond it viewers watch the HLS stream. */
  WEBRTC_AUDIENCE_LIMIT: z.coerce.number().int().min(0).default(1000),
  /** Record each video session's stage (ffmpeg) and publish it as HLS while live. */
  RECORDING_ENABLED: bool.default(true),
  FFMPEG_PATH: z.string().default('ffmpeg'),
  /**
   * The master key for personal data at rest (callers' names and numbers): 32 bytes in base64,
   * or a file holding it. Required unless DEMO_MODE; checked at start against the database.
   */
  DATA_ENCRYPTION_KEY: z.string().optional(),
  DATA_ENCRYPTION_KEY_FILE: z.string().optional(),
  /** A demo (`npm run demo`): without a key, DATA_DIR/secret.key is made and used. Never in production. */
  DEMO_MODE: bool.default(false),
  /** Full numbers one person may reveal one by one per RATE_WINDOW_S, so a session cannot be harvested click by click. */
  RATE_REVEALS_PER_USER: z.coerce.number().int().min(1).default(30),
  /**
   * Rows with names and numbers in clear one person may export per RATE_EXPORT_WINDOW_S (each row
   * of a full export costs one; an export that does not fit is refused whole). Its own allowance,
   * not the reveals': a hotline day has dozens to a few hundred calls, and the city office exports
   * it as XLSX and CSV and its work orders too, which fits in 1,000 rows an hour, while a stolen
   * or misused admin login gets no more an hour than the reveals already allow (30 a minute), each
   * export audited with its row count. A full export of more than the whole allowance (a year of
   * work orders, unfiltered) is never made: filter it, or raise this for that one occasion.
   */
  RATE_EXPORT_ROWS_PER_USER: z.coerce.number().int().min(1).default(1000),
  RATE_EXPORT_WINDOW_S: z.coerce.number().int().min(1).default(3600),
  /** Hotline calls one operator may log per RATE_WINDOW_S (a call takes about 15 s to log). */
  RATE_CALLS_PER_OPERATOR: z.coerce.number().int().min(1).default(30),
  /**
   * How long a page of the public archive list is served from memory (ms; 0 = not cached). Archiving
   * a session drops the pages at once (in this process); other processes, and a change of an
   * event's publication, show within this time.
   */
  ARCHIVE_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** The issuing office printed on the annual plan (DOCX/PDF) — the seed's 发文机关. */
  PLAN_ISSUER: z.string().min(1).default('永州市政务公开政务服务领导小组办公室'),
  /** The plan's title; {year} is replaced by the plan's year. */
  PLAN_TITLE: z.string().min(1).default('{year}年永州市“政务公开主题日”活动计划'),
  /** A CJK font embedded in the plan's PDF (.ttf/.otf/.ttc); default the Noto CJK collection installed by setup. */
  PLAN_PDF_FONT: z.string().default(() => PDF_FONT_CANDIDATES.find((p) => existsSync(p)) ?? PDF_FONT_CANDIDATES[0]!),
  /** The face of a .ttc PLAN_PDF_FONT, by postscript name (fc-list -f '%{postscriptname}\n' :lang=zh). */
  PLAN_PDF_FONT_NAME: z.string().default('NotoSerifCJKsc-Regular'),
  /** Serve the built client from this folder (SPA fallback); empty to disable. */
  CLIENT_DIST: z.string().default(join(REPO_ROOT, 'client/dist')),
})
export const ConfigSchema = ConfigShape
  .refine((c) => c.MEDIA_RTC_MIN_PORT <= c.MEDIA_RTC_MAX_PORT, { message: 'must not be above MEDIA_RTC_MAX_PORT', path: ['MEDIA_RTC_MIN_PORT'] })
  .refine((c) => !c.TLS_CERT_FILE === !c.TLS_KEY_FILE, { message: 'TLS_CERT_FILE and TLS_KEY_FILE go together', path: ['TLS_CERT_FILE'] })
  .refine((c) => !(c.DATA_ENCRYPTION_KEY && c.DATA_ENCRYPTION_KEY_FILE), { message: 'set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE, not both', path: ['DATA_ENCRYPTION_KEY'] })
  // A production server must never invent its own key: personal data would be lost with the disk.
  .refine((c) => c.NODE_ENV !== 'production' || !!(c.DATA_ENCRYPTION_KEY || c.DATA_ENCRYPTION_KEY_FILE), {
    message: 'required in production (or DATA_ENCRYPTION_KEY_FILE): 32 random bytes in base64, e.g. openssl rand -base64 32', path: ['DATA_ENCRYPTION_KEY'],
  })
export type Config = z.infer<typeof ConfigSchema>

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k]) => k in ConfigShape.shape)))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export class ConfigError extends Error {}

export function allowedOrigins(config: Config): Set<string> {
  return new Set([new URL(config.PUBLIC_URL).origin, ...config.ALLOWED_ORIGINS.map((o) => new URL(o).origin)])
}
