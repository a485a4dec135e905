import { describe, expect, it } from 'vitest'
import { passwordProblem } from './password.ts'

const base = { current: 'ABCD-EFGH-JKMN-PQRS', next: 'a long new password', confirm: 'a long new password', username: 'liaison-zjj' }

describe('password rules in the form', () => {
  it('names the first rule a new password breaks', () => {
    expect(passwordProblem(base)).toBeNull()
    expect(passwordProblem({ ...base, current: '' })).toBe('currentMissing')
    expect(passwordProblem({ ...base, next: 'ninechars', confirm: 'ninechars' })).toBe('tooShort')
    expect(passwordProblem({ ...base, next: 'x'.repeat(201), confirm: 'x'.repeat(201) })).toBe('tooLong')
    expect(passwordProblem({ ...base, next: base.current, confirm: base.current })).toBe('sameAsCurrent')
    expect(passwordProblem({ ...base, next: 'LIAISON-ZJJ', confirm: 'LIAISON-ZJJ' })).toBe('isUsername')
    expect(passwordProblem({ ...base, confirm: 'a long new passwort' })).toBe('mismatch')
  })
})
