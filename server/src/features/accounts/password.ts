import { randomInt } from 'node:crypto'

/**
 * Letters and digits that cannot be taken for one another when read aloud, copied by hand or
 * shown in any font: no 0/O, 1/I/L. 31 symbols, 16 of them: log2(31^16) ≈ 79 bits.
 */
export const OTP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const OTP_GROUPS = 4
export const OTP_GROUP_LENGTH = 4

/** A one-time password such as "K7QM-X3RA-9PTE-H2WC", from the system's CSPRNG, uniform per symbol. */
export function oneTimePassword(): string {
  const groups: string[] = []
  for (let g = 0; g < OTP_GROUPS; g++) {
    let group = ''
    for (let i = 0; i < OTP_GROUP_LENGTH; i++) group += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)]
    groups.push(group)
  }
  return groups.join('-')
}
