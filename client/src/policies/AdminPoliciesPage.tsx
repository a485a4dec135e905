import { useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PolicyAdminItemDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { policiesApi } from './api.ts'

const stateOf = (p: PolicyAdminItemDto) => (p.late ? 'late' : p.overdue ? 'overdue' : p.publishedAt ? 'onTime' : 'waiting')

/** The office's view of the interpretations: every policy, or only those published late or overdue. */
export function AdminPoliciesPage() {
  const { t, i18n } = useTranslation('policies')
  const [late, setLate] = useState(true)
  const { data, error, loading, reload } = useAsync(() => policiesApi.admin(late), `admin-policies:${late}`)
  return (
    <div className="space-y-4" data-testid="admin-policies-page">
      <h1 className="text-xl font-bold text-slate-900">{t('admin.title')}</h1>
      <p className="text-sm text-slate-600">{t('admin.hint')}</p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={late} onChange={(e) => setLate(e.target.checked)} data-testid="admin-policies-late" />
        {t('admin.lateOnly')}
      </label>
      {loading && !data && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="text-sm text-slate-600" data-testid="admin-policies-empty">{t('admin.empty')}</p>}
      {data && data.length > 0 && (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="p-2">{t('admin.policy')}</th>
                <th scope="col" className="p-2">{t('admin.unit')}</th>
                <th scope="col" className="p-2">{t('admin.issuedAt')}</th>
                <th scope="col" className="p-2">{t('admin.dueAt')}</th>
                <th scope="col" className="p-2">{t('admin.publishedAt')}</th>
                <th scope="col" className="p-2">{t('admin.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.id} className="border-t border-slate-100" data-testid="admin-policy-row" data-policy-id={p.id} data-state={stateOf(p)}>
                  <td className="p-2">
                    <Link to={`/unit/events/${encodeURIComponent(p.event.id)}`} className="text-accent underline">{p.title}</Link>
                    <span className="block text-xs text-slate-600">{p.event.theme}{p.docNumber ? ` · ${p.docNumber}` : ''}</span>
                  </td>
                  <td className="p-2">{p.leadUnit ?? '—'}</td>
                  <td className="p-2">{formatDate(`${p.issuedAt}T12:00:00+08:00`, i18n.language, 'date')}</td>
                  <td className="p-2">{formatDate(p.dueAt, i18n.language)}</td>
                  <td className="p-2">{p.publishedAt ? formatDate(p.publishedAt, i18n.language) : '—'}</td>
                  <td className={`p-2 font-medium ${p.late || p.overdue ? 'text-red-800' : 'text-slate-700'}`}>{t(`admin.${stateOf(p)}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
