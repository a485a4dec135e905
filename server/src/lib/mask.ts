// Citizens type phone and ID-card numbers into public questions; they are masked before the text
// is stored, so the raw numbers never reach the database, a moderator's screen or a broadcast.

// Mainland mobile: 1[3-9] + 9 digits, optionally written with spaces/dashes (138 1234 5678).
const MOBILE = /(?<!\d)(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g
// Resident ID: 6-digit region, 8-digit birth date, 3 digits, check digit (0-9 or X).
const ID_CARD = /(?<![\dA-Za-z])([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([\dXx])(?![\dA-Za-z])/g
// Landline with area code: 0 + 2-3 digit area code, then 7-8 digits (0746-8533171).
const LANDLINE = /(?<!\d)(0\d{2,3})[ -]?(\d{3,4})(\d{4})(?!\d)/g

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_CARD, (_m, head: string, check: string) => `${head}********${'***'}${check}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_m, area: string, mid: string, last: string) => `${area}-${'*'.repeat(mid.length)}${last}`)
}

// Area codes: 010 and 02x have three digits, every other one (0[3-9]xx) four.
const AREA_CODE = /^0(?:10|2\d|[3-9]\d{2})/

/**
 * Masks one phone number field for display: a mobile keeps its first three and last four digits
 * (13812341234 -> 138****1234), a landline its area code and last four (07468533171 -> 0746-***3171).
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  const area = digits.startsWith('0') ? AREA_CODE.exec(digits)?.[0] : undefined
  if (area && digits.length >= area.length + 5) {
    return `${area}-${'*'.repeat(digits.length - area.length - 4)}${digits.slice(-4)}`
  }
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`
}

/** A caller's name as staff see it without the audited reveal: the first character only (王**). */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  // A one-character name would be shown whole: hide it too.
  if (chars.length === 1) return '*'
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 6))}`
}
