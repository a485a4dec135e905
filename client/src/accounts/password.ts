import { PASSWORD_MAX, PASSWORD_MIN } from '@openday/protocol'

export type PasswordProblem = 'currentMissing' | 'tooShort' | 'tooLong' | 'sameAsCurrent' | 'isUsername' | 'mismatch'

/** The server's rules (POST /api/auth/password), checked before sending so the form can say which one. */
export function passwordProblem(p: { current: string; next: string; confirm: string; username: string }): PasswordProblem | null {
  if (!p.current) return 'currentMissing'
  if (p.next.length < PASSWORD_MIN) return 'tooShort'
  if (p.next.length > PASSWORD_MAX) return 'tooLong'
  if (p.next === p.current) return 'sameAsCurrent'
  if (p.next.trim().toLowerCase() === p.username.toLowerCase()) return 'isUsername'
  if (p.next !== p.confirm) return 'mismatch'
  return null
}
