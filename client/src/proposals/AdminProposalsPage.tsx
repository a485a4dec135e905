import { useId, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { PROPOSAL_STATUSES, type ProposalDto, type ProposalStatus } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from './api.ts'
import { MissingUnits } from './MissingUnits.tsx'
import { ProposalView } from './ProposalView.tsx'
import { ProposalStatusBadge, VersionHistory } from './VersionHistory.tsx'

/** One proposal for the office: its content, approve, or return with a reason; its versions and their differences. */
function Decide({ id, onDecided }: { id: string; onDecided: () => void }) {
  const { t, i18n } = useTranslation('proposals')
  const fid = useId()
  const p = useAsync(() => proposalsApi.get(id), `admin-proposal:${id}`)
  const [reason, setReason] = useState('')
  const decided = (x: ProposalDto) => { p.setData(() => x); setReason(''); onDecided() }
  const act = useAction<ProposalDto>(decided)
  if (p.loading && !p.data) return <Loading />
  if (p.error) return <ErrorMessage error={p.error} onRetry={p.reload} />
  const x = p.data!
  return (
    <section className="card space-y-4 p-4" aria-labelledby={`${fid}-h`} data-testid="admin-proposal-detail" data-proposal-id={x.id} data-status={x.status}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${fid}-h`} className="section-title flex-1">{x.theme || t('untitled')}</h2>
        <ProposalStatusBadge status={x.status} late={x.late} />
      </div>
      {x.submittedAt && <p className="text-xs text-slate-600">{t('admin.submittedAt', { at: formatDate(x.submittedAt, i18n.language) })}</p>}
      <ProposalView p={x} />
      {x.returnReason && <p className="text-sm text-amber-900" data-testid="admin-return-reason">{t('admin.returnedWith', { reason: x.returnReason })}</p>}
      {x.status === 'submitted' && (
        <div className="space-y-2 border-t border-slate-100 pt-3">
          <button type="button" className="btn-primary" disabled={act.busy} onClick={() => { void act.run(() => proposalsApi.approve(x.id)) }} data-testid="proposal-approve">{t('admin.approve')}</button>
          <div>
            <label className="label" htmlFor={`${fid}-r`}>{t('admin.reason')}</label>
            <textarea id={`${fid}-r`} className="input min-h-20" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="return-reason-input" aria-required="true" />
          </div>
          <button type="button" className="btn-danger" disabled={act.busy || !reason.trim()} onClick={() => { void act.run(() => proposalsApi.returnIt(x.id, reason)) }} data-testid="proposal-return">{t('admin.return')}</button>
          {act.error && <ErrorMessage error={act.error} testId="decide-error" />}
        </div>
      )}
      <VersionHistory proposalId={x.id} count={x.versions} />
    </section>
  )
}

/** /admin/proposals — the year's proposals by status and unit, the units that have not submitted, decisions. */
export function AdminProposalsPage() {
  const { t } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  const [params, setParams] = useSearchParams()
  const years = useAsync(() => proposalsApi.years(), 'admin-years')
  const units = useAsync(() => proposalsApi.units(), 'units')
  const year = Number(params.get('year')) || years.data?.[0]?.year
  const status = (params.get('status') ?? '') as ProposalStatus | ''
  const unitId = params.get('unit') ?? ''
  const openId = params.get('p')
  const set = (k: string, v: string) => setParams((prev) => { const n = new URLSearchParams(prev); if (v) n.set(k, v); else n.delete(k); return n })
  const list = useAsync(() => (year ? proposalsApi.adminList({ year, status, unitId }) : Promise.resolve([])), `admin-proposals:${year}:${status}:${unitId}`)

  return (
    <div className="space-y-4" data-testid="admin-proposals-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('admin.title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('admin.title')}</h1>
        {years.data && years.data.length === 0 && <p className="mt-2 text-sm" data-testid="admin-no-years">{t('admin.noYears')} <Link className="underline" to="/admin/years">{tc('nav.years')}</Link></p>}
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label className="label" htmlFor="ap-year">{t('year')}</label>
            <select id="ap-year" className="input" value={year ?? ''} onChange={(e) => set('year', e.target.value)} data-testid="admin-year">
              {(years.data ?? []).map((y) => <option key={y.year} value={y.year}>{y.year}</option>)}
            </select>
          </div>
          <div>
            <label className="label" htmlFor="ap-status">{t('admin.status')}</label>
            <select id="ap-status" className="input" value={status} onChange={(e) => set('status', e.target.value)} data-testid="admin-status">
              <option value="">{t('admin.any')}</option>
              {PROPOSAL_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </div>
          <div>
            <label className="label" htmlFor="ap-unit">{t('field.unit')}</label>
            <select id="ap-unit" className="input" value={unitId} onChange={(e) => set('unit', e.target.value)} data-testid="admin-unit">
              <option value="">{t('admin.any')}</option>
              {(units.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </div>
        </div>
      </section>
      {years.error && <ErrorMessage error={years.error} onRetry={years.reload} />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && year && <p className="py-4 text-center text-sm text-slate-500" data-testid="admin-proposals-empty">{t('admin.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="admin-proposal-list">
          {list.data.map((p) => (
            <li key={p.id} className={`flex flex-wrap items-center gap-2 px-4 py-2 ${p.id === openId ? 'bg-accent-soft' : ''}`} data-testid="admin-proposal-row" data-proposal-id={p.id} data-status={p.status}>
              <button type="button" className="min-w-0 flex-1 text-left hover:underline" aria-current={p.id === openId} onClick={() => set('p', p.id)} data-testid="admin-proposal-open">
                {p.theme || t('untitled')}
              </button>
              <span className="text-xs text-slate-600">{p.unit.name}{p.jointUnits.length > 0 && ` + ${p.jointUnits.map((u) => u.name).join(tc('common.listSeparator'))}`}</span>
              {p.month && <span className="text-xs text-slate-600">{t('monthName', { month: p.month })}</span>}
              <ProposalStatusBadge status={p.status} late={p.late} />
            </li>
          ))}
        </ul>
      )}
      {openId && <Decide key={openId} id={openId} onDecided={list.reload} />}
      {year && <MissingUnits key={year} year={year} />}
    </div>
  )
}
