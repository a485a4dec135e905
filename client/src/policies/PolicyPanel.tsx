import { useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PolicyStaffDto } from '@openday/protocol'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { policiesApi } from './api.ts'
import { InterpretationEditor } from './InterpretationEditor.tsx'
import { PolicyFileLink } from './PolicyDocumentView.tsx'
import { PolicyQuestions } from './PolicyQuestions.tsx'

/** Today in Beijing, YYYY-MM-DD: the default issue day. */
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

function AddDocument({ eventId, onAdded }: { eventId: string; onAdded: (d: PolicyStaffDto) => void }) {
  const { t } = useTranslation('policies')
  const [title, setTitle] = useState('')
  const [docNumber, setDocNumber] = useState('')
  const [issuedAt, setIssuedAt] = useState(beijingToday)
  const [done, setDone] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)
  const { busy, error, run } = useAction<PolicyStaffDto>((d) => { onAdded(d); setDone(true); setTitle(''); setDocNumber(''); if (fileRef.current) fileRef.current.value = '' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setDone(false)
    const f = fileRef.current?.files?.[0]
    if (f) void run(() => policiesApi.add(eventId, f, { title, docNumber, issuedAt }))
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded bg-slate-50 p-3" data-testid="policy-add-form" noValidate>
      <h3 className="text-sm font-bold text-slate-900">{t('panel.add')}</h3>
      <div className="grid gap-2 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label className="label" htmlFor="policy-add-title">{t('panel.title_')}</label>
          <input id="policy-add-title" className="input" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="policy-add-title" />
        </div>
        <div>
          <label className="label" htmlFor="policy-add-number">{t('panel.docNumberOptional')}</label>
          <input id="policy-add-number" className="input" maxLength={60} value={docNumber} onChange={(e) => setDocNumber(e.target.value)} data-testid="policy-add-number" />
        </div>
        <div>
          <label className="label" htmlFor="policy-add-issued">{t('issuedAt')}</label>
          <input id="policy-add-issued" type="date" className="input" value={issuedAt} onChange={(e) => setIssuedAt(e.target.value)} data-testid="policy-add-issued" />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor="policy-add-file">{t('panel.fileField')}</label>
          <input id="policy-add-file" ref={fileRef} type="file" className="text-sm" accept="application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx,image/jpeg,image/png,image/webp,image/gif" data-testid="policy-add-file" />
        </div>
      </div>
      {error && <ErrorMessage error={error} testId="policy-add-error" />}
      {done && <p role="status" className="text-sm text-green-800" data-testid="policy-add-done">{t('panel.uploaded')}</p>}
      <button type="submit" className="btn-primary" disabled={busy || !title.trim()} data-testid="policy-add-submit">{t('panel.upload')}</button>
    </form>
  )
}

function DocumentCard({ eventId, doc, onSaved, onDelete, reload }: { eventId: string; doc: PolicyStaffDto; onSaved: (d: PolicyStaffDto) => void; onDelete: () => void; reload: () => void }) {
  const { t, i18n } = useTranslation('policies')
  const [open, setOpen] = useState(false)
  const state = doc.interpretation?.state ?? 'none'
  return (
    <li className="space-y-2 rounded border border-slate-200 p-3" data-testid="policy-doc" data-policy-id={doc.id} data-state={state} data-late={String(doc.late)} data-overdue={String(doc.overdue)}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-medium text-slate-900" data-testid="policy-doc-title">{doc.title}</h3>
        {doc.docNumber && <span className="text-sm text-slate-600">{doc.docNumber}</span>}
        <span className="text-sm text-slate-600">{t('issuedAt')} {formatDate(`${doc.issuedAt}T12:00:00+08:00`, i18n.language, 'date')}</span>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <PolicyFileLink file={doc.file} testId="policy-doc-file" />
        <Link to={`/policies/${encodeURIComponent(doc.id)}`} className="text-accent underline" data-testid="policy-doc-public">{t('panel.publicPage')}</Link>
      </div>
      <p className="text-sm text-slate-700">
        <span data-testid="policy-doc-state">{t(`panel.states.${state}`)}</span>
        {state !== 'published' && <> · {t('panel.dueAt', { at: formatDate(doc.dueAt, i18n.language) })}</>}
      </p>
      {doc.late && <p role="status" className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="policy-doc-late">{t('panel.late')}</p>}
      {doc.overdue && <p role="status" className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="policy-doc-overdue">{t('panel.overdue')}</p>}
      {doc.canManage && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-secondary py-1" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="policy-doc-edit">{open ? t('panel.close') : t('panel.edit')}</button>
          <button type="button" className="btn-secondary py-1" onClick={onDelete} data-testid="policy-doc-delete">{t('panel.delete')}</button>
        </div>
      )}
      {open && doc.canManage && <InterpretationEditor eventId={eventId} doc={doc} onSaved={onSaved} />}
      <PolicyQuestions eventId={eventId} policyId={doc.id} canManage={doc.canManage} onChanged={reload} />
    </li>
  )
}

/** The unit's panel on a press release: its policy documents, their interpretations (with the due date), and the questions asked after the briefing. */
export function PolicyPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation('policies')
  const { data, error, loading, reload, setData } = useAsync(() => policiesApi.list(eventId), `policies:${eventId}`)
  const [deleting, setDeleting] = useState<PolicyStaffDto | null>(null)
  const remove = useAction<string>((id) => { setData((d) => d && { ...d, documents: d.documents.filter((x) => x.id !== id) }); setDeleting(null) })
  const put = (doc: PolicyStaffDto) => setData((d) => d && { ...d, documents: d.documents.some((x) => x.id === doc.id) ? d.documents.map((x) => (x.id === doc.id ? doc : x)) : [...d.documents, doc] })
  return (
    <section className="card space-y-3 p-4" aria-labelledby="policy-panel-title" data-testid="policy-panel">
      <h2 id="policy-panel-title" className="text-base font-bold text-slate-900">{t('panel.title')}</h2>
      <p className="text-sm text-slate-600">{t('panel.hint')}</p>
      {loading && !data && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && !data.canManage && <p className="rounded bg-slate-100 p-2 text-sm text-slate-700">{t('panel.readOnly')}</p>}
      {data && data.documents.length === 0 && <p className="text-sm text-slate-600">{t('panel.empty')}</p>}
      {data && (
        <ul className="space-y-3">
          {data.documents.map((d) => <DocumentCard key={d.id} eventId={eventId} doc={d} onSaved={put} onDelete={() => setDeleting(d)} reload={reload} />)}
        </ul>
      )}
      {remove.error && <ErrorMessage error={remove.error} testId="policy-delete-error" />}
      {data?.canManage && <AddDocument eventId={eventId} onAdded={put} />}
      {deleting && (
        <ConfirmDialog title={t('panel.deleteTitle')} body={t('panel.deleteBody', { title: deleting.title })} confirmLabel={t('panel.delete')} busy={remove.busy}
          onConfirm={() => void remove.run(async () => { await policiesApi.remove(eventId, deleting.id); return deleting.id })} onCancel={() => setDeleting(null)} />
      )}
    </section>
  )
}
