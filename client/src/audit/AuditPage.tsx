import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntryDto, AuditFilter, AuditPageDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { auditApi } from './api.ts'
import { ACTION_PREFIXES, appendEntries, detailText, EMPTY_FORM, rangeInvalid, TARGET_TYPES, toFilter, type AuditForm } from './filters.ts'

/** Pages loaded after the first one, for the first page they continue. */
interface More { after: AuditPageDto; items: AuditEntryDto[]; nextCursor: string | null; firstNew: string | null }

/** /admin/audit: who did what and when, newest first; a table on a desk, a list of cards on a phone. */
export function AuditPage() {
  const { t, i18n } = useTranslation('audit')
  const { t: tr } = useTranslation()
  const uid = useId()
  const [form, setForm] = useState<AuditForm>(EMPTY_FORM)
  const [filter, setFilter] = useState<AuditFilter>({})
  const actors = useAsync(() => auditApi.actors(), 'audit-actors')
  const first = useAsync(() => auditApi.page(filter), `audit:${JSON.stringify(filter)}`)
  const [more, setMore] = useState<More | null>(null)
  const current = more && more.after === first.data ? more : null
  const items = first.data ? (current?.items ?? first.data.items) : []
  const nextCursor = current ? current.nextCursor : (first.data?.nextCursor ?? null)
  const loadMore = useAction((page: AuditPageDto) => {
    if (!first.data) return
    const shown = current?.items ?? first.data.items
    const all = appendEntries(shown, page.items)
    setMore({ after: first.data, items: all, nextCursor: page.nextCursor, firstNew: all[shown.length]?.id ?? null })
  })

  // Keyboard and screen-reader users land on the first entry just loaded.
  const rows = useRef(new Map<string, HTMLTableRowElement>())
  const firstNew = current?.firstNew ?? null
  useEffect(() => {
    if (firstNew) rows.current.get(firstNew)?.focus()
  }, [firstNew])

  const invalid = rangeInvalid(form)
  const apply = (e: FormEvent) => {
    e.preventDefault()
    if (!invalid) setFilter(toFilter(form))
  }
  const reset = () => {
    setForm(EMPTY_FORM)
    setFilter({})
  }
  const field = (k: keyof AuditForm) => ({
    id: `${uid}-${k}`, value: form[k], className: 'input', 'data-testid': `audit-filter-${k}`,
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  })
  const roleName = (role: string) => (role === 'anonymous' ? t('anonymous') : tr(`role.${role as 'admin'}`, { defaultValue: role }))

  return (
    <div className="space-y-4" data-testid="audit-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
        <form onSubmit={apply} className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="audit-filters" aria-label={t('filters')}>
          <div>
            <label htmlFor={`${uid}-actorId`} className="label">{t('actor')}</label>
            <select {...field('actorId')}>
              <option value="">{t('anyone')}</option>
              {(actors.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.displayName} ({a.username})</option>)}
            </select>
          </div>
          <div>
            <label htmlFor={`${uid}-action`} className="label">{t('action')}</label>
            <input {...field('action')} list={`${uid}-actions`} placeholder={t('actionPlaceholder')} aria-describedby={`${uid}-action-hint`} autoComplete="off" />
            <datalist id={`${uid}-actions`}>{ACTION_PREFIXES.map((p) => <option key={p} value={p} />)}</datalist>
            <p id={`${uid}-action-hint`} className="mt-1 text-xs text-slate-500">{t('actionHint')}</p>
          </div>
          <div>
            <label htmlFor={`${uid}-targetType`} className="label">{t('targetType')}</label>
            <input {...field('targetType')} list={`${uid}-types`} autoComplete="off" />
            <datalist id={`${uid}-types`}>{TARGET_TYPES.map((p) => <option key={p} value={p} />)}</datalist>
          </div>
          <div>
            <label htmlFor={`${uid}-targetId`} className="label">{t('targetId')}</label>
            <input {...field('targetId')} autoComplete="off" />
          </div>
          <div>
            <label htmlFor={`${uid}-from`} className="label">{t('from')}</label>
            <input {...field('from')} type="date" aria-describedby={`${uid}-zone`} aria-invalid={invalid} />
          </div>
          <div>
            <label htmlFor={`${uid}-to`} className="label">{t('to')}</label>
            <input {...field('to')} type="date" aria-describedby={`${uid}-zone`} aria-invalid={invalid} />
          </div>
          <p id={`${uid}-zone`} className="text-xs text-slate-500 sm:col-span-2 lg:col-span-3">{t('zoneHint')}</p>
          {invalid && <p role="alert" className="text-sm text-red-800 sm:col-span-2 lg:col-span-3" data-testid="audit-range-error">{t('rangeInvalid')}</p>}
          <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
            <button type="submit" className="btn-primary" disabled={invalid} data-testid="audit-apply">{t('apply')}</button>
            <button type="button" className="btn-secondary" onClick={reset} data-testid="audit-reset">{t('reset')}</button>
          </div>
        </form>
      </section>

      {first.loading && <Loading />}
      {first.error && <ErrorMessage error={first.error} onRetry={first.reload} />}
      {first.data && items.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="audit-empty">{t('empty')}</p>}
      {first.data && items.length > 0 && (
        <>
          {/* A table with its header on wide screens; each row a labelled card on a phone. */}
          <table className="block w-full text-sm md:table md:rounded md:border md:border-slate-200 md:bg-white" data-testid="audit-table" aria-busy={loadMore.busy}>
            <caption className="sr-only">{t('caption')}</caption>
            <thead className="sr-only md:not-sr-only md:table-header-group">
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                {(['at', 'actor', 'action', 'target', 'detail', 'ip'] as const).map((c) => <th key={c} scope="col" className="px-3 py-2 font-medium">{t(`col.${c}`)}</th>)}
              </tr>
            </thead>
            <tbody className="block space-y-2 md:table-row-group md:space-y-0">
              {items.map((e) => (
                <tr key={e.id} tabIndex={-1} className="card block p-3 align-top outline-none focus:ring-2 focus:ring-accent md:table-row md:rounded-none md:border-0 md:border-b md:p-0 md:shadow-none"
                  ref={(el) => { if (el) rows.current.set(e.id, el); else rows.current.delete(e.id) }}
                  data-testid="audit-entry" data-entry-id={e.id} data-action={e.action} data-target-id={e.targetId}>
                  <Cell label={t('col.at')}><time dateTime={e.at}>{formatDate(e.at, i18n.language, 'date')} {formatDate(e.at, i18n.language, 'timeSeconds')}</time></Cell>
                  <Cell label={t('col.actor')}>
                    <span data-testid="audit-actor">{e.actor ? e.actor.displayName : t('anonymous')}</span>
                    <span className="block text-xs text-slate-500">{e.actor ? `${e.actor.username} · ` : ''}{roleName(e.actorRole)}</span>
                  </Cell>
                  <Cell label={t('col.action')}><code className="break-all">{e.action}</code></Cell>
                  <Cell label={t('col.target')}><span className="break-all">{e.targetType}: {e.targetId}</span></Cell>
                  <Cell label={t('col.detail')}><code className="user-text block text-xs text-slate-700" data-testid="audit-detail">{detailText(e.detail)}</code></Cell>
                  <Cell label={t('col.ip')}><span className="break-all text-xs">{e.ip ?? ''}</span></Cell>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="flex flex-col items-center gap-2 py-2" aria-label={t('pages')}>
            <p className="text-sm text-slate-500" role="status" data-testid="audit-shown" data-shown={items.length}>{t('shown', { n: items.length })}</p>
            {loadMore.error && <ErrorMessage error={loadMore.error} testId="audit-more-error" />}
            {nextCursor && (
              <button type="button" className="btn-secondary" disabled={loadMore.busy} data-testid="audit-more"
                onClick={() => void loadMore.run(() => auditApi.page(filter, nextCursor))}>
                {loadMore.busy ? t('loadingMore') : t('more')}
              </button>
            )}
          </nav>
        </>
      )}
    </div>
  )
}

function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td className="block py-0.5 md:table-cell md:px-3 md:py-2">
      <span className="mr-1 text-xs text-slate-500 md:hidden" aria-hidden="true">{label}</span>
      {children}
    </td>
  )
}
