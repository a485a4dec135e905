import { z } from 'zod'

export const ROLES = ['admin', 'unit_editor', 'host', 'guest', 'moderator', 'operator'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/** Roles a staff member can hold inside one session (SessionStaff.role). */
export const SessionRole = z.enum(['host', 'guest', 'moderator', 'operator'])
export type SessionRole = z.infer<typeof SessionRole>

export const EVENT_FORMS = ['video_interview', 'text_interview', 'hotline', 'press_release', 'symposium', 'observation', 'survey'] as const
export const EventForm = z.enum(EVENT_FORMS)
export type EventForm = z.infer<typeof EventForm>

export const SessionStatus = z.enum(['scheduled', 'live', 'ended', 'archived'])
export type SessionStatus = z.infer<typeof SessionStatus>

export const QuestionStatus = z.enum(['pending', 'approved', 'answering', 'answered', 'rejected', 'merged'])
export type QuestionStatus = z.infer<typeof QuestionStatus>

export const Speaker = z.enum(['host', 'guest', 'citizen'])
export type Speaker = z.infer<typeof Speaker>

/** The closed set of error codes every ack and every REST error carries. */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed validation
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED', // staff action without a valid login
  'FORBIDDEN', // logged in, but the role or session assignment does not allow it
  'NOT_FOUND',
  'CONFLICT', // e.g. a state transition that is not allowed from the current state
  'SESSION_CLOSED', // the session has ended or is archived: no more writes
  'RATE_LIMITED',
  'NOT_OPEN', // a survey or poll that does not take answers now (not yet open, or closed)
  'ANSWER_INVALID', // answers that do not fit the questions (the message says which and why)
  'ALREADY_ANSWERED', // this device (or code) has already answered this survey or poll round
  'UNAVAILABLE', // a needed service (e.g. media) is not running or is full; try again or fall back
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export type AckOk<T> = { ok: true; data: T }
export type AckErr = { ok: false; code: ErrorCode; message: string }
export type Ack<T> = AckOk<T> | AckErr
export type AckFn<T> = (res: Ack<T>) => void

/** One acked command of the typed event maps: the payload a well-behaved client sends, its result. */
export type Cmd<P, T> = (payload: z.input<P extends z.ZodType ? P : never>, ack: (res: Ack<T>) => void) => void

/** Ids made by clients (idempotency keys): UUIDs or similar, 8..64 url-safe characters. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid client id')
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id')
/**
 * A citizen's anonymous device token, issued by the server (POST /api/citizens/token): 32 random
 * bytes and the server's signature of them (16 bytes), both base64url, joined by a dot. A token a
 * client made up has no valid signature and is refused, so limits per device hold.
 */
export const CITIZEN_TOKEN_RE = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/
export const CitizenToken = z.string().regex(CITIZEN_TOKEN_RE, 'invalid citizen token')

// Control characters (except tab/newline) have no business in citizen text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
// Half of a surrogate pair alone is not a character: it cannot be stored as UTF-8 (PostgreSQL
// refuses it, SQLite keeps a replacement) and breaks exports, so such text is refused at the edge.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** String.prototype.isWellFormed (ES2024, not in the libs this project compiles against). */
export const isWellFormedText = (s: string): boolean => !LONE_SURROGATE.test(s)
export const text = (min: number, max: number) =>
  z.string().trim().min(min).max(max)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed')
    .refine(isWellFormedText, 'text must be well-formed Unicode (no lone surrogates)')
