import {
  AccountPaths,
  type AccountCreateBody,
  type AccountDto,
  type AccountFilter,
  type AccountUpdateBody,
  type AdminUnitDto,
  type OneTimePasswordDto,
  type UnitCreateBody,
  type UnitUpdateBody,
} from '@openday/protocol'
import { request } from '../lib/api.ts'

/** The admin's units and accounts (REST, admin only; the server checks every call). */
export const accountsApi = {
  units: () => request<AdminUnitDto[]>('GET', AccountPaths.units),
  createUnit: (body: UnitCreateBody) => request<AdminUnitDto>('POST', AccountPaths.units, body),
  updateUnit: (id: string, body: UnitUpdateBody) => request<AdminUnitDto>('PUT', AccountPaths.unit(id), body),
  accounts: (filter: AccountFilter = {}) => request<AccountDto[]>('GET', AccountPaths.accounts(filter)),
  createAccount: (body: AccountCreateBody) => request<OneTimePasswordDto>('POST', AccountPaths.accounts(), body),
  updateAccount: (id: string, body: AccountUpdateBody) => request<AccountDto>('PUT', AccountPaths.account(id), body),
  resetPassword: (id: string) => request<OneTimePasswordDto>('POST', AccountPaths.accountAction(id, 'reset-password')),
  disable: (id: string) => request<AccountDto>('POST', AccountPaths.accountAction(id, 'disable')),
  enable: (id: string) => request<AccountDto>('POST', AccountPaths.accountAction(id, 'enable')),
}
