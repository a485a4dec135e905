import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type AccountDto, type AccountUpdateBody, type AdminUnitDto, type OneTimePasswordDto, type Role } from '@openday/protocol'
import { unitName } from '../components/EventInfo.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { accountsApi } from './api.ts'

interface Fields { username: string; displayName: string; role: Role; unitId: string }

const fieldsOf = (a?: AccountDto): Fields => ({ username: a?.username ?? '', displayName: a?.displayName ?? '', role: a?.role ?? 'unit_editor', unitId: a?.unit?.id ?? '' })

interface Props {
  account?: AccountDto
  units: AdminUnitDto[]
  onCreated: (r: OneTimePasswordDto) => void
  onSaved: (a: AccountDto) => void
  onCancel: () => void
}

/** Creates an account (no `account`: the answer carries its one-time password) or edits one. */
export function AccountForm({ account, units, onCreated, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const id = useId()
  const [f, setF] = useState<Fields>(() => fieldsOf(account))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => { first.current?.focus() }, [])
  const set = (patch: Partial<Fields>) => setF((prev) => ({ ...prev, ...patch }))
  // Only units that take new accounts, and the one the account is in now.
  const choices = units.filter((u) => u.active || u.id === account?.unit?.id)
  const needsUnit = f.role === 'unit_editor' && !f.unitId
  const changesRights = !!account && (f.role !== account.role || (f.unitId || null) !== (account.unit?.id ?? null))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (needsUnit) return
    setBusy(true)
    setError(null)
    try {
      const unitId = f.unitId || null
      if (!account) {
        onCreated(await accountsApi.createAccount({ username: f.username.trim(), displayName: f.displayName.trim(), role: f.role, unitId }))
        return
      }
      const body: AccountUpdateBody = {}
      if (f.displayName.trim() !== account.displayName) body.displayName = f.displayName.trim()
      if (f.role !== account.role) body.role = f.role
      if (unitId !== (account.unit?.id ?? null)) body.unitId = unitId
      onSaved(Object.keys(body).length ? await accountsApi.updateAccount(account.id, body) : account)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  const errorText = error?.code === 'CONFLICT' && error.message.startsWith('username') ? t('staff.usernameTaken')
    : error?.code === 'CONFLICT' && error.message.startsWith('unitId') ? t('staff.unitUnavailable')
      : error?.code === 'CONFLICT' && /last active admin/.test(error.message) ? t('staff.lastAdmin') : undefined

  return (
    <form onSubmit={submit} className="card space-y-3 p-4" aria-labelledby={`${id}-title`} data-testid="account-form" noValidate>
      <h2 id={`${id}-title`} className="section-title">{account ? t('staff.formEdit', { name: account.displayName }) : t('staff.formNew')}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor={`${id}-username`}>{t('staff.username')}</label>
          <input id={`${id}-username`} ref={account ? undefined : first} className="input font-mono" required maxLength={32} autoComplete="off"
            autoCapitalize="none" spellCheck={false} value={f.username} disabled={!!account} aria-describedby={`${id}-username-hint`}
            onChange={(e) => set({ username: e.target.value.toLowerCase() })} data-testid="account-username" />
          <p id={`${id}-username-hint`} className="mt-1 text-xs text-slate-500">{t('staff.usernameHint')}</p>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-display`}>{t('staff.displayName')}</label>
          <input id={`${id}-display`} ref={account ? first : undefined} className="input" required maxLength={40} value={f.displayName}
            placeholder={t('staff.displayNameHint')} onChange={(e) => set({ displayName: e.target.value })} data-testid="account-display-name" />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-role`}>{t('staff.role')}</label>
          <select id={`${id}-role`} className="input" value={f.role} onChange={(e) => set({ role: e.target.value as Role })} data-testid="account-role">
            {ROLES.map((r) => <option key={r} value={r}>{tc(`role.${r}`)}</option>)}
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-unit`}>{t('staff.unit')}</label>
          <select id={`${id}-unit`} className="input" value={f.unitId} required={f.role === 'unit_editor'} aria-invalid={needsUnit}
            aria-describedby={`${id}-unit-hint`} onChange={(e) => set({ unitId: e.target.value })} data-testid="account-unit">
            <option value="">{t('staff.noUnit')}</option>
            {choices.map((u) => <option key={u.id} value={u.id}>{unitName(u, i18n.language)}</option>)}
          </select>
          <p id={`${id}-unit-hint`} className={`mt-1 text-xs ${needsUnit ? 'text-red-700' : 'text-slate-500'}`} role={needsUnit ? 'alert' : undefined}>
            {needsUnit ? t('staff.unitRequired') : t('staff.unitHint')}
          </p>
        </div>
      </div>
      {changesRights && <p className="text-sm text-amber-800" data-testid="account-relogin-note">{t('staff.reloginNote')}</p>}
      {error && <ErrorMessage error={error} testId="account-form-error" text={errorText} />}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" data-testid="account-submit"
          disabled={busy || needsUnit || !f.displayName.trim() || (!account && f.username.trim().length < 3)}>
          {busy ? t('staff.saving') : account ? t('staff.save') : t('staff.create')}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel} data-testid="account-cancel">{tc('common.cancel')}</button>
      </div>
    </form>
  )
}
