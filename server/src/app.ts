import express from 'express'
import helmet from 'helmet'
import { existsSync } from 'node:fs'
import type { Server as HttpServer } from 'node:http'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { randomUUID } from 'node:crypto'
import { migrate } from '../../prisma/migrate.ts'
import { allowedOrigins, type Config } from './config.ts'
import { type Db, openDb } from './db/client.ts'
import { archiveRoutes } from './features/archive/routes.ts'
import { watchAssignments } from './features/assignments/handlers.ts'
import { assignmentRoutes } from './features/assignments/routes.ts'
import { createAssignmentService } from './features/assignments/service.ts'
import { auditRoutes } from './features/audit/routes.ts'
import { createAuditService } from './features/audit/service.ts'
import { createArchiveService } from './features/archive/service.ts'
import { checkDataKey, migrateCiphertexts } from './features/datakey/service.ts'
import { accountRoutes } from './features/accounts/routes.ts'
import { createAccountService } from './features/accounts/service.ts'
import { authRoutes } from './features/auth/routes.ts'
import { type AuthService, createAuthService } from './features/auth/service.ts'
import { calendarRoutes } from './features/calendar/routes.ts'
import { createCalendarService } from './features/calendar/service.ts'
import { citizenRoutes } from './features/citizens/routes.ts'
import { createCitizenService } from './features/citizens/service.ts'
import { createTokenSigner } from './features/citizens/tokens.ts'
import { LiveHub } from './features/live/hub.ts'
import { StageBoard } from './features/media/board.ts'
import { MediaLifecycle } from './features/media/lifecycle.ts'
import { RecordingService } from './features/media/recording.ts'
import { mediaFileRoutes } from './features/media/routes.ts'
import { startMediaHost } from './features/media/host.ts'
import type { MediaHost } from '@openday/media'
import { healthRoutes } from './features/health/routes.ts'
import { createHealthService } from './features/health/service.ts'
import { addGaugeSource, metrics } from './lib/metrics.ts'
import { MediaService } from './features/media/service.ts'
import { createStageService } from './features/stage/service.ts'
import { hotlineRoutes } from './features/hotline/routes.ts'
import { createHotlineService } from './features/hotline/service.ts'
import { createSyncService, type SyncService } from './features/live/sync.ts'
import { createPollService } from './features/polls/service.ts'
import { createQuestionService } from './features/questions/service.ts'
import { raisePeakViewers } from './features/sessions/repository.ts'
import { sessionRoutes } from './features/sessions/routes.ts'
import { eventRoutes, unitEventRoutes } from './features/events/routes.ts'
import { createEventService } from './features/events/service.ts'
import { createUnitEventService } from './features/events/unit-service.ts'
import { createSessionService } from './features/sessions/service.ts'
import { createTranscriptService } from './features/transcript/service.ts'
import { planAdminRoutes, planPublicRoutes } from './features/plan/routes.ts'
import { watchPlan } from './features/plan/handlers.ts'
import { createPlanService } from './features/plan/service.ts'
import { createPublishService } from './features/plan/publish.ts'
import { unitRoutes } from './features/units/routes.ts'
import { replyRoutes } from './features/replies/routes.ts'
import { summaryRoutes } from './features/summaries/routes.ts'
import { assessmentRoutes } from './features/assessment/routes.ts'
import { createAssessmentService } from './features/assessment/service.ts'
import { createSummaryService } from './features/summaries/service.ts'
import { publicityRoutes } from './features/publicity/routes.ts'
import { createPublicityService } from './features/publicity/service.ts'
import { createReplyService } from './features/replies/service.ts'
import { proposalRoutes } from './features/proposals/routes.ts'
import { createProposalService } from './features/proposals/service.ts'
import { yearRoutes } from './features/years/routes.ts'
import { createYearService } from './features/years/service.ts'
import { createUnitService } from './features/units/service.ts'
import { uploadApiRoutes, uploadFileRoutes } from './features/uploads/routes.ts'
import { createUploadService } from './features/uploads/service.ts'
import { taxonomyRoutes } from './features/taxonomy/routes.ts'
import { createTaxonomyService } from './features/taxonomy/service.ts'
import { workOrderRoutes } from './features/workorders/routes.ts'
import { createWorkOrderService } from './features/workorders/service.ts'
import { wordRoutes } from './features/words/routes.ts'
import { attendanceRoutes } from './features/attendance/routes.ts'
import { createAttendanceService } from './features/attendance/service.ts'
import { createCodeSigner } from './features/attendance/codes.ts'
import { createAgendaService } from './features/agenda/service.ts'
import { createOpinionService } from './features/opinions/service.ts'
import { createPhotoService } from './features/photos/service.ts'
import { venueRoutes } from './features/venue/routes.ts'
import { policyRoutes } from './features/policies/routes.ts'
import { createPolicyQuestionService } from './features/policies/questions.ts'
import { createPolicyService } from './features/policies/service.ts'
import { createVenueService } from './features/venue/service.ts'
import { createResponseService } from './features/surveys/responses.ts'
import { createResultService } from './features/surveys/results.ts'
import { surveyRoutes } from './features/surveys/routes.ts'
import { createSurveyService } from './features/surveys/service.ts'
import { createWordsService } from './features/words/service.ts'
import { connectSources } from './http/csp.ts'
import { createWebServer } from './http/tls.ts'
import { csrfGuard, errorHandler, loadActor, notFound, wellFormedText } from './http/middleware.ts'
import { createLogger, httpLogSerializers } from './lib/logger.ts'
import { createDataCipher, keySource, loadDataKey, subkey } from './lib/crypto.ts'
import { DualLimiter, KeyedLimiter } from './lib/ratelimit.ts'
import { ensureHotlineTaxonomy } from './seed/taxonomy.ts'
import { attachHandlers, createSocketServer } from './socket/server.ts'
import { DrainGate, drainGate } from './socket/drain.ts'
import { watchLogins } from './socket/staff.ts'
import type { TypedServer } from './socket/types.ts'

export interface App {
  config: Config
  log: Logger
  db: Db
  http: HttpServer
  io: TypedServer
  hub: LiveHub
  media: MediaService
  /** Logins: revoking one (logout, disable, reset) closes its sockets on every process. */
  auth: AuthService
  sync: SyncService
  /**
   * A graceful stop's first half (SIGTERM): not ready, no new connections, new commands and writes
   * answered UNAVAILABLE, and what is in flight finished (up to `deadlineMs`); then close().
   */
  drain(deadlineMs: number): Promise<{ leftInFlight: number }>
  /** Listens on config.HOST:PORT (PORT 0 = a random free port); resolves with the port. */
  listen(): Promise<number>
  close(): Promise<void>
}

/** Builds the whole server from one validated config: database, services, HTTP, sockets. */
export async function createApp(config: Config, log: Logger = createLogger(config)): Promise<App> {
  // The key first: a server that could not read personal data must not start at all.
  const dataKey = loadDataKey(config, log)
  const cipher = createDataCipher(dataKey)
  if (config.MIGRATE_ON_START) await migrate(config.DATABASE_URL)
  const db = await openDb(config.DATABASE_URL)
  try {
    // Before anything reads or writes personal data: the right key, then every row bound to it.
    await checkDataKey(db, cipher, keySource(config))
    await migrateCiphertexts(db, cipher, log)
  } catch (err) {
    await db.$disconnect()
    throw err
  }
  // Not a migration: rows the admin may edit, created only where missing (fresh databases too).
  await ensureHotlineTaxonomy(db)

  const words = createWordsService(db)
  await words.reload()
  const auth = createAuthService(db, { ttlHours: config.SESSION_TTL_HOURS, idleMinutes: config.SESSION_IDLE_MINUTES })
  const citizenTokens = createCitizenService({
    signer: createTokenSigner(subkey(dataKey, 'citizen-token')), perIp: config.RATE_TOKENS_PER_IP, windowS: config.RATE_TOKENS_WINDOW_S,
  })
  const archive = createArchiveService({ db, cacheMs: config.ARCHIVE_CACHE_MS })
  const polls = createPollService({ db, filter: words.filter })
  const sessions = createSessionService({
    db, timeZone: config.TIMEZONE, replyWorkingDays: config.REPLY_WORKING_DAYS, onArchived: () => archive.invalidate(),
    onViewerLogError: (err) => log.warn({ err }, 'session viewers: a batch was not written'), onEnding: polls.closeAllIn,
  })
  const questions = createQuestionService(db, words)
  const transcript = createTranscriptService(db)
  const hotline = createHotlineService({ db, cipher, timeZone: config.TIMEZONE })
  const workOrders = createWorkOrderService({ db, cipher, timeZone: config.TIMEZONE })
  const taxonomy = createTaxonomyService(db)
  const sync = createSyncService(db, hotline, polls, { limit: config.SNAPSHOT_LIMIT, ttlMs: config.SNAPSHOT_TTL_MS })
  const uploads = createUploadService(db, config.DATA_DIR)
  const assignments = createAssignmentService(db)

  const app = express()
  app.disable('x-powered-by')
  // Only the configured proxies' X-Forwarded-For is believed (socket/server.ts applies the same list).
  app.set('trust proxy', config.TRUST_PROXY)
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        // hls.js feeds the <video> through a MediaSource (a blob: URL) and transmuxes in a worker.
        'media-src': ["'self'", 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        'connect-src': connectSources(allowedOrigins(config)),
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': config.PUBLIC_URL.startsWith('https:') ? [] : null,
      },
    },
    hsts: config.PUBLIC_URL.startsWith('https:'),
  }))
  app.use(pinoHttp({
    logger: log, serializers: httpLogSerializers, autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
    // A request id in every line of a request's log: the proxy's when it sends one (a safe token), else a new one; echoed back.
    genReqId: (req, res) => {
      const given = req.headers['x-request-id']
      const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
  }))
  app.use('/api', (req, res, next) => {
    const end = metrics.http.startTimer({ method: req.method })
    res.once('finish', () => end({ status: String(res.statusCode) }))
    next()
  })
  let mediaHostRef: MediaHost | null = null
  let draining = false
  const httpGate = new DrainGate()
  const health = createHealthService({ db, mediaEnabled: config.MEDIA_ENABLED, mediaHost: () => mediaHostRef, draining: () => draining })
  app.use(healthRoutes(health, config.METRICS_TOKEN))
  // Stopping: reads are still served, a write is either finished or refused — never cut half-way.
  app.use('/api', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    if (!httpGate.enter()) { res.status(503).json({ error: { code: 'UNAVAILABLE', message: 'the server is restarting: try again' } }); return }
    res.once('close', () => httpGate.leave())
    next()
  })
  app.use('/api', express.json({ limit: '64kb' }), wellFormedText, csrfGuard(allowedOrigins(config)), loadActor(auth))
  app.use('/api/auth', authRoutes(auth, config))
  app.use('/api', citizenRoutes(citizenTokens))
  // Before sessionRoutes: its /events/:id would take /events/:id.ics.
  app.use('/api', calendarRoutes(createCalendarService({ db, timeZone: config.TIMEZONE, publicUrl: config.PUBLIC_URL, issuer: config.PLAN_ISSUER, title: config.PLAN_TITLE, pdfFont: { path: config.PLAN_PDF_FONT, name: config.PLAN_PDF_FONT_NAME } })))
  app.use('/api', eventRoutes(createEventService({ db, hotlineNumber: config.HOTLINE_NUMBER })))
  app.use('/api/admin/assessment', assessmentRoutes(createAssessmentService({ db })))
  app.use('/api', summaryRoutes(createSummaryService({ db, timeZone: config.TIMEZONE, defaultDays: config.SUMMARY_DAYS, pdfFont: { path: config.PLAN_PDF_FONT, name: config.PLAN_PDF_FONT_NAME }, dataDir: config.DATA_DIR })))
  // Before unitEventRoutes: /api/unit/events/:id/publicity is this feature's.
  app.use('/api', publicityRoutes(createPublicityService({ db, uploads })))
  const attendance = createAttendanceService({ db, cipher, codes: createCodeSigner(subkey(dataKey, 'invitation-code')), timeZone: config.TIMEZONE, publicUrl: config.PUBLIC_URL })
  app.use('/api', attendanceRoutes(attendance))
  const opinions = createOpinionService({ db, attendance, filter: words.filter, timeZone: config.TIMEZONE, replyDefaults: { requireCheck: false, workingDays: config.REPLY_WORKING_DAYS } })
  app.use('/api', venueRoutes({
    agenda: createAgendaService({ db, attendance, timeZone: config.TIMEZONE }), opinions,
    photos: createPhotoService({ db, attendance, uploads }), venue: createVenueService({ db, opinions }),
  }))
  app.use('/api', policyRoutes({
    policies: createPolicyService({ db, attendance, timeZone: config.TIMEZONE, dataDir: config.DATA_DIR }), uploads, citizens: citizenTokens,
    questions: createPolicyQuestionService({ db, attendance, filter: words.filter, timeZone: config.TIMEZONE, replyDefaults: { requireCheck: false, workingDays: config.REPLY_WORKING_DAYS }, onChanged: () => archive.invalidate() }),
    limiter: new DualLimiter(config.RATE_QUESTIONS_PER_TOKEN, config.RATE_QUESTIONS_PER_IP, config.RATE_WINDOW_S, 'questions'),
  }))
  app.use('/api/unit/events', unitEventRoutes(createUnitEventService({ db, hotlineNumber: config.HOTLINE_NUMBER, assignments, uploads })))
  app.use('/api', sessionRoutes(sessions))
  app.use('/api', uploadApiRoutes(db, uploads))
  app.use('/api/archive', archiveRoutes(archive))
  // The config gives the defaults; the admin changes them from the UI (/admin/replies).
  app.use('/api', replyRoutes(createReplyService({ db, defaults: { requireCheck: false, workingDays: config.REPLY_WORKING_DAYS } }), db, config.TIMEZONE))
  app.use('/api/admin/sensitive-words', wordRoutes(words))
  app.use('/api', taxonomyRoutes(taxonomy))
  app.use('/api/admin/units', unitRoutes(createUnitService(db)))
  const planPublish = createPublishService({ db, timeZone: config.TIMEZONE })
  app.use('/api/admin/plan', planAdminRoutes(createPlanService({ db, timeZone: config.TIMEZONE }), planPublish))
  app.use('/api/plan', planPublicRoutes(planPublish))
  app.use('/api/admin/accounts', accountRoutes(createAccountService({ db, auth })))
  const revealLimits = {
    reveals: new KeyedLimiter(config.RATE_REVEALS_PER_USER, config.RATE_WINDOW_S, 'full numbers shown'),
    exportRows: new KeyedLimiter(config.RATE_EXPORT_ROWS_PER_USER, config.RATE_EXPORT_WINDOW_S, 'rows with full numbers exported'),
  }
  app.use('/api', hotlineRoutes(db, hotline, revealLimits))
  app.use('/api', workOrderRoutes(workOrders, revealLimits))
  app.use('/api', assignmentRoutes(assignments))
  app.use('/api', yearRoutes(createYearService({ db, timeZone: config.TIMEZONE })), proposalRoutes(createProposalService({ db, cipher, timeZone: config.TIMEZONE })))
  const surveys = createSurveyService({ db, cipher, timeZone: config.TIMEZONE })
  const surveyResults = createResultService({ db, surveys, filter: words.filter, ipFlagOver: config.SURVEY_IP_FLAG_OVER, publicCacheMs: 10_000 })
  const surveyResponses = createResponseService({
    db, surveys, words, ipKey: subkey(dataKey, 'survey-ip'), ipFlagOver: config.SURVEY_IP_FLAG_OVER, perDevicePerMinute: config.RATE_SURVEY_PER_DEVICE,
  })
  app.use('/api', surveyRoutes({ db, surveys, responses: surveyResponses, results: surveyResults, citizens: citizenTokens, timeZone: config.TIMEZONE }))
  app.use('/api/admin/audit', auditRoutes(createAuditService({ db, timeZone: config.TIMEZONE })))
  app.use('/api', notFound)
  // Files of a session whose event is unpublished are served to its staff only: they need the login.
  app.use('/uploads', loadActor(auth), uploadFileRoutes(uploads))
  app.use('/media', loadActor(auth), mediaFileRoutes(db, config.DATA_DIR))
  serveClient(app, config.CLIENT_DIST)
  app.use(errorHandler(log))

  const http = createWebServer(app, config)
  const io = createSocketServer(http, config, () => draining)
  const hub = new LiveHub(io, {
    frameMs: config.FRAME_INTERVAL_MS,
    tallyMs: config.TALLY_INTERVAL_MS,
    chunk: config.FRAME_CHUNK,
    onPeak: (sessionId, n) => { raisePeakViewers(db, sessionId, n).catch((err) => log.warn({ err }, 'peak viewers not saved')) },
  })
  const limits = {
    questions: new DualLimiter(config.RATE_QUESTIONS_PER_TOKEN, config.RATE_QUESTIONS_PER_IP, config.RATE_WINDOW_S, 'questions'),
    votes: new DualLimiter(config.RATE_VOTES_PER_TOKEN, config.RATE_VOTES_PER_IP, config.RATE_WINDOW_S, 'votes'),
    calls: new KeyedLimiter(config.RATE_CALLS_PER_OPERATOR, config.RATE_WINDOW_S, 'calls logged'),
    // A join builds a snapshot; one socket looping joins must not take the server from everyone.
    joins: new DualLimiter(config.RATE_JOINS_PER_SOCKET, config.RATE_JOINS_PER_IP, config.RATE_WINDOW_S, 'joins'),
    pages: new DualLimiter(config.RATE_PAGES_PER_SOCKET, config.RATE_PAGES_PER_IP, config.RATE_WINDOW_S, 'pages of history'),
  }
  const mediaHost = await startMediaHost(config, log)
  mediaHostRef = mediaHost
  const stage = createStageService(db)
  const media = new MediaService({ db, log, host: mediaHost, stage, audienceLimit: config.WEBRTC_AUDIENCE_LIMIT })
  const board = new StageBoard(io, media, stage, log)
  media.on('stage', (sessionId) => board.changed(sessionId))
  media.on('speaker', (sessionId, producerId) => board.setSpeakerProducer(sessionId, producerId))
  media.on('consumerclosed', (socketId, consumerId) => io.to(socketId).emit('media:consumer:closed', { consumerId }))
  media.on('peerlost', (socketId, sessionId) => io.to(socketId).emit('media:reset', { sessionId, reason: 'workerdied' }))
  const recording = mediaHost && config.RECORDING_ENABLED
    ? new RecordingService({ db, log, media, board, dataDir: config.DATA_DIR, ffmpegPath: config.FFMPEG_PATH })
    : null
  const lifecycle = new MediaLifecycle(io, mediaHost, media, board, stage, recording, log)
  attachHandlers(io, { db, log, hub, sync, questions, transcript, sessions, hotline, polls, limits, io, media, board, stage, lifecycle }, { auth, citizens: citizenTokens }, config)
  const stopLoginSweep = watchLogins(io, auth, config.AUTH_SWEEP_SECONDS * 1000, log)
  watchAssignments(io, assignments)
  watchPlan(io, planPublish)
  const dropGauges = addGaugeSource({
    sockets: () => io.engine.clientsCount,
    liveSessions: () => db.session.count({ where: { status: 'live' } }),
    async media() {
      const workers = mediaHost?.pool.workers.filter((w) => w.alive) ?? []
      const usage = await Promise.all(workers.map((w) => w.resourceUsage().catch(() => ({ ru_utime: 0, ru_stime: 0 }))))
      return { workers: workers.length, consumers: workers.reduce((n, w) => n + w.consumerCount, 0), cpuSeconds: usage.reduce((n, u) => n + (u.ru_utime + u.ru_stime) / 1000, 0) }
    },
  })
  const purge = setInterval(() => { auth.purgeExpired().catch(() => undefined) }, 3_600_000).unref()

  return {
    config, log, db, http, io, hub, media, auth, sync,
    async drain(deadlineMs) {
      draining = true
      const started = Date.now()
      const [sockets] = await Promise.all([drainGate(io).drain(deadlineMs), httpGate.drain(deadlineMs)])
      log.info({ ms: Date.now() - started, leftInFlight: sockets.leftInFlight }, 'drained')
      return sockets
    },
    listen: () => new Promise((resolve, reject) => {
      http.once('error', reject)
      http.listen(config.PORT, config.HOST, () => {
        const addr = http.address()
        resolve(typeof addr === 'object' && addr ? addr.port : config.PORT)
      })
    }),
    async close() {
      clearInterval(purge)
      dropGauges()
      stopLoginSweep()
      hub.close()
      board.close()
      await recording?.close()
      mediaHost?.close()
      await sessions.closeViewers()
      // Idle keep-alive HTTP connections would hold the close open for seconds.
      const closed = new Promise<void>((resolve) => { void io.close(() => resolve()) })
      http.closeAllConnections()
      await closed
      await db.$disconnect()
    },
  }
}

/** The built client, with hashed assets cached for good and every other path falling back to the SPA. */
function serveClient(app: express.Express, dist: string): void {
  if (!dist || !existsSync(join(dist, 'index.html'))) return
  app.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  app.use(express.static(dist, { index: false, maxAge: 0 }))
  app.get(/^\/(?!api\/|uploads\/|media\/|socket\.io\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache')
    res.sendFile(join(dist, 'index.html'))
  })
}
