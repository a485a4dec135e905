import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SummaryBlock, SummaryDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { summariesApi } from './api.ts'
import { BlockEditor, cleanBlocks } from './BlockEditor.tsx'
import { FiguresTables } from './FiguresTables.tsx'

function ReadOnly({ blocks, photos }: { blocks: SummaryBlock[]; photos: SummaryDto['figures']['photos'] }) {
  return (
    <article className="space-y-2" data-testid="summary-text">
      {blocks.map((b, i) => b.type === 'heading' ? <h3 key={i} className="font-bold">{b.text}</h3>
        : b.type === 'paragraph' ? <p key={i} className="user-text">{b.text}</p>
          : b.type === 'list' ? <ul key={i} className="list-disc pl-6">{b.items.map((x, j) => <li key={j}>{x}</li>)}</ul>
            : <figure key={i}><img src={photos.find((p) => p.uploadId === b.uploadId)?.url} alt={b.caption} className="max-h-60 rounded" /><figcaption className="text-xs text-slate-600">{b.caption}</figcaption></figure>)}
    </article>
  )
}

/** /unit/summaries/:eventId (the lead unit writes, a joint unit reads) and /admin/summaries/:eventId (the office decides). */
export function SummaryPage() {
  const { eventId = '' } = useParams()
  const { t, i18n } = useTranslation('summaries')
  const { user } = useAuth()
  const admin = user?.role === 'admin'
  const loaded = useAsync(() => summariesApi.get(eventId), `summary:${eventId}`)
  const [s, setS] = useState<SummaryDto | null>(null)
  const [blocks, setBlocks] = useState<SummaryBlock[]>([])
  useEffect(() => { if (loaded.data) { setS(loaded.data); setBlocks(loaded.data.blocks) } }, [loaded.data])
  const [reason, setReason] = useState('')
  const apply = (x: SummaryDto) => { setS(x); setBlocks(x.blocks) }
  const act = useAction<SummaryDto>(apply)
  if (loaded.loading && !s) return <Loading />
  if (loaded.error && !s) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
  if (!s) return null
  const dirty = JSON.stringify(cleanBlocks(blocks)) !== JSON.stringify(s.blocks)
  const save = () => summariesApi.save(eventId, s.revision, cleanBlocks(blocks))
  return (
    <div className="space-y-4" data-testid="summary-page" data-state={s.state}>
      <Link to={admin ? '/admin/summaries' : '/unit/summaries'} className="text-sm text-accent underline">{t('back')}</Link>
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('pageTitle', { theme: s.figures.event.theme })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <span data-testid="summary-state" data-state={s.state}>{t(`state.${s.state}`)}</span> · {t('dueBy', { at: formatDate(s.dueAt, i18n.language) })}
          {s.late && <span className="ml-2 rounded bg-red-100 px-1.5 text-xs text-red-800" data-testid="summary-late">{t('late')}</span>}
          {s.versions.length > 0 && ` · ${t('versions', { n: s.versions.length })}`}
        </p>
        {s.reason && s.state === 'returned' && <p role="status" className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="summary-reason">{t('returnedWith', { reason: s.reason })}</p>}
        <p className="mt-2 text-sm">
          <a className="text-accent underline" href={`/api/summaries/${encodeURIComponent(eventId)}.docx`} download data-testid="summary-docx">DOCX</a>{' · '}
          <a className="text-accent underline" href={`/api/summaries/${encodeURIComponent(eventId)}.pdf`} download data-testid="summary-pdf">PDF</a>
        </p>
      </section>
      <section className="card space-y-3 p-4" aria-labelledby="summary-text-title">
        <h2 id="summary-text-title" className="section-title">{t('textTitle')}</h2>
        {s.canEdit ? <BlockEditor blocks={blocks} photos={s.figures.photos} onChange={setBlocks} /> : <ReadOnly blocks={s.blocks} photos={s.figures.photos} />}
        {s.canEdit && (
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" disabled={!dirty || act.busy} onClick={() => void act.run(save)} data-testid="summary-save">{t('save')}</button>
            <button type="button" className="btn-primary" disabled={act.busy} data-testid="summary-submit"
              onClick={() => void act.run(async () => { const saved = dirty ? await save() : s; return summariesApi.submit(eventId, saved.revision) })}>{t('submit')}</button>
            <span className="text-sm text-slate-600" role="status" data-testid="summary-save-state">{dirty ? t('unsaved') : t('saved')}</span>
          </div>
        )}
        {admin && s.state === 'submitted' && (
          <div className="space-y-2 border-t border-slate-100 pt-3" data-testid="summary-decide">
            <button type="button" className="btn-primary" disabled={act.busy} onClick={() => void act.run(() => summariesApi.accept(eventId))} data-testid="summary-accept">{t('accept')}</button>
            <label className="label" htmlFor="summary-reason">{t('reason')}</label>
            <textarea id="summary-reason" className="input min-h-16" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="summary-reason-input" />
            <button type="button" className="btn-danger" disabled={act.busy || !reason.trim()} onClick={() => void act.run(() => summariesApi.returnIt(eventId, reason.trim()))} data-testid="summary-return">{t('return')}</button>
          </div>
        )}
        {act.error && <ErrorMessage error={act.error} testId="summary-error" />}
      </section>
      <section className="card p-4"><FiguresTables f={s.figures} /></section>
    </div>
  )
}
