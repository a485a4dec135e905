import type { AttendanceDto, AttendanceSettingsBody, CheckInBody, CheckInResultDto, InvitationDto, InviteeBody, InviteeCategory, InviteeDto, SignupBody, SignupInfoDto } from '@openday/protocol'
import { INVITEE_CATEGORIES, VENUE_FORMS, wallTimeToInstant } from '@openday/protocol'
import { randomBytes, randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import type { CipherSlot, DataCipher } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPhone } from '../../lib/mask.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { CodeSigner } from './codes.ts'
import type { ImportRow } from './import.ts'
import * as repo from './repository.ts'

export interface AttendanceDeps { db: Db; cipher: DataCipher; codes: CodeSigner; timeZone: string; publicUrl: string; now?: () => Date }

export const PHONE_SLOT = (id: string): CipherSlot => ({ table: 'Invitee', column: 'phoneCipher', rowId: id })
/** A code works from its issue until a day after the event ends. */
const GRACE_MS = 86_400_000
const noSuchEvent = () => new AppError('NOT_FOUND', 'no such event')

type Access = 'lead' | 'joint' | 'admin' | 'staff'

export function toInviteeDto(i: repo.InviteeRow): InviteeDto {
  return {
    id: i.id, category: i.category as InviteeCategory, name: i.name, org: i.org, phone: i.phoneMasked,
    source: i.source as InviteeDto['source'], status: i.status as InviteeDto['status'], checkedInAt: i.checkedInAt?.toISOString() ?? null,
  }
}

/**
 * Invitees of a symposium or an observation: entered or imported by the lead unit (or the admin),
 * signed up by citizens and confirmed; checked in at the door by any of the event's people (host
 * units' editors, its sessions' staff, the admin). Phone numbers are encrypted at rest, masked on
 * every screen and shown whole only through an audited reveal.
 */
export function createAttendanceService({ db, cipher, codes, timeZone, publicUrl, now = () => new Date() }: AttendanceDeps) {
  async function access(c: Db | Tx, eventId: string, actor: Actor): Promise<{ e: repo.EventRow; access: Access }> {
    const e = await repo.findEvent(c, eventId)
    if (!e) throw noSuchEvent()
    if (actor.role === 'admin') return { e, access: 'admin' }
    const host = actor.role === 'unit_editor' && actor.unitId ? e.hostUnits.find((h) => h.unitId === actor.unitId) : undefined
    if (host) return { e, access: host.role === 'lead' ? 'lead' : 'joint' }
    if (await repo.isEventStaff(c, eventId, actor.id)) return { e, access: 'staff' }
    throw noSuchEvent()
  }
  async function manager(c: Db | Tx, eventId: string, actor: Actor) {
    const a = await access(c, eventId, actor)
    if (a.access !== 'lead' && a.access !== 'admin') throw new AppError('FORBIDDEN', 'only the lead unit and the admin manage the invitees')
    if (a.e.status === 'cancelled') throw new AppError('CONFLICT', 'the event is cancelled')
    return a.e
  }
  const record = (tx: Tx | Db, actor: Actor, ip: string | null, action: string, eventId: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'event', targetId: eventId, detail, ip })

  /** Writes one invitee; the phone (if any) encrypted in its own row's slot. */
  async function insert(tx: Tx, eventId: string, row: ImportRow & { phone?: string | undefined }, source: 'manual' | 'import' | 'signup', status: 'pending' | 'confirmed'): Promise<repo.InviteeRow> {
    const id = randomUUID()
    const phone = row.phone
    try {
      return await tx.invitee.create({ data: {
        id, eventId, category: row.category, name: row.name, org: row.org, source, status, codeNonce: randomBytes(9).toString('base64url'),
        phoneCipher: phone ? cipher.encrypt(phone, PHONE_SLOT(id)) : null, phoneMasked: phone ? maskPhone(phone) : '', phoneHash: phone ? cipher.phoneHash(phone) : null,
      } })
    } catch (err) {
      if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', `phone: ${row.name} — this phone number is already on the list`)
      throw err
    }
  }

  function invitation(i: repo.InviteeRow, e: Awaited<ReturnType<typeof repo.eventInfo>>): InvitationDto {
    const token = codes.sign(i)
    return {
      token, url: `${publicUrl.replace(/\/$/, '')}/invitation/${encodeURIComponent(token)}`,
      invitee: { name: i.name, category: i.category as InviteeCategory },
      event: { id: e.id, theme: e.theme, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), location: e.location },
    }
  }

  return {
    access: (eventId: string, actor: Actor) => access(db, eventId, actor),
    /**
     * The access of the agenda, opinions and photos: the event must be a symposium or an
     * observation (else it has no such thing: NOT_FOUND, naming `what`), and with `manage` the
     * caller its lead unit or the admin (FORBIDDEN otherwise).
     */
    async venue(eventId: string, actor: Actor, opts: { what: string; manage?: boolean }): Promise<{ e: repo.EventRow; access: Access }> {
      const a = await access(db, eventId, actor)
      if (!(VENUE_FORMS as readonly string[]).includes(a.e.form)) throw new AppError('NOT_FOUND', `only a symposium or an observation has ${opts.what}`)
      if (opts.manage && a.access !== 'lead' && a.access !== 'admin') throw new AppError('FORBIDDEN', `only the lead unit and the admin change ${opts.what}`)
      return a
    },
    /** For routes that must refuse before reading a body (an import's file). */
    requireManager: async (eventId: string, actor: Actor): Promise<void> => { await manager(db, eventId, actor) },

    async view(eventId: string, actor: Actor): Promise<AttendanceDto> {
      const { e, access: a } = await access(db, eventId, actor)
      const rows = await repo.list(db, eventId)
      const figures = Object.fromEntries(INVITEE_CATEGORIES.map((c) => [c, { confirmed: 0, checkedIn: 0 }])) as AttendanceDto['figures']
      for (const r of rows) {
        const f = figures[r.category as InviteeCategory]
        if (!f || r.status !== 'confirmed') continue
        f.confirmed++
        if (r.checkedInAt) f.checkedIn++
      }
      return {
        eventId, signupOpen: e.attendance?.signupOpen ?? false, signupDeadline: e.attendance?.signupDeadline?.toISOString() ?? null,
        capacity: e.attendance?.capacity ?? null, invitees: rows.map(toInviteeDto), figures, canManage: a === 'lead' || a === 'admin',
      }
    },

    async saveSettings(eventId: string, body: z.output<typeof AttendanceSettingsBody>, actor: Actor, ip: string | null): Promise<AttendanceDto> {
      await inTransaction(db, async (tx) => {
        await manager(tx, eventId, actor)
        const deadline = body.signupDeadline ? wallTimeToInstant(body.signupDeadline, timeZone) : null
        await repo.saveSettings(tx, eventId, { signupOpen: body.signupOpen, signupDeadline: deadline, capacity: body.capacity })
        await record(tx, actor, ip, 'attendance.settings', eventId, { ...body })
      })
      return this.view(eventId, actor)
    },

    async add(eventId: string, body: z.output<typeof InviteeBody>, actor: Actor, ip: string | null): Promise<InviteeDto> {
      return inTransaction(db, async (tx) => {
        await manager(tx, eventId, actor)
        const row = await insert(tx, eventId, body, 'manual', 'confirmed')
        await record(tx, actor, ip, 'invitee.add', eventId, { inviteeId: row.id, category: body.category })
        return toInviteeDto(row)
      })
    },

    /** A parsed list, all or nothing: one transaction, rolled back by the first refusal. */
    async importRows(eventId: string, rows: ImportRow[], actor: Actor, ip: string | null): Promise<{ added: number }> {
      return inTransaction(db, async (tx) => {
        await manager(tx, eventId, actor)
        for (const [i, r] of rows.entries()) {
          try {
            await insert(tx, eventId, r, 'import', 'confirmed')
          } catch (err) {
            if (err instanceof AppError) throw new AppError(err.code, `第 ${i + 1} 位（${r.name}）：${err.message}`)
            throw err
          }
        }
        await record(tx, actor, ip, 'invitee.import', eventId, { added: rows.length })
        return { added: rows.length }
      })
    },

    async setStatus(eventId: string, inviteeId: string, status: 'confirmed' | 'declined', actor: Actor, ip: string | null): Promise<InviteeDto> {
      return inTransaction(db, async (tx) => {
        await manager(tx, eventId, actor)
        const i = await repo.find(tx, inviteeId)
        if (!i || i.eventId !== eventId) throw new AppError('NOT_FOUND', 'no such invitee')
        if (i.checkedInAt) throw new AppError('CONFLICT', 'status: this person has already checked in')
        const row = await tx.invitee.update({ where: { id: i.id }, data: { status } })
        await record(tx, actor, ip, `invitee.${status}`, eventId, { inviteeId })
        return toInviteeDto(row)
      })
    },

    /** The full number, for calling the person: audited, like a hotline caller's. */
    async reveal(eventId: string, inviteeId: string, actor: Actor, ip: string | null): Promise<{ phone: string }> {
      await access(db, eventId, actor)
      const i = await repo.find(db, inviteeId)
      if (!i || i.eventId !== eventId) throw new AppError('NOT_FOUND', 'no such invitee')
      if (!i.phoneCipher) throw new AppError('NOT_FOUND', 'phone: none recorded')
      const phone = cipher.decrypt(i.phoneCipher, PHONE_SLOT(i.id))
      await record(db, actor, ip, 'invitee.reveal', eventId, { inviteeId })
      return { phone }
    },

    /** The invitation's QR payload: a signed token and the link a phone opens. */
    async code(eventId: string, inviteeId: string, actor: Actor): Promise<{ token: string; url: string }> {
      await access(db, eventId, actor)
      const i = await repo.find(db, inviteeId)
      if (!i || i.eventId !== eventId) throw new AppError('NOT_FOUND', 'no such invitee')
      if (i.status !== 'confirmed') throw new AppError('CONFLICT', 'status: only a confirmed invitee gets an invitation')
      const inv = invitation(i, await repo.eventInfo(db, eventId))
      return { token: inv.token, url: inv.url }
    },

    /** At the door: a scanned token or a person picked by name; each checks in once. */
    async checkIn(eventId: string, body: z.output<typeof CheckInBody>, actor: Actor): Promise<CheckInResultDto> {
      const { e } = await access(db, eventId, actor)
      let i: repo.InviteeRow | null
      if ('token' in body) {
        const id = codes.idOf(body.token)
        i = id ? await repo.find(db, id) : null
        if (!i || !codes.verify(body.token, i)) return { ok: false, reason: 'forged', invitee: null }
        if (i.eventId !== eventId) return { ok: false, reason: 'other_event', invitee: null }
      } else {
        i = await repo.find(db, body.inviteeId)
        if (!i || i.eventId !== eventId) throw new AppError('NOT_FOUND', 'no such invitee')
      }
      if (i.status !== 'confirmed') return { ok: false, reason: 'not_confirmed', invitee: toInviteeDto(i) }
      if (e.status === 'cancelled' || now().getTime() > e.endsAt.getTime() + GRACE_MS) return { ok: false, reason: 'expired', invitee: toInviteeDto(i) }
      const done = await inTransaction(db, (tx) => repo.checkIn(tx, i.id, now(), actor.id))
      const fresh = (await repo.find(db, i.id))!
      return done ? { ok: true, invitee: toInviteeDto(fresh) } : { ok: false, reason: 'already', invitee: toInviteeDto(fresh) }
    },

    async signupInfo(eventId: string): Promise<SignupInfoDto> {
      const e = await repo.findEvent(db, eventId)
      if (!e || e.status === 'cancelled' || e.status === 'draft') throw noSuchEvent()
      const s = e.attendance
      const open = !!s?.signupOpen && now() <= e.startsAt && (!s.signupDeadline || now() <= s.signupDeadline)
      const placesLeft = s?.capacity != null ? Math.max(0, s.capacity - (await repo.countTaken(db, eventId))) : null
      return { open: open && placesLeft !== 0, deadline: s?.signupDeadline?.toISOString() ?? null, placesLeft }
    },

    /** Every confirmed invitee's invitation, to print. */
    async invitations(eventId: string, actor: Actor): Promise<InvitationDto[]> {
      const { e } = await access(db, eventId, actor)
      const full = await repo.eventInfo(db, e.id)
      return (await repo.list(db, eventId)).filter((i) => i.status === 'confirmed').map((i) => invitation(i, full))
    },

    /** The invitee a token belongs to, if it is genuine and still theirs (a new nonce voids old codes). */
    async verifiedInvitee(token: string): Promise<repo.InviteeRow | null> {
      const id = codes.idOf(token)
      const i = id ? await repo.find(db, id) : null
      return i && codes.verify(token, i) && i.status === 'confirmed' ? i : null
    },

    /** What the invitee's phone shows: found by the token itself, which only a signed one opens. */
    async invitationByToken(token: string): Promise<InvitationDto> {
      const id = codes.idOf(token)
      const i = id ? await repo.find(db, id) : null
      if (!i || !codes.verify(token, i) || i.status !== 'confirmed') throw new AppError('NOT_FOUND', 'no such invitation')
      return invitation(i, await repo.eventInfo(db, i.eventId))
    },

    /** A citizen signs up on the event page: within the deadline and the capacity; the unit confirms. */
    async signup(eventId: string, body: z.output<typeof SignupBody>): Promise<{ id: string; status: 'pending' }> {
      return inTransaction(db, async (tx) => {
        // Sign-ups of one event one after the other (PostgreSQL row lock; SQLite has one writer):
        // the capacity is counted with nobody else between the count and the insert.
        await repo.lockSettings(tx, eventId)
        const e = await repo.findEvent(tx, eventId)
        if (!e || e.status === 'cancelled' || e.status === 'draft') throw noSuchEvent()
        const s = e.attendance
        if (!s?.signupOpen) throw new AppError('NOT_OPEN', 'sign-up is not open for this event')
        if ((s.signupDeadline && now() > s.signupDeadline) || now() > e.startsAt) throw new AppError('NOT_OPEN', 'the sign-up deadline has passed')
        if (s.capacity !== null && (await repo.countTaken(tx, eventId)) >= s.capacity) throw new AppError('CONFLICT', 'capacity: the event is full')
        const row = await insert(tx, eventId, { category: 'citizen', name: body.name, org: body.org, phone: body.phone }, 'signup', 'pending')
        return { id: row.id, status: 'pending' as const }
      })
    },
  }
}
export type AttendanceService = ReturnType<typeof createAttendanceService>
