import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EVENT_FORMS, type EventForm, type FieldDiff, type ProposalStatus } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from './api.ts'

const STATUS_CLASS: Record<ProposalStatus, string> = {
  draft: 'bg-slate-100 text-slate-700', submitted: 'bg-blue-100 text-blue-800', approved: 'bg-green-100 text-green-800', returned: 'bg-amber-100 text-amber-900',
}

export function ProposalStatusBadge({ status, late }: { status: ProposalStatus; late?: boolean }) {
  const { t } = useTranslation('proposals')
  return (
    <span className="inline-flex gap-1">
      <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_CLASS[status]}`} data-testid="proposal-status" data-status={status}>{t(`status.${status}`)}</span>
      {late && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800" data-testid="proposal-late">{t('late')}</span>}
    </span>
  )
}

/** Month, half-day and form are codes in a version: shown as their words. */
function useValueText(field: FieldDiff['field']): (v: string) => string {
  const { t } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  return (v) => {
    const code = v.replace(/\n$/, '')
    if (!code) return v
    if (field === 'month') return t('monthName', { month: code })
    if (field === 'halfDay' && (code === 'am' || code === 'pm')) return t(`halfDay.${code}`)
    if (field === 'form' && (EVENT_FORMS as readonly string[]).includes(code)) return tc(`eventForm.${code as EventForm}`)
    return v
  }
}

function FieldChanges({ f }: { f: FieldDiff }) {
  const { t } = useTranslation('proposals')
  const text = useValueText(f.field)
  return (
    <div data-testid="diff-field" data-field={f.field} data-changed={String(f.changed)}>
      <dt className="text-xs font-medium text-slate-600">{t(`field.${f.field}`)}{!f.changed && ` · ${t('diff.unchanged')}`}</dt>
      <dd className="user-text mt-0.5 rounded bg-slate-50 p-2 text-sm">
        {f.parts.map((p, i) => p.added
          ? <ins key={i} className="bg-green-100 text-green-900 no-underline" aria-label={t('diff.added', { text: text(p.value) })}>{text(p.value)}</ins>
          : p.removed
            ? <del key={i} className="mr-1 bg-red-100 text-red-900" aria-label={t('diff.removed', { text: text(p.value) })}>{text(p.value)}</del>
            : <span key={i}>{text(p.value)}</span>)}
      </dd>
    </div>
  )
}

/** Every submitted version of a proposal, and what changed between two of them, field by field. */
export function VersionHistory({ proposalId, count }: { proposalId: string; count: number }) {
  const { t, i18n } = useTranslation('proposals')
  const id = useId()
  const versions = useAsync(() => proposalsApi.versions(proposalId), `versions:${proposalId}:${count}`)
  const [pick, setPick] = useState<{ from: number; to: number } | null>(null)
  const n = versions.data?.length ?? 0
  const range = pick ?? (n >= 2 ? { from: n - 1, to: n } : null)
  const diff = useAsync(() => (range ? proposalsApi.diff(proposalId, range.from, range.to) : Promise.resolve(null)), `diff:${proposalId}:${range?.from}:${range?.to}`)
  if (versions.loading && !versions.data) return <Loading />
  if (versions.error) return <ErrorMessage error={versions.error} onRetry={versions.reload} />
  if (!n) return <p className="text-sm text-slate-500" data-testid="versions-empty">{t('versions.none')}</p>
  return (
    <section className="space-y-3" aria-labelledby={`${id}-h`} data-testid="version-history" data-count={n}>
      <h3 id={`${id}-h`} className="section-title">{t('versions.title')}</h3>
      <ol className="space-y-1 text-sm">
        {versions.data!.map((v) => (
          <li key={v.number} data-testid="version-item" data-number={v.number}>
            {t('versions.item', { number: v.number, at: formatDate(v.submittedAt, i18n.language), by: v.submittedBy })}
            {v.late && <span className="ml-2 text-xs text-red-700">{t('late')}</span>}
          </li>
        ))}
      </ol>
      {range && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-end gap-3">
            {(['from', 'to'] as const).map((k) => (
              <div key={k}>
                <label className="label" htmlFor={`${id}-${k}`}>{t(`versions.${k}`)}</label>
                <select id={`${id}-${k}`} className="input" value={range[k]} data-testid={`diff-${k}`}
                  onChange={(e) => setPick({ ...range, [k]: Number(e.target.value) })}>
                  {versions.data!.map((v) => <option key={v.number} value={v.number}>{t('versions.option', { number: v.number })}</option>)}
                </select>
              </div>
            ))}
          </div>
          {diff.error && <ErrorMessage error={diff.error} />}
          {diff.data && (
            <dl className="space-y-2" data-testid="version-diff" aria-live="polite">
              {diff.data.fields.map((f) => <FieldChanges key={f.field} f={f} />)}
            </dl>
          )}
        </div>
      )}
    </section>
  )
}
