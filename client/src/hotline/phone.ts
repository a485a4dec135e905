import { normalisePhone, PHONE_PATTERN } from '@openday/protocol'

// The server checks the number with the protocol's Phone schema; this module only explains, while
// the operator types, what is still missing or wrong, in words an operator understands.

export type PhoneKind = 'mobile' | 'landline'

/** Why a typed number is not (yet) a valid one; the i18n keys are hotline.phone.problems.<problem>. */
export type PhoneProblem =
  | 'empty'
  | 'chars' // letters or other characters than digits, spaces, dashes
  | 'mobileShort' // 1…, fewer than 11 digits
  | 'mobileLong'
  | 'mobilePrefix' // 1 followed by 0–2: no such mainland mobile network
  | 'areaCode' // 0…, but no such area code (010, 02x or 0[3-9]xx)
  | 'landlineLocal' // the local number after the area code starts with 0 or 1
  | 'landlineShort' // 0…, area code + number too short
  | 'landlineLong'
  | 'noAreaCode' // 2–9…: a local number without its area code

export interface PhoneCheck {
  /** Digits only, as it will be sent (spaces, dashes and a +86 prefix removed). */
  digits: string
  kind: PhoneKind | null
  valid: boolean
  problem: PhoneProblem | null
  /** For the "short" problems: how many digits are still missing at least. */
  missing: number
  /** For the "long" problems: how many digits too many. */
  extra: number
}

// After the area code: a 7–8 digit local number, then up to 6 extension digits.
const LOCAL_MIN = 7
const LOCAL_MAX = 8 + 6

/**
 * What will be sent for what was typed: separators removed, and a country prefix (+86, 0086, 86)
 * in front of a mobile number dropped, since callers read numbers out that way.
 */
export function cleanPhone(raw: string): string {
  const s = normalisePhone(raw.trim())
  const m = /^(?:\+86|0086|86)(1[3-9]\d{9})$/.exec(s)
  return m ? m[1]! : s
}

// Area codes of 3 digits (010, 02x) belong to the big cities; every other one has 4 (0731, 0755).
function areaCodeLength(digits: string): number {
  return /^0(?:1|2)/.test(digits) ? 3 : 4
}

export function checkPhone(raw: string): PhoneCheck {
  const digits = cleanPhone(raw)
  const base = { digits, missing: 0, extra: 0 }
  if (digits === '') return { ...base, kind: null, valid: false, problem: 'empty' }
  if (!/^\d+$/.test(digits)) return { ...base, kind: null, valid: false, problem: 'chars' }
  if (digits.startsWith('1')) {
    if (digits.length >= 2 && !/^1[3-9]/.test(digits)) return { ...base, kind: 'mobile', valid: false, problem: 'mobilePrefix' }
    if (digits.length < 11) return { ...base, kind: 'mobile', valid: false, problem: 'mobileShort', missing: 11 - digits.length }
    if (digits.length > 11) return { ...base, kind: 'mobile', valid: false, problem: 'mobileLong', extra: digits.length - 11 }
  } else if (digits.startsWith('0')) {
    const landline = { ...base, kind: 'landline' as const, valid: false }
    if (digits.length >= 2 && !/^0[1-9]/.test(digits)) return { ...landline, problem: 'areaCode' }
    if (digits.length >= 3 && /^01/.test(digits) && !/^010/.test(digits)) return { ...landline, problem: 'areaCode' }
    const area = areaCodeLength(digits)
    if (digits.length > area && !/[2-9]/.test(digits[area]!)) return { ...landline, problem: 'landlineLocal' }
    if (digits.length < area + LOCAL_MIN) return { ...landline, problem: 'landlineShort', missing: area + LOCAL_MIN - digits.length }
    if (digits.length > area + LOCAL_MAX) return { ...landline, problem: 'landlineLong', extra: digits.length - area - LOCAL_MAX }
  } else {
    return { ...base, kind: null, valid: false, problem: 'noAreaCode' }
  }
  // The protocol's pattern has the last word; the checks above only name the usual mistakes.
  const valid = PHONE_PATTERN.test(digits)
  return { ...base, kind: digits.startsWith('1') ? 'mobile' : 'landline', valid, problem: valid ? null : digits.startsWith('1') ? 'mobilePrefix' : 'landlineShort' }
}

/**
 * A typed number is "still being typed" when it could become valid by typing more digits: the
 * form shows a neutral hint then, and a red error only once the operator leaves the field.
 */
export function isIncomplete(c: PhoneCheck): boolean {
  return c.problem === 'empty' || c.problem === 'mobileShort' || c.problem === 'landlineShort'
}


/** How the number reads back: "138 1234 5678", "0731-8456 7890", "010-1234 5678". */
export function formatPhone(digits: string): string {
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`
  if (/^0\d+$/.test(digits) && digits.length >= areaCodeLength(digits) + LOCAL_MIN) {
    const area = areaCodeLength(digits)
    const rest = digits.slice(area)
    const local = rest.length > 8 ? rest.slice(0, 8) : rest
    const ext = rest.slice(local.length)
    const grouped = local.length === 8 ? `${local.slice(0, 4)} ${local.slice(4)}` : `${local.slice(0, 3)} ${local.slice(3)}`
    return `${digits.slice(0, area)}-${grouped}${ext ? ` ${ext}` : ''}`
  }
  return digits
}
