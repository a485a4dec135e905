import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanEntryDto, PlanGridDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { planApi } from './api.ts'
import { ConflictBadges } from './ConflictList.tsx'
import { conflictsOfEntry, defaultTimes } from './grid.ts'

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** One placed proposal: move it to another month, set its date and times, or take it off the grid. */
export function EntryCard({ grid, entry, onGrid }: { grid: PlanGridDto; entry: PlanEntryDto; onGrid: (g: PlanGridDto) => void }) {
  const { t } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const p = entry.proposal
  const defaults = defaultTimes(p.halfDay)
  const [date, setDate] = useState(entry.date ?? '')
  const [start, setStart] = useState(entry.start ?? defaults.start)
  const [end, setEnd] = useState(entry.end ?? defaults.end)
  const [moveTo, setMoveTo] = useState(entry.month)
  const action = useAction<PlanGridDto>(onGrid)
  const id = `entry-${entry.id}`
  const lead = p.units.find((u) => u.role === 'lead')?.name ?? ''
  const joint = p.units.filter((u) => u.role === 'joint').map((u) => u.name).join(tc('common.listSeparator'))

  return (
    <li className="card p-3" data-testid="plan-entry" data-entry-id={entry.id} data-proposal-id={entry.proposalId} data-month={entry.month} data-date={entry.date ?? ''}>
      <h4 className="user-text font-medium text-slate-900" id={`${id}-theme`} data-testid="plan-entry-theme">{p.theme}</h4>
      <p className="text-xs text-slate-600">
        {lead}{joint && ` · ${t('public.jointWith', { names: joint })}`} · {p.form ? tc(`eventForm.${p.form}`) : t('admin.noForm')} · {t(`halfDay.${p.halfDay}`)}
      </p>
      {entry.event && <p className="text-xs text-slate-500" data-testid="plan-entry-event" data-status={entry.event.status}>{t('admin.eventState', { status: t(`eventStatus.${entry.event.status as 'draft' | 'planned' | 'published' | 'done' | 'cancelled'}`), sequence: entry.event.sequence })}</p>}
      <ConflictBadges grid={grid} conflicts={conflictsOfEntry(grid.conflicts, entry.id)} />
      <form className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4" aria-labelledby={`${id}-theme`}
        onSubmit={(e) => { e.preventDefault(); if (date) void action.run(() => planApi.update(grid.year, entry.id, { revision: entry.revision, date, start, end })) }}>
        <div className="col-span-2 sm:col-span-1">
          <label className="label" htmlFor={`${id}-date`}>{t('admin.date')}</label>
          <input id={`${id}-date`} type="date" className="input" value={date} required data-testid="plan-entry-date"
            min={`${grid.year}-${pad(entry.month)}-01`} max={`${grid.year}-${pad(entry.month)}-${pad(lastDay(grid.year, entry.month))}`}
            onChange={(e) => setDate(e.target.value)} />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-start`}>{t('admin.start')}</label>
          <input id={`${id}-start`} type="time" className="input" value={start} required onChange={(e) => setStart(e.target.value)} data-testid="plan-entry-start" />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-end`}>{t('admin.end')}</label>
          <input id={`${id}-end`} type="time" className="input" value={end} required onChange={(e) => setEnd(e.target.value)} data-testid="plan-entry-end" />
        </div>
        <div className="col-span-2 flex items-end sm:col-span-1">
          <button type="submit" className="btn-primary w-full" disabled={action.busy || !date} data-testid="plan-entry-save">{t('admin.saveDate')}</button>
        </div>
      </form>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <label className="label" htmlFor={`${id}-month`}>{t('admin.moveTo')}</label>
          <select id={`${id}-month`} className="input py-1" value={moveTo} disabled={action.busy} data-testid="plan-entry-month"
            onChange={(e) => setMoveTo(Number(e.target.value))}>
            {grid.months.map((m) => <option key={m} value={m}>{t('public.monthName', { month: m })}</option>)}
          </select>
        </div>
        <button type="button" className="btn-secondary py-1" disabled={action.busy || moveTo === entry.month} data-testid="plan-entry-move"
          onClick={() => void action.run(() => planApi.update(grid.year, entry.id, { revision: entry.revision, month: moveTo }))}>{t('admin.move')}</button>
        <button type="button" className="btn-danger py-1" disabled={action.busy} data-testid="plan-entry-remove"
          aria-label={t('admin.removeLabel', { theme: p.theme })}
          onClick={() => void action.run(() => planApi.remove(grid.year, entry.id, entry.revision))}>{t('admin.remove')}</button>
      </div>
      {action.error && <ErrorMessage error={action.error} testId="plan-entry-error"
        text={action.error.code === 'CONFLICT' && /revision/.test(action.error.message) ? t('admin.stale') : undefined} />}
    </li>
  )
}
