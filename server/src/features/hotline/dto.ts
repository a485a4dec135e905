import type { CallDisposition, CallPublicDto, CallStaffDto } from '@openday/protocol'
import { type CipherSlot, type DataCipher, DecryptError } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { maskName } from '../../lib/mask.ts'

/**
 * Where each encrypted column of a call lives (lib/crypto.ts binds it as associated data): a
 * ciphertext decrypts only in its own row and column, so values cannot be swapped between calls
 * or between the name and the number.
 */
export const CALL_SLOT = {
  phone: (callId: string): CipherSlot => ({ table: 'HotlineCall', column: 'phoneCipher', rowId: callId }),
  callerName: (callId: string): CipherSlot => ({ table: 'HotlineCall', column: 'callerNameCipher', rowId: callId }),
} as const

/**
 * A field shown in clear (reveal, full export). One that does not decrypt in its row was altered,
 * moved from another row or written under another key: the request gets a code, never a 500 or
 * someone else's number.
 */
export function openField(cipher: DataCipher, token: string, slot: CipherSlot): string {
  try {
    return cipher.decrypt(token, slot)
  } catch (err) {
    if (err instanceof DecryptError) throw new AppError('CONFLICT', `the stored ${slot.column === 'phoneCipher' ? 'number' : 'name'} of call ${slot.rowId} does not decrypt for this call (altered or moved data); nothing was shown`)
    throw err
  }
}

interface CallFields {
  id: string; sessionId: string; clientId: string; leader: string; callerNameCipher: string | null; phoneMasked: string
  domainId: string; appealTypeId: string; location: string | null; content: string; disposition: string; reply: string | null
  repeatCount: number; startedAt: Date; endedAt: Date; createdAt: Date
  operator: { displayName: string }
  workOrder: { id: string; unitId: string; dueAt: Date } | null
}

/**
 * The caller's name as staff see it without the audited reveal. A name that no longer decrypts
 * (a lost or wrong key) shows as fully masked rather than taking the whole console down with it;
 * the reveal of that call still fails loudly.
 */
export function maskedCallerName(cipher: DataCipher, callId: string, callerNameCipher: string | null): string | null {
  if (callerNameCipher === null) return null
  try {
    return maskName(cipher.decrypt(callerNameCipher, CALL_SLOT.callerName(callId)))
  } catch (err) {
    if (err instanceof DecryptError) return '***'
    throw err
  }
}

export function toCallStaffDto(c: CallFields, cipher: DataCipher): CallStaffDto {
  return {
    id: c.id,
    sessionId: c.sessionId,
    clientId: c.clientId,
    operatorName: c.operator.displayName,
    leader: c.leader,
    callerName: maskedCallerName(cipher, c.id, c.callerNameCipher),
    phoneMasked: c.phoneMasked,
    domainId: c.domainId,
    appealTypeId: c.appealTypeId,
    location: c.location,
    content: c.content,
    disposition: c.disposition as CallDisposition,
    reply: c.reply,
    unitId: c.workOrder?.unitId ?? null,
    workOrderId: c.workOrder?.id ?? null,
    dueAt: c.workOrder?.dueAt.toISOString() ?? null,
    repeatCount: c.repeatCount,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
  }
}

/**
 * What the board and the public page may have of a call: built field by field (never by
 * stripping), so a field added to the staff view can never leak here.
 */
export function toCallPublicDto(c: { id: string; domainId: string; appealTypeId: string; disposition: string; createdAt: Date | string }): CallPublicDto {
  return {
    id: c.id,
    domainId: c.domainId,
    appealTypeId: c.appealTypeId,
    disposition: c.disposition as CallDisposition,
    createdAt: typeof c.createdAt === 'string' ? c.createdAt : c.createdAt.toISOString(),
  }
}
