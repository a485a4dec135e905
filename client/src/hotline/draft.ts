import { LogCall, type CallDisposition } from '@openday/protocol'
import type { z } from 'zod'
import { checkPhone, cleanPhone, type PhoneProblem } from './phone.ts'

// An operator's typing must survive a dropped connection, a reload and a crashed tab: the form is
// written to sessionStorage on every change (per session, per tab: two operators on one machine
// use two tabs), and a saved call waits in an outbox until the server has acknowledged it. A
// retried save reuses its clientId, and the server stores a call once per clientId.

export type LogCallInput = z.input<typeof LogCall>

export interface CallDraft {
  callerName: string
  phone: string
  domainId: string
  appealTypeId: string
  location: string
  content: string
  leader: string
  disposition: CallDisposition
  reply: string
  unitId: string
  /** When the call timer was started (ISO); null before the call starts. */
  startedAt: string | null
}

export type DraftField = Exclude<keyof CallDraft, 'startedAt'>

export interface OutboxItem {
  clientId: string
  payload: LogCallInput
  /** Set when the server refused the call (not for timeouts: those are retried). */
  error: { code: string; message: string } | null
}

/** sessionStorage, or any stand-in with the same three methods (tests, private mode). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const memory = new Map<string, string>()
const memoryStore: KeyValueStore = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
}

/** The tab's sessionStorage; an in-memory map where storage is disabled (the form still works). */
export function tabStore(): KeyValueStore {
  try {
    const s = window.sessionStorage
    const probe = 'openday:probe'
    s.setItem(probe, '1')
    s.removeItem(probe)
    return s
  } catch {
    return memoryStore
  }
}

export const draftKey = (sessionId: string) => `openday:callDraft:${sessionId}`
export const outboxKey = (sessionId: string) => `openday:callOutbox:${sessionId}`

export function emptyDraft(leader = ''): CallDraft {
  return { callerName: '', phone: '', domainId: '', appealTypeId: '', location: '', content: '', leader, disposition: 'answered', reply: '', unitId: '', startedAt: null }
}

/** Nothing typed for this call yet (the leader carries over from call to call). */
export function isDraftEmpty(d: CallDraft): boolean {
  return !d.callerName.trim() && !d.phone.trim() && !d.domainId && !d.appealTypeId && !d.location.trim()
    && !d.content.trim() && !d.reply.trim() && !d.unitId && d.disposition === 'answered'
}

/** The next call's form after a save: empty, with the same leader answering. */
export const nextDraft = (d: CallDraft): CallDraft => emptyDraft(d.leader)

const STRING_FIELDS: readonly DraftField[] = ['callerName', 'phone', 'domainId', 'appealTypeId', 'location', 'content', 'leader', 'reply', 'unitId']

function asDraft(v: unknown, leader: string): CallDraft | null {
  if (typeof v !== 'object' || v === null) return null
  const o = v as Record<string, unknown>
  const d = emptyDraft(leader)
  for (const f of STRING_FIELDS) {
    if (typeof o[f] === 'string') (d as unknown as Record<string, string>)[f] = (o[f] as string).slice(0, 5000)
  }
  if (o.disposition === 'answered' || o.disposition === 'handed_off') d.disposition = o.disposition
  if (typeof o.startedAt === 'string' && !Number.isNaN(Date.parse(o.startedAt))) d.startedAt = o.startedAt
  return d
}

function readJson(store: KeyValueStore, key: string): unknown {
  try {
    const raw = store.getItem(key)
    return raw === null ? undefined : (JSON.parse(raw) as unknown)
  } catch {
    return undefined
  }
}

function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value))
  } catch {
    /* quota or disabled storage: the form keeps working, only without the safety net */
  }
}

/** The saved draft of this session, or an empty one with the default leader. */
export function loadDraft(store: KeyValueStore, sessionId: string, defaultLeader: string): CallDraft {
  const d = asDraft(readJson(store, draftKey(sessionId)), defaultLeader)
  if (!d) return emptyDraft(defaultLeader)
  if (!d.leader.trim()) d.leader = defaultLeader
  return d
}

export function saveDraft(store: KeyValueStore, sessionId: string, draft: CallDraft): void {
  writeJson(store, draftKey(sessionId), draft)
}

function isOutboxItem(v: unknown): v is OutboxItem {
  if (typeof v !== 'object' || v === null) return false
  const o = v as Record<string, unknown>
  return typeof o.clientId === 'string' && typeof o.payload === 'object' && o.payload !== null
    && (o.error === null || (typeof o.error === 'object' && o.error !== null))
}

export function loadOutbox(store: KeyValueStore, sessionId: string): OutboxItem[] {
  const v = readJson(store, outboxKey(sessionId))
  return Array.isArray(v) ? v.filter(isOutboxItem) : []
}

export function saveOutbox(store: KeyValueStore, sessionId: string, items: readonly OutboxItem[]): void {
  if (items.length === 0) {
    try {
      store.removeItem(outboxKey(sessionId))
    } catch {
      /* nothing to do */
    }
    return
  }
  writeJson(store, outboxKey(sessionId), items)
}

// ---- validation: the protocol's schema, with answers per field ----

export type FieldProblem = 'required' | 'tooShort' | 'tooLong' | 'invalid' | PhoneProblem

export type DraftProblems = Partial<Record<DraftField, FieldProblem>>

/** The fields in the order the form shows them (the first problem gets the focus). */
export const FIELD_ORDER: readonly DraftField[] = ['callerName', 'phone', 'domainId', 'appealTypeId', 'location', 'content', 'leader', 'disposition', 'reply', 'unitId']

/** The LogCall payload for a draft (not yet validated). */
export function payloadOf(d: CallDraft, sessionId: string, clientId: string, endedAt: Date): LogCallInput {
  const endedIso = endedAt.toISOString()
  // A timer that was never started, or one that runs ahead of this clock, starts at the save.
  const startedAt = d.startedAt && Date.parse(d.startedAt) <= endedAt.getTime() ? d.startedAt : endedIso
  const p: LogCallInput = {
    sessionId,
    clientId,
    phone: cleanPhone(d.phone),
    domainId: d.domainId,
    appealTypeId: d.appealTypeId,
    content: d.content,
    leader: d.leader,
    disposition: d.disposition,
    startedAt,
    endedAt: endedIso,
  }
  if (d.callerName.trim()) p.callerName = d.callerName
  if (d.location.trim()) p.location = d.location
  if (d.disposition === 'answered') p.reply = d.reply
  else p.unitId = d.unitId
  return p
}

function problemOf(field: DraftField, code: string, d: CallDraft): FieldProblem {
  if (field === 'phone') return checkPhone(d.phone).problem ?? 'invalid'
  if (field === 'domainId' || field === 'appealTypeId' || field === 'unitId' || field === 'leader') return 'required'
  if (field === 'reply') return d.reply.trim() ? (code === 'too_big' ? 'tooLong' : 'invalid') : 'required'
  if (code === 'too_small') return field === 'content' && !d.content.trim() ? 'required' : 'tooShort'
  if (code === 'too_big') return 'tooLong'
  return 'invalid'
}

export type Validated = { ok: true; payload: LogCallInput } | { ok: false; problems: DraftProblems; first: DraftField }

/** Checks a draft with the schema the server uses; problems are named per field. */
export function validateDraft(d: CallDraft, sessionId: string, clientId: string, endedAt: Date): Validated {
  const payload = payloadOf(d, sessionId, clientId, endedAt)
  const parsed = LogCall.safeParse(payload)
  if (parsed.success) return { ok: true, payload }
  const problems: DraftProblems = {}
  for (const issue of parsed.error.issues) {
    const f = issue.path[0]
    if (typeof f !== 'string' || !(FIELD_ORDER as readonly string[]).includes(f)) continue
    const field = f as DraftField
    problems[field] ??= problemOf(field, issue.code, d)
  }
  // The schema checks these only once every field parses; the operator wants to see all at once.
  if (d.disposition === 'answered' && !d.reply.trim()) problems.reply ??= 'required'
  if (d.disposition === 'handed_off' && !d.unitId) problems.unitId ??= 'required'
  const first = FIELD_ORDER.find((f) => problems[f]) ?? 'content'
  if (Object.keys(problems).length === 0) problems.content = 'invalid'
  return { ok: false, problems, first }
}
