import { useId, useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ROLES, type AccountDto, type AccountFilter, type OneTimePasswordDto, type Role } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { unitName } from '../components/EventInfo.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { accountsApi } from './api.ts'
import { AccountForm } from './AccountForm.tsx'
import { OneTimePasswordNotice } from './OneTimePasswordNotice.tsx'

type Pending = { kind: 'reset' | 'disable' | 'enable'; account: AccountDto }
type Status = '' | 'active' | 'disabled'

function Filters({ filter, status, units, onChange }: {
  filter: AccountFilter; status: Status; units: { id: string; label: string }[]; onChange: (f: AccountFilter, s: Status) => void
}) {
  const { t } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const id = useId()
  const active = (s: Status) => (s === '' ? undefined : s === 'active')
  return (
    <fieldset className="mt-3 flex flex-wrap items-end gap-3" data-testid="account-filters">
      <legend className="sr-only">{t('staff.filters')}</legend>
      <div>
        <label className="label" htmlFor={`${id}-role`}>{t('staff.filterRole')}</label>
        <select id={`${id}-role`} className="input py-1" value={filter.role ?? ''} data-testid="filter-role"
          onChange={(e) => onChange({ ...filter, role: (e.target.value || undefined) as Role | undefined }, status)}>
          <option value="">{t('staff.all')}</option>
          {ROLES.map((r) => <option key={r} value={r}>{tc(`role.${r}`)}</option>)}
        </select>
      </div>
      <div>
        <label className="label" htmlFor={`${id}-unit`}>{t('staff.filterUnit')}</label>
        <select id={`${id}-unit`} className="input py-1" value={filter.unitId ?? ''} data-testid="filter-unit"
          onChange={(e) => onChange({ ...filter, unitId: e.target.value || undefined }, status)}>
          <option value="">{t('staff.all')}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
        </select>
      </div>
      <div>
        <label className="label" htmlFor={`${id}-status`}>{t('staff.filterStatus')}</label>
        <select id={`${id}-status`} className="input py-1" value={status} data-testid="filter-status"
          onChange={(e) => { const s = e.target.value as Status; onChange({ ...filter, active: active(s) }, s) }}>
          <option value="">{t('staff.all')}</option>
          <option value="active">{t('staff.statusActive')}</option>
          <option value="disabled">{t('staff.statusDisabled')}</option>
        </select>
      </div>
    </fieldset>
  )
}

function AccountRow({ account, you, onEdit, onAction }: { account: AccountDto; you: boolean; onEdit: () => void; onAction: (kind: Pending['kind']) => void }) {
  const { t, i18n } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const name = account.displayName
  return (
    <li className={`flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-3 ${account.active ? '' : 'bg-slate-50'}`} data-testid="account-row"
      data-account-id={account.id} data-username={account.username} data-active={String(account.active)} data-must-change={String(account.mustChangePassword)}>
      <div className="min-w-0 flex-1">
        <p className={`font-medium ${account.active ? 'text-slate-900' : 'text-slate-500'}`}>
          {name} {you && <span className="text-xs font-normal text-slate-500">{t('staff.you')}</span>}
          <span className="ml-2 font-mono text-xs text-slate-500">{account.username}</span>
        </p>
        <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-600">
          <span data-testid="account-role">{tc(`role.${account.role}`)}</span>
          {account.unit && <span data-testid="account-unit">{unitName(account.unit, i18n.language)}</span>}
          <span className={account.active ? 'text-green-700' : 'text-accent'} data-testid="account-status">{account.active ? t('staff.active') : t('staff.disabled')}</span>
          {account.mustChangePassword && <span className="rounded bg-amber-100 px-1.5 text-amber-900" data-testid="account-must-change">{t('staff.mustChange')}</span>}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary py-1" onClick={onEdit} aria-label={t('staff.editLabel', { name })} data-testid="account-edit">{t('staff.edit')}</button>
        {/* Your own password: the change-password page (a reset would log you out before you could read it). */}
        {you
          ? <Link to="/account/password" className="btn-secondary py-1" data-testid="account-own-password">{tc('nav.changePassword')}</Link>
          : <button type="button" className="btn-secondary py-1" onClick={() => onAction('reset')} aria-label={t('staff.resetLabel', { name })} data-testid="account-reset">{t('staff.reset')}</button>}
        {account.active
          ? <button type="button" className="btn-danger py-1" onClick={() => onAction('disable')} aria-label={t('staff.disableLabel', { name })} data-testid="account-disable">{t('staff.disable')}</button>
          : <button type="button" className="btn-secondary py-1" onClick={() => onAction('enable')} aria-label={t('staff.enableLabel', { name })} data-testid="account-enable">{t('staff.enable')}</button>}
      </div>
    </li>
  )
}

/** /admin/accounts — staff accounts: create, edit, reset the password, disable and enable. */
export function AccountsPage() {
  const { t, i18n } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const { user } = useAuth()
  const [filter, setFilter] = useState<AccountFilter>({})
  const [status, setStatus] = useState<Status>('')
  const list = useAsync(() => accountsApi.accounts(filter), `admin-accounts:${JSON.stringify(filter)}`)
  const units = useAsync(() => accountsApi.units(), 'admin-units')
  const [editing, setEditing] = useState<AccountDto | 'new' | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [otp, setOtp] = useState<OneTimePasswordDto | null>(null)
  const upsert = (a: AccountDto) => list.setData((prev) => (prev?.some((x) => x.id === a.id) ? prev.map((x) => (x.id === a.id ? a : x)) : [...(prev ?? []), a]))
  const action = useAction<AccountDto | OneTimePasswordDto>((r) => {
    if ('oneTimePassword' in r) { upsert(r.account); setOtp(r) } else upsert(r)
  })

  const confirm = () => {
    if (!pending) return
    const { kind, account } = pending
    setPending(null)
    void action.run(() => (kind === 'reset' ? accountsApi.resetPassword(account.id) : kind === 'disable' ? accountsApi.disable(account.id) : accountsApi.enable(account.id)))
  }
  const unitOptions = (units.data ?? []).map((u) => ({ id: u.id, label: unitName(u, i18n.language) }))
  const form = editing && units.data && (
    <AccountForm key={editing === 'new' ? 'new' : editing.id} account={editing === 'new' ? undefined : editing} units={units.data}
      onCreated={(r) => { upsert(r.account); setOtp(r); setEditing(null) }} onSaved={(a) => { upsert(a); setEditing(null) }} onCancel={() => setEditing(null)} />
  )
  const dialog = pending && {
    reset: { title: t('staff.resetTitle', { name: pending.account.displayName }), body: t('staff.resetBody'), label: t('staff.reset') },
    disable: { title: t('staff.disableTitle', { name: pending.account.displayName }), body: t('staff.disableBody'), label: t('staff.disable') },
    enable: { title: t('staff.enableTitle', { name: pending.account.displayName }), body: t('staff.enableBody'), label: t('staff.enable') },
  }[pending.kind]
  const accounts = list.data ?? []
  const lastAdmin = action.error?.code === 'CONFLICT' && /last active admin/.test(action.error.message)

  return (
    <div className="space-y-4" data-testid="accounts-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('staff.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('staff.intro')}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className="btn-primary" onClick={() => { setOtp(null); setEditing('new') }} disabled={editing === 'new' || !units.data} data-testid="account-new">{t('staff.new')}</button>
          <Link to="/admin/units" className="btn-secondary" data-testid="accounts-to-units">{tc('console.units')}</Link>
        </div>
        <Filters filter={filter} status={status} units={unitOptions} onChange={(f, s) => { setFilter(f); setStatus(s) }} />
      </section>
      {otp && <OneTimePasswordNotice result={otp} onDone={() => setOtp(null)} />}
      {editing === 'new' && form}
      {units.error && <ErrorMessage error={units.error} onRetry={units.reload} />}
      {action.error && <ErrorMessage error={action.error} testId="account-action-error" text={lastAdmin ? t('staff.lastAdmin') : undefined} />}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && accounts.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="account-list-empty">{t('staff.empty')}</p>}
      {accounts.length > 0 && (
        <>
          <p className="text-xs text-slate-500" aria-live="polite" data-testid="account-count">{t('staff.count', { count: accounts.length })}</p>
          <ul className="card divide-y divide-slate-100" data-testid="account-list" data-count={accounts.length}>
            {accounts.map((a) => (editing !== 'new' && editing?.id === a.id
              ? <li key={a.id} className="p-2">{form}</li>
              : <AccountRow key={a.id} account={a} you={a.id === user?.id} onEdit={() => { setOtp(null); setEditing(a) }} onAction={(kind) => setPending({ kind, account: a })} />))}
          </ul>
        </>
      )}
      {pending && dialog && (
        <ConfirmDialog title={dialog.title} body={dialog.body} confirmLabel={dialog.label} busy={action.busy} onConfirm={confirm} onCancel={() => setPending(null)} />
      )}
    </div>
  )
}
