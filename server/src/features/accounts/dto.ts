import type { AccountDto, Role } from '@openday/protocol'
import type { AccountRow } from './repository.ts'

// Never the hash: nothing that leaves here can be used to learn a password.
export const toAccountDto = (u: AccountRow): AccountDto => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role,
  unit: u.unit ? { id: u.unit.id, code: u.unit.code, name: u.unit.name, nameEn: u.unit.nameEn } : null,
  active: u.active, mustChangePassword: u.mustChangePassword, createdAt: u.createdAt.toISOString(),
})
