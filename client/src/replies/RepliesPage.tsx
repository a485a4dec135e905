import { useCallback } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { REPLY_FILTERS, type ReplyFilter, type ReplyTaskDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from '../proposals/api.ts'
import { repliesApi } from './api.ts'
import { ReplyDetail } from './ReplyDetail.tsx'
import { ReplySettings } from './ReplySettings.tsx'
import { ReplyStateBadge } from './ReplyStateBadge.tsx'

function Detail({ id, onChanged }: { id: string; onChanged: (t: ReplyTaskDto) => void }) {
  const task = useAsync(() => repliesApi.get(id), `reply:${id}`)
  const changed = useCallback((t: ReplyTaskDto) => { task.setData(() => t); onChanged(t) }, [task, onChanged])
  if (task.loading && !task.data) return <Loading />
  if (task.error) return <ErrorMessage error={task.error} onRetry={task.reload} />
  return <ReplyDetail task={task.data!} onChanged={changed} />
}

/**
 * /unit/replies (a unit's editor: its own tasks) and /admin/replies (the office: every unit's, the
 * check queue, the rules): the written replies owed after the theme days, overdue ones first in sight.
 */
export function RepliesPage() {
  const { t, i18n } = useTranslation('replies')
  const { t: tc } = useTranslation()
  const { user } = useAuth()
  const admin = user?.role === 'admin'
  const [params, setParams] = useSearchParams()
  const filter = (REPLY_FILTERS as readonly string[]).includes(params.get('filter') ?? '') ? (params.get('filter') as ReplyFilter) : admin ? 'checking' : 'due'
  const unitId = admin ? params.get('unit') ?? '' : ''
  const openId = params.get('t')
  const set = (k: string, v: string) => setParams((prev) => { const n = new URLSearchParams(prev); if (v) n.set(k, v); else n.delete(k); return n })
  const list = useAsync(() => repliesApi.list(filter, unitId || undefined), `replies:${filter}:${unitId}`)
  const units = useAsync(() => (admin ? proposalsApi.units() : Promise.resolve([])), `reply-units:${admin}`)
  const { setData } = list
  const onChanged = useCallback((x: ReplyTaskDto) => setData((prev) => prev?.map((p) => (p.id === x.id ? x : p))), [setData])

  return (
    <div className="space-y-4" data-testid="replies-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(admin ? 'introAdmin' : 'intro')}</p>
        <div className="mt-3 flex flex-wrap items-end gap-2" role="group" aria-label={t('filterLabel')}>
          {REPLY_FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => set('filter', f)} data-testid={`reply-filter-${f}`}
              className={filter === f ? 'btn-primary py-1' : 'btn-secondary py-1'}>{t(`filter.${f}`)}</button>
          ))}
          {admin && (
            <div className="ml-auto">
              <label className="label" htmlFor="reply-unit">{t('unit')}</label>
              <select id="reply-unit" className="input py-1" value={unitId} onChange={(e) => set('unit', e.target.value)} data-testid="reply-unit-filter">
                <option value="">{t('anyUnit')}</option>
                {(units.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
              </select>
            </div>
          )}
        </div>
      </section>
      {admin && <ReplySettings />}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="replies-empty">{t('empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="reply-list">
          {list.data.map((x) => (
            <li key={x.id} className={`flex flex-wrap items-center gap-2 px-4 py-2 ${x.id === openId ? 'bg-accent-soft' : ''}`}
              data-testid="reply-row" data-task-id={x.id} data-question-id={x.questionId} data-state={x.state} data-overdue={String(x.overdue)}>
              <button type="button" className="user-text min-w-0 flex-1 text-left hover:underline" aria-current={x.id === openId} onClick={() => set('t', x.id)} data-testid="reply-open">
                {x.kind === 'opinion' && <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-700" data-testid="reply-kind-opinion">{t('opinion')}</span>}
                {x.question.body}
              </button>
              <span className="text-xs text-slate-600">{x.session.title}{admin && x.unit ? ` · ${x.unit.name}` : ''}</span>
              <span className="text-xs text-slate-600" data-testid="reply-due">{t('dueBy', { at: formatDate(x.dueAt, i18n.language) })}</span>
              <ReplyStateBadge task={x} />
            </li>
          ))}
        </ul>
      )}
      {openId && <Detail key={openId} id={openId} onChanged={onChanged} />}
    </div>
  )
}
