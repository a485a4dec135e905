import type { CallDisposition, CallPublicDto, CallStaffDto } from '@openday/protocol'
import { type DataCipher, DecryptError } from '../../lib/crypto.ts'
import { maskName } from '../../lib/mask.ts'

/** Associated data of each encrypted column (lib/crypto.ts): ciphertexts cannot be swapped between them. */
export const CIPHER_CONTEXT = { phone: 'hotline_call.phone', callerName: 'hotline_call.caller_name' } as const

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
export function maskedCallerName(cipher: DataCipher, callerNameCipher: string | null): string | null {
  if (callerNameCipher === null) return null
  try {
    return maskName(cipher.decrypt(callerNameCipher, CIPHER_CONTEXT.callerName))
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
    callerName: maskedCallerName(cipher, c.callerNameCipher),
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
