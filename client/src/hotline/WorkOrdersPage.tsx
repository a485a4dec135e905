import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { type Satisfaction, type WorkOrderDto, type WorkOrderStatus } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { hotlineApi, type WorkOrderFilter, workOrdersExportPath } from './api.ts'
import { Exports } from './Exports.tsx'
import { useTaxonomy, type Taxonomy } from './useTaxonomy.ts'
import { actionsFor, SATISFACTIONS, sortWorkOrders, WORK_ORDER_STATUSES, type Viewer } from './workOrders.ts'

const STATUS_STYLE: Record<WorkOrderStatus, string> = {
  assigned: 'border-amber-300 bg-amber-50 text-amber-900',
  accepted: 'border-blue-300 bg-blue-50 text-blue-800',
  replied: 'border-indigo-300 bg-indigo-50 text-indigo-800',
  closed: 'border-green-300 bg-green-50 text-green-800',
}

function WorkOrderItem({ wo, viewer, taxonomy, onUpdated }: { wo: WorkOrderDto; viewer: Viewer; taxonomy: Taxonomy; onUpdated: (w: WorkOrderDto) => void }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const [reply, setReply] = useState('')
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null)
  const [note, setNote] = useState('')
  const { busy, error, run } = useAction<WorkOrderDto>(onUpdated)
  const actions = actionsFor(wo, viewer)

  const submitReply = (e: FormEvent) => {
    e.preventDefault()
    if (!reply.trim()) return
    void run(() => hotlineApi.reply(wo.id, reply.trim()), () => setReply(''))
  }
  const submitCallback = (e: FormEvent) => {
    e.preventDefault()
    if (!satisfaction) return
    void run(() => hotlineApi.callback(wo.id, satisfaction, note.trim() || undefined), () => { setSatisfaction(null); setNote('') })
  }

  return (
    <li className={`card p-3 text-sm ${wo.overdue && wo.status !== 'closed' ? 'border-l-4 border-l-accent' : ''}`}
      data-testid="work-order-item" data-work-order-id={wo.id} data-call-id={wo.callId} data-status={wo.status} data-overdue={wo.overdue ? 'true' : 'false'}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className={`inline-flex rounded border px-1.5 py-0.5 ${STATUS_STYLE[wo.status]}`} data-testid="wo-status" data-status={wo.status}>{t(`hotline.workOrders.status.${wo.status}`)}</span>
        {wo.overdue && <span className="inline-flex rounded bg-accent px-1.5 py-0.5 font-bold text-white" data-testid="wo-overdue">{t('hotline.workOrders.overdue')}</span>}
        {wo.reopenCount > 0 && <span className="text-amber-800" data-testid="wo-reopened" data-count={wo.reopenCount}>{t('hotline.workOrders.reopened', { n: wo.reopenCount })}</span>}
        <span className="font-medium text-slate-800">{taxonomy.domainLabel(wo.domainId)} · {taxonomy.typeLabel(wo.appealTypeId)}</span>
        <span className="flex-1" />
        <span data-testid="wo-unit">{wo.unitName}</span>
      </div>
      <p className="user-text mt-1 text-slate-900" data-testid="wo-content">{wo.content}</p>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <span>{t('hotline.workOrders.phone')} <span className="font-mono" data-testid="wo-phone">{wo.phoneMasked}</span></span>
        <span>{t('hotline.workOrders.created', { time: formatDate(wo.createdAt, lang) })}</span>
        <span className={wo.overdue ? 'font-bold text-accent' : ''} data-testid="wo-due" data-due={wo.dueAt}>{t('hotline.workOrders.due', { time: formatDate(wo.dueAt, lang) })}</span>
      </div>
      {wo.reply && (
        <p className="user-text mt-2 border-l-2 border-indigo-300 pl-2 text-slate-800" data-testid="wo-reply-text">
          <span className="text-xs text-slate-500">{t('hotline.workOrders.unitReply')}</span> {wo.reply}
        </p>
      )}
      {wo.satisfaction && (
        <p className="mt-1 text-xs text-slate-700" data-testid="wo-satisfaction" data-value={wo.satisfaction}>
          {t('hotline.workOrders.callbackResult', { result: t(`hotline.satisfaction.${wo.satisfaction}`), time: formatDate(wo.callbackAt, lang) })}
        </p>
      )}
      {error && <div className="mt-2"><ErrorMessage error={error} testId="wo-action-error" /></div>}

      {actions.includes('accept') && (
        <button type="button" className="btn-primary mt-2 py-1" disabled={busy} onClick={() => void run(() => hotlineApi.accept(wo.id))} data-testid="wo-accept">
          {t('hotline.workOrders.accept')}
        </button>
      )}
      {actions.includes('reply') && (
        <form onSubmit={submitReply} className="mt-2 space-y-2" data-testid="wo-reply-form">
          <label className="label" htmlFor={`wo-reply-${wo.id}`}>{t('hotline.workOrders.replyLabel')}</label>
          <textarea id={`wo-reply-${wo.id}`} className="input min-h-20" maxLength={5000} value={reply} onChange={(e) => setReply(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.currentTarget.form?.requestSubmit()}
            placeholder={t('hotline.workOrders.replyPlaceholder')} data-testid="wo-reply-input" />
          <button type="submit" className="btn-primary py-1" disabled={busy || !reply.trim()} data-testid="wo-reply-submit">{t('hotline.workOrders.reply')}</button>
        </form>
      )}
      {actions.includes('callback') && (
        <form onSubmit={submitCallback} className="mt-2 space-y-2 rounded bg-slate-50 p-2" data-testid="wo-callback-form">
          <fieldset>
            <legend className="label">{t('hotline.workOrders.callbackLabel')}</legend>
            <div className="flex flex-wrap gap-2">
              {SATISFACTIONS.map((s) => (
                <label key={s} className={`flex cursor-pointer items-center gap-1 rounded border px-2 py-1 ${satisfaction === s ? 'border-accent bg-accent-soft' : 'border-slate-300 bg-white'}`}>
                  <input type="radio" name={`wo-sat-${wo.id}`} value={s} checked={satisfaction === s} onChange={() => setSatisfaction(s)} data-testid={`wo-satisfaction-${s}`} />
                  {t(`hotline.satisfaction.${s}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {satisfaction === 'unsatisfied' && <p className="text-xs text-amber-800">{t('hotline.workOrders.reopenHint')}</p>}
          <input className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('hotline.workOrders.noteLabel')}
            placeholder={t('hotline.workOrders.notePlaceholder')} data-testid="wo-callback-note" />
          <button type="submit" className="btn-primary py-1" disabled={busy || !satisfaction} data-testid="wo-callback-submit">{t('hotline.workOrders.callback')}</button>
        </form>
      )}
    </li>
  )
}

/** /console/work-orders — handed-off calls followed to closure (unit editors: their unit; admin: all). */
export function WorkOrdersPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const taxonomy = useTaxonomy()
  const [filter, setFilter] = useState<WorkOrderFilter>({ status: '', overdue: false })
  const list = useAsync(() => hotlineApi.workOrders(filter), `work-orders:${filter.status}:${filter.overdue}`)
  const viewer: Viewer = { role: user?.role ?? 'operator', unitId: user?.unit?.id ?? null }
  const orders = sortWorkOrders(list.data ?? [])
  const onUpdated = (w: WorkOrderDto) => list.setData((prev) => prev?.map((x) => (x.id === w.id ? w : x)))

  return (
    <div className="space-y-4" data-testid="work-orders-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('hotline.workOrders.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{user?.role === 'admin' ? t('hotline.workOrders.introAdmin') : t('hotline.workOrders.intro')}</p>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label className="label" htmlFor="wo-status">{t('hotline.workOrders.filterStatus')}</label>
            <select id="wo-status" className="input" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as WorkOrderStatus | '' })} data-testid="wo-filter-status">
              <option value="">{t('hotline.workOrders.all')}</option>
              {WORK_ORDER_STATUSES.map((s) => <option key={s} value={s}>{t(`hotline.workOrders.status.${s}`)}</option>)}
            </select>
          </div>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" checked={!!filter.overdue} onChange={(e) => setFilter({ ...filter, overdue: e.target.checked })} data-testid="wo-filter-overdue" />
            {t('hotline.workOrders.onlyOverdue')}
          </label>
          <button type="button" className="btn-secondary mb-0.5" onClick={list.reload} data-testid="wo-refresh">{t('hotline.workOrders.refresh')}</button>
        </div>
        <div className="mt-3">
          {/* The files hold the list as filtered above. */}
          <Exports testId="export-work-orders" href={(format) => workOrdersExportPath(format, filter)}
            full={user?.role === 'admin' ? (format) => hotlineApi.fullWorkOrdersExport(format, filter) : undefined} />
        </div>
      </section>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && orders.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="work-order-list-empty">{t('hotline.workOrders.empty')}</p>}
      {orders.length > 0 && (
        <ul className="space-y-2" data-testid="work-order-list" data-count={orders.length}>
          {orders.map((w) => <WorkOrderItem key={w.id} wo={w} viewer={viewer} taxonomy={taxonomy} onUpdated={onUpdated} />)}
        </ul>
      )}
    </div>
  )
}
