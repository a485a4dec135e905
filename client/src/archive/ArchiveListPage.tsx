import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormLabel } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { api } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { Figures } from './Figures.tsx'

export function ArchiveListPage() {
  const { t, i18n } = useTranslation()
  const { data, error, loading, reload } = useAsync(() => api.archiveList(), 'archive-list')
  return (
    <div className="space-y-4">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('archive.listTitle')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('archive.listIntro')}</p>
      </section>
      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="archive-list-empty">{t('archive.empty')}</p>}
      {data && data.length > 0 && (
        <ul className="space-y-3" data-testid="archive-list">
          {data.map((item) => (
            <li key={item.session.id} className="card p-4" data-testid="archive-item" data-session-id={item.session.id}>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <FormLabel form={item.session.kind} />
                <time className="text-xs text-slate-500" dateTime={item.session.startedAt ?? item.session.scheduledStart}>
                  {formatDate(item.session.startedAt ?? item.session.scheduledStart, i18n.language, 'date')}
                </time>
              </div>
              <h2 className="mt-1 text-base font-bold text-slate-900">
                <Link to={`/archive/${encodeURIComponent(item.session.id)}`} className="hover:text-accent" data-testid="archive-link" data-session-id={item.session.id}>
                  {item.eventTheme}
                </Link>
              </h2>
              {item.session.title !== item.eventTheme && <p className="text-sm text-slate-700">{item.session.title}</p>}
              {item.hostUnits.length > 0 && (
                <p className="mt-1 text-sm text-slate-600" data-testid="archive-host-units">
                  <span className="text-slate-500">{t('event.hostUnits')}</span>
                  {item.hostUnits.join(t('common.listSeparator'))}
                </p>
              )}
              <div className="mt-3"><Figures figures={item.figures} compact /></div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
