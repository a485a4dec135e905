import type { ArchiveListItemDto, ArchiveListPageDto } from '@openday/protocol'
import { useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormLabel } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { api } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { Figures } from './Figures.tsx'
import { appendPage, pageSizeFrom } from './paging.ts'

/** The pages loaded after the first one, for the first page they continue. */
interface More { after: ArchiveListPageDto; items: ArchiveListItemDto[]; nextCursor: string | null; firstNew: string | null }

export function ArchiveListPage() {
  const { t, i18n } = useTranslation()
  const [params] = useSearchParams()
  const size = pageSizeFrom(params.get('size'))
  const { data, error, loading, reload } = useAsync(() => api.archiveList({ size }), `archive-list:${size ?? ''}`)
  const [more, setMore] = useState<More | null>(null)
  // A reload of the first page starts the list again.
  const current = more && more.after === data ? more : null
  const items = data ? (current?.items ?? data.items) : []
  const nextCursor = current ? current.nextCursor : (data?.nextCursor ?? null)
  const loadMore = useAction((page: ArchiveListPageDto) => {
    if (!data) return
    const shown = current?.items ?? data.items
    const all = appendPage(shown, page)
    setMore({ after: data, items: all, nextCursor: page.nextCursor, firstNew: all[shown.length]?.session.id ?? null })
  })

  // Keyboard and screen-reader users land on the first session just loaded, not back at the top.
  const links = useRef(new Map<string, HTMLAnchorElement>())
  const firstNew = current?.firstNew ?? null
  useEffect(() => {
    if (firstNew) links.current.get(firstNew)?.focus()
  }, [firstNew])

  return (
    <div className="space-y-4">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('archive.listTitle')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('archive.listIntro')}</p>
      </section>
      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && items.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="archive-list-empty">{t('archive.empty')}</p>}
      {data && items.length > 0 && (
        <>
          <ul className="space-y-3" data-testid="archive-list" aria-busy={loadMore.busy}>
            {items.map((item) => (
              <li key={item.session.id} className="card p-4" data-testid="archive-item" data-session-id={item.session.id}>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <FormLabel form={item.session.kind} />
                  <time className="text-xs text-slate-500" dateTime={item.session.startedAt ?? item.session.scheduledStart}>
                    {formatDate(item.session.startedAt ?? item.session.scheduledStart, i18n.language, 'date')}
                  </time>
                </div>
                <h2 className="mt-1 text-base font-bold text-slate-900">
                  <Link
                    to={`/archive/${encodeURIComponent(item.session.id)}`}
                    className="hover:text-accent"
                    data-testid="archive-link"
                    data-session-id={item.session.id}
                    ref={(el) => { if (el) links.current.set(item.session.id, el); else links.current.delete(item.session.id) }}
                  >
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
          <nav className="flex flex-col items-center gap-2 py-2" aria-label={t('archive.pagesLabel')}>
            {/* Announced when more sessions come in. */}
            <p className="text-sm text-slate-500" role="status" data-testid="archive-shown" data-shown={items.length} data-total={data.total}>
              {t('archive.shown', { shown: items.length, total: Math.max(data.total, items.length) })}
            </p>
            {loadMore.error && <ErrorMessage error={loadMore.error} testId="archive-more-error" />}
            {nextCursor && (
              <button
                type="button"
                className="btn-secondary"
                data-testid="archive-more"
                disabled={loadMore.busy}
                onClick={() => void loadMore.run(() => api.archiveList({ cursor: nextCursor, size }))}
              >
                {loadMore.busy ? t('archive.loadingMore') : t('archive.more')}
              </button>
            )}
          </nav>
        </>
      )}
    </div>
  )
}
