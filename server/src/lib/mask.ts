// Citizens type phone and ID-card numbers into public questions; they are masked before the text
// is stored, so the raw numbers never reach the database, a moderator's screen or a broadcast.

// Detection runs on a shadow of the text with one character per character of the original: digits
// in any width (NFKC: １３８ -> 138) become ASCII, every separator a citizen may put inside a number
// becomes a space (parentheses stay, NFKC makes （） ASCII: only an area code may sit in them). A match is then replaced in the original, so everything around a number stays
// exactly as typed (NFKC of the whole text would also rewrite full-width punctuation and letters).

/**
 * Separators inside a number: spaces (incl. U+3000 ideographic and no-break spaces, zero-width
 * ones), dots (incl. full-width and middle dots), dashes (incl. full-width, en, em, minus). Line
 * breaks are not: a number is not split across lines, and two numbers on adjacent lines must not
 * be read as one.
 */
const SEPARATOR = /^[^\S\n\r\u2028\u2029]$|^[\u200b-\u200d\u2060\u00ad.\uff0e\u00b7\u30fb\uff65\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]$/

/** A run of separators, as the shadow writes them. */
const G = ' {0,5}'
// Mainland mobile: 1[3-9] + 9 digits, in groups of 3-4-4 (138 1234 5678), optionally after +86.
const MOBILE = new RegExp(`(?<!\\d)(?:\\+?86${G})?(1[3-9]\\d)${G}(\\d{4})${G}(\\d{4})(?!\\d)`, 'g')
// Resident ID: 6-digit region, 8-digit birth date, 3 digits, check digit (0-9 or X); grouped 6-8-4 or 6-4-4-4.
const ID_CARD = new RegExp(`(?<![\\dA-Za-z])([1-9]\\d{5})${G}(?:18|19|20)\\d{2}${G}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])${G}\\d{3}([\\dXx])(?![\\dA-Za-z])`, 'g')
// Landline: area code (010 and 02x of three digits, the others of four; any 0 + 2-3 digits as a
// fallback), maybe in parentheses, then 7-8 digits (0746-8533171, (0746) 853 3171).
const LANDLINE = new RegExp(`(?<!\\d)(?:\\(${G})?(0(?:10|2\\d|[3-9]\\d{2})|0\\d{2,3})(?:${G}\\))?${G}(\\d{3,4})${G}(\\d{4})(?!\\d)`, 'g')

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [ID_CARD, (m) => `${m[1]}${'*'.repeat(11)}${m[2]}`],
  [MOBILE, (m) => `${m[1]}****${m[3]}`],
  [LANDLINE, (m) => `${m[1]}-${'*'.repeat(m[2]!.length)}${m[3]}`],
]

/** The detection copy of `text` and, for each of its characters, where it starts in `text`. */
function shadowOf(text: string): { chars: string[]; at: number[] } {
  const chars: string[] = []
  const at: number[] = []
  let offset = 0
  for (const ch of text) {
    const n = ch.normalize('NFKC')
    at.push(offset)
    offset += ch.length
    if (SEPARATOR.test(ch) || SEPARATOR.test(n)) chars.push(' ')
    // One UTF-16 unit keeps the copy aligned with the original; anything else cannot be part of a number.
    else chars.push(n.length === 1 ? n : '\ufffc')
  }
  at.push(offset)
  return { chars, at }
}

/**
 * Masks phone and ID-card numbers in free text however they are written: full-width digits, and
 * spaces, dots, dashes or parentheses between the groups. Only the numbers change: a mobile
 * becomes 138****5678, an ID 430102***********X, a landline 0746-***3171.
 */
export function maskPersonalData(text: string): string {
  const { chars, at } = shadowOf(text)
  const cuts: { from: number; to: number; with: string }[] = []
  for (const [pattern, masked] of PATTERNS) {
    // Earlier matches are blanked out of the copy so that no later pattern sees their digits.
    for (const m of chars.join('').matchAll(pattern)) {
      const end = m.index + m[0].length
      cuts.push({ from: at[m.index]!, to: at[end]!, with: masked(m as RegExpExecArray) })
      chars.fill('*', m.index, end)
    }
  }
  cuts.sort((a, b) => a.from - b.from)
  let out = ''
  let pos = 0
  for (const c of cuts) {
    out += text.slice(pos, c.from) + c.with
    pos = c.to
  }
  return out + text.slice(pos)
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
