import { useCallback, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ProposalDto, ProposalSummaryDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from './api.ts'
import { ProposalEditor } from './ProposalEditor.tsx'
import { ProposalStatusBadge, VersionHistory } from './VersionHistory.tsx'

function ProposalRow({ p, own, open, onOpen }: { p: ProposalSummaryDto; own: boolean; open: boolean; onOpen: () => void }) {
  const { t } = useTranslation('proposals')
  return (
    <li className={`flex flex-wrap items-center gap-2 px-4 py-2 ${open ? 'bg-accent-soft' : ''}`} data-testid="unit-proposal-row" data-proposal-id={p.id} data-status={p.status}>
      <button type="button" className="min-w-0 flex-1 text-left underline-offset-2 hover:underline" onClick={onOpen} aria-current={open} data-testid="unit-proposal-open">
        {p.theme || t('untitled')}
      </button>
      {!own && <span className="text-xs text-slate-600" data-testid="proposal-joint-of">{t('unit.jointOf', { unit: p.unit.name })}</span>}
      <ProposalStatusBadge status={p.status} late={p.late} />
    </li>
  )
}

function Detail({ id, onChanged }: { id: string; onChanged: (p: ProposalDto) => void }) {
  const years = useAsync(() => proposalsApi.yearNotices(), 'year-notices')
  const units = useAsync(() => proposalsApi.units(), 'units')
  const p = useAsync(() => proposalsApi.get(id), `proposal:${id}`)
  const [versions, setVersions] = useState(0)
  const changed = useCallback((x: ProposalDto) => { setVersions(x.versions); onChanged(x) }, [onChanged])
  if (p.loading && !p.data) return <Loading />
  if (p.error) return <ErrorMessage error={p.error} onRetry={p.reload} />
  const proposal = p.data!
  return (
    <div className="card space-y-4 p-4" data-testid="unit-proposal-detail">
      <ProposalEditor key={proposal.id} proposal={proposal} year={years.data?.find((y) => y.year === proposal.year)} units={units.data ?? []} onChanged={changed} />
      <VersionHistory proposalId={proposal.id} count={Math.max(versions, proposal.versions)} />
    </div>
  )
}

/** /unit/proposals — the unit editor's proposals of a year (own ones to edit, joint ones to read). */
export function UnitProposalsPage() {
  const { t, i18n } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const years = useAsync(() => proposalsApi.yearNotices(), 'year-notices')
  const chosen = Number(params.get('year')) || years.data?.[0]?.year
  const year = years.data?.find((y) => y.year === chosen)
  const list = useAsync(() => (chosen ? proposalsApi.unitList(chosen) : Promise.resolve([])), `unit-proposals:${chosen}`)
  const openId = params.get('p')
  const open = (id: string) => setParams((prev) => { const n = new URLSearchParams(prev); n.set('p', id); return n })
  const create = useAction<ProposalDto>((p) => { list.reload(); open(p.id) })
  const { setData } = list
  const onChanged = useCallback((p: ProposalDto) => {
    setData((prev) => prev?.map((x) => (x.id === p.id ? { ...x, theme: p.theme, status: p.status, late: p.late, versions: p.versions } : x)))
  }, [setData])

  return (
    <div className="space-y-4" data-testid="unit-proposals-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('unit.title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('unit.title')}</h1>
        {years.error && <ErrorMessage error={years.error} onRetry={years.reload} />}
        {years.data && years.data.length === 0 && <p className="mt-2 text-sm text-slate-600" data-testid="unit-no-years">{t('unit.noYears')}</p>}
        {years.data && years.data.length > 0 && (
          <div className="mt-3 flex flex-wrap items-end gap-3">
            <div>
              <label className="label" htmlFor="unit-year">{t('year')}</label>
              <select id="unit-year" className="input" value={chosen} data-testid="unit-year"
                onChange={(e) => setParams({ year: e.target.value })}>
                {years.data.map((y) => <option key={y.year} value={y.year}>{y.year}</option>)}
              </select>
            </div>
            <button type="button" className="btn-primary" disabled={!chosen || create.busy || user?.role !== 'unit_editor'} data-testid="unit-proposal-new"
              onClick={() => { if (chosen) void create.run(() => proposalsApi.create(chosen)) }}>{t('unit.new')}</button>
          </div>
        )}
        {year && (
          <div className="mt-3 space-y-1 text-sm" data-testid="year-notice">
            <p className="font-medium">{t('unit.deadline', { at: formatDate(year.deadline, i18n.language) })}</p>
            <p className="user-text text-slate-700">{year.notice}</p>
          </div>
        )}
        {create.error && <ErrorMessage error={create.error} />}
      </section>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && chosen && <p className="py-4 text-center text-sm text-slate-500" data-testid="unit-proposals-empty">{t('unit.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="unit-proposal-list">
          {list.data.map((p) => <ProposalRow key={p.id} p={p} own={p.unit.id === user?.unit?.id} open={p.id === openId} onOpen={() => open(p.id)} />)}
        </ul>
      )}
      {openId && <Detail key={openId} id={openId} onChanged={onChanged} />}
    </div>
  )
}
