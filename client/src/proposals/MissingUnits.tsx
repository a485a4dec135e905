import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from './api.ts'

/** The active units that have not submitted for the year, each with a reminder button, and one for all. */
export function MissingUnits({ year }: { year: number }) {
  const { t, i18n } = useTranslation('proposals')
  const missing = useAsync(() => proposalsApi.missing(year), `missing:${year}`)
  const [done, setDone] = useState<number | null>(null)
  const remind = useAction<{ reminded: number }>((r) => { setDone(r.reminded); missing.reload() })
  const units = missing.data ?? []
  return (
    <section className="card space-y-2 p-4" aria-labelledby="missing-h" data-testid="missing-units" data-count={units.length}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="missing-h" className="section-title flex-1">{t('missing.title', { n: units.length })}</h2>
        <button type="button" className="btn-secondary" disabled={!units.length || remind.busy} data-testid="remind-all"
          onClick={() => { void remind.run(() => proposalsApi.remind(year, {})) }}>{t('missing.remindAll')}</button>
      </div>
      {missing.loading && !missing.data && <Loading />}
      {missing.error && <ErrorMessage error={missing.error} onRetry={missing.reload} />}
      {remind.error && <ErrorMessage error={remind.error} />}
      {done !== null && <p role="status" className="text-sm text-green-800" data-testid="remind-done">{t('missing.reminded', { n: done })}</p>}
      {missing.data && units.length === 0 && <p className="text-sm text-slate-500" data-testid="missing-none">{t('missing.none')}</p>}
      <ul className="divide-y divide-slate-100">
        {units.map((u) => (
          <li key={u.id} className="flex flex-wrap items-center gap-2 py-1.5 text-sm" data-testid="missing-unit" data-unit-id={u.id}>
            <span className="flex-1">{u.name}</span>
            {u.drafts > 0 && <span className="text-xs text-slate-600">{t('missing.drafts', { n: u.drafts })}</span>}
            {u.lastRemindedAt && <span className="text-xs text-slate-500">{t('missing.lastReminded', { at: formatDate(u.lastRemindedAt, i18n.language) })}</span>}
            <button type="button" className="btn-secondary py-1" disabled={remind.busy} aria-label={t('missing.remindLabel', { unit: u.name })} data-testid="remind-unit"
              onClick={() => { void remind.run(() => proposalsApi.remind(year, { unitIds: [u.id] })) }}>{t('missing.remind')}</button>
          </li>
        ))}
      </ul>
    </section>
  )
}
