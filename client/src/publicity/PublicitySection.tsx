import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { OUTLETS, type Outlet, type PublicityItemDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { publicityApi } from './api.ts'

function AddForm({ eventId, onAdded }: { eventId: string; onAdded: (x: PublicityItemDto) => void }) {
  const { t } = useTranslation('publicity')
  const id = useId()
  const journals = useAsync(() => publicityApi.journals(), 'journals')
  const [outlet, setOutlet] = useState<Outlet>('gov_website')
  const [journalId, setJournalId] = useState('')
  const [date, setDate] = useState('')
  const [title, setTitle] = useState('')
  const [source, setSource] = useState('')
  const [url, setUrl] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const journal = outlet === 'journal'
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      // The file first: the item names it, so an item never points at a file that failed.
      const uploadId = file ? (await publicityApi.upload(eventId, file)).id : null
      onAdded(await publicityApi.create(eventId, { outlet, journalId: journal ? journalId || null : null, date, title, source: journal ? '' : source, url, uploadId }))
      setTitle(''); setSource(''); setUrl(''); setFile(null)
      ;(e.target as HTMLFormElement).reset()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="grid gap-3 border-t border-slate-100 pt-3 sm:grid-cols-2" onSubmit={submit} aria-labelledby={`${id}-h`} data-testid="publicity-form">
      <h3 id={`${id}-h`} className="text-sm font-bold text-slate-900 sm:col-span-2">{t('add')}</h3>
      <div>
        <label className="label" htmlFor={`${id}-o`}>{t('outlet')}</label>
        <select id={`${id}-o`} className="input" value={outlet} onChange={(e) => setOutlet(e.target.value as Outlet)} data-testid="publicity-outlet">
          {OUTLETS.map((o) => <option key={o} value={o}>{t(`outlets.${o}`)}</option>)}
        </select>
      </div>
      {journal ? (
        <div>
          <label className="label" htmlFor={`${id}-j`}>{t('journal')}</label>
          <select id={`${id}-j`} className="input" value={journalId} onChange={(e) => setJournalId(e.target.value)} required data-testid="publicity-journal">
            <option value="">{t('chooseJournal')}</option>
            {(journals.data ?? []).map((j) => <option key={j.id} value={j.id}>{j.name}{j.bonus ? ` ${t('bonusMark')}` : ''}</option>)}
          </select>
        </div>
      ) : (
        <div>
          <label className="label" htmlFor={`${id}-s`}>{t('source')}</label>
          <input id={`${id}-s`} className="input" maxLength={100} value={source} onChange={(e) => setSource(e.target.value)} data-testid="publicity-source" />
        </div>
      )}
      <div>
        <label className="label" htmlFor={`${id}-d`}>{t('date')}</label>
        <input id={`${id}-d`} type="date" className="input" value={date} required onChange={(e) => setDate(e.target.value)} data-testid="publicity-date" />
      </div>
      <div>
        <label className="label" htmlFor={`${id}-t`}>{t('title')}</label>
        <input id={`${id}-t`} className="input" maxLength={200} value={title} required onChange={(e) => setTitle(e.target.value)} data-testid="publicity-title" />
      </div>
      <div>
        <label className="label" htmlFor={`${id}-u`}>{t('url')}</label>
        <input id={`${id}-u`} type="url" className="input" maxLength={500} value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} data-testid="publicity-url" />
      </div>
      <div>
        <label className="label" htmlFor={`${id}-f`}>{t('file')}</label>
        <input id={`${id}-f`} type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="input" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="publicity-file" />
      </div>
      {error && <div className="sm:col-span-2"><ErrorMessage error={error} testId="publicity-error" /></div>}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={busy || !date || !title.trim() || (journal && !journalId)} data-testid="publicity-submit">{t('save')}</button>
      </div>
    </form>
  )
}

/** An event's publicity (加强宣传) for its host units: what was published where, with links and screenshots. */
export function PublicitySection({ eventId }: { eventId: string }) {
  const { t } = useTranslation('publicity')
  const list = useAsync(() => publicityApi.list(eventId), `publicity:${eventId}`)
  const remove = useAction<string>((gone) => list.setData((prev) => prev?.filter((x) => x.id !== gone)))
  return (
    <section className="card space-y-3 p-4" aria-labelledby="publicity-title" data-testid="publicity-section">
      <h2 id="publicity-title" className="text-base font-bold text-slate-900">{t('heading')}</h2>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="text-sm text-slate-500" data-testid="publicity-empty">{t('empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="publicity-list">
          {list.data.map((x) => (
            <li key={x.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="publicity-item" data-outlet={x.outlet} data-bonus={String(!!x.journal?.bonus)}>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{t(`outlets.${x.outlet}`)}</span>
              <span className="min-w-0 flex-1">
                {x.url ? <a href={x.url} className="text-accent underline" rel="noopener noreferrer" target="_blank">{x.title}</a> : x.title}
                <span className="ml-2 text-xs text-slate-600">{x.journal?.name ?? x.source} · {x.date}{x.unit ? ` · ${x.unit.name}` : ''}</span>
                {x.journal?.bonus && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-testid="publicity-bonus">{t('bonus')}</span>}
              </span>
              {x.file && <a href={x.file.url} className="text-xs text-accent underline" target="_blank" rel="noopener noreferrer" data-testid="publicity-file-link">{t('viewFile')}</a>}
              {x.canEdit && (
                <button type="button" className="btn-secondary py-1" disabled={remove.busy} aria-label={t('removeLabel', { title: x.title })} data-testid="publicity-remove"
                  onClick={() => void remove.run(async () => { await publicityApi.remove(x.id); return x.id })}>{t('remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.error && <ErrorMessage error={remove.error} testId="publicity-remove-error" />}
      <AddForm eventId={eventId} onAdded={(x) => list.setData((prev) => [...(prev ?? []), x])} />
    </section>
  )
}
