import { useTranslation } from 'react-i18next'
import type { UnitNoticeDto } from '@openday/protocol'
import { Link } from 'react-router'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from './api.ts'

/** The unit's notices on its editors' console: the office's reminders, returned and approved proposals. Dismissed for the whole unit. */
export function UnitNotices() {
  const { t, i18n } = useTranslation('proposals')
  const notices = useAsync(() => proposalsApi.notices(), 'unit-notices')
  const dismiss = useAction<UnitNoticeDto>((n) => notices.setData((prev) => prev?.filter((x) => x.id !== n.id)))
  if (!notices.data?.length && !notices.error) return null
  return (
    <section className="card space-y-2 border-l-4 border-l-amber-500 p-4" aria-labelledby="unit-notices-h" data-testid="unit-notices">
      <h2 id="unit-notices-h" className="section-title">{t('notices.title')}</h2>
      {notices.error && <ErrorMessage error={notices.error} onRetry={notices.reload} />}
      {dismiss.error && <ErrorMessage error={dismiss.error} />}
      <ul className="space-y-2">
        {(notices.data ?? []).map((n) => (
          <li key={n.id} className="flex flex-wrap items-start gap-2 text-sm" data-testid="unit-notice" data-kind={n.kind} data-notice-id={n.id}>
            <div className="min-w-0 flex-1">
              <p className="font-medium">{t(`notices.kind.${n.kind === 'returned' || n.kind === 'approved' || n.kind === 'plan_published' ? n.kind : 'reminder'}`, { year: n.year ?? '' })}</p>
              {n.message && <p className="user-text text-slate-700">{n.message}</p>}
              <p className="text-xs text-slate-500">{formatDate(n.createdAt, i18n.language)}</p>
            </div>
            <Link to={n.year ? `/unit/proposals?year=${n.year}` : '/unit/proposals'} className="btn-secondary py-1" data-testid="unit-notice-open">{t('notices.open')}</Link>
            <button type="button" className="btn-secondary py-1" disabled={dismiss.busy} onClick={() => { void dismiss.run(() => proposalsApi.readNotice(n.id)) }}
              aria-label={t('notices.dismissLabel')} data-testid="unit-notice-dismiss">{t('notices.dismiss')}</button>
          </li>
        ))}
      </ul>
    </section>
  )
}
