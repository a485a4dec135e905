import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdminSessionDto, StaffPersonDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useAsync } from '../lib/useAsync.ts'
import { assignmentsApi } from './api.ts'
import type { PersonLabels } from './people.ts'
import { SessionStaffCard } from './SessionStaffCard.tsx'

const norm = (s: string) => s.trim().toLowerCase()

/** /admin/sessions: the city office says who works each session, and as what. */
export function AssignmentsPage() {
  const { t, i18n } = useTranslation('assignments')
  const { t: tr } = useTranslation()
  const sessions = useAsync(() => assignmentsApi.sessions(), 'admin-sessions')
  const people = useAsync(() => assignmentsApi.candidates(), 'staff-candidates')
  const [search, setSearch] = useState('')
  const [showClosed, setShowClosed] = useState(false)
  const [message, setMessage] = useState('')

  const labels: PersonLabels = {
    role: (p: StaffPersonDto) => tr(`role.${p.role}`),
    unit: (p: StaffPersonDto) => (i18n.language.startsWith('en') && p.unit?.nameEn) || p.unit?.name || '',
  }
  const onChanged = (row: AdminSessionDto, text: string) => {
    sessions.setData((prev) => prev?.map((r) => (r.session.id === row.session.id ? row : r)))
    setMessage(text)
  }

  const q = norm(search)
  const rows = (sessions.data ?? []).filter((r) => {
    if (!showClosed && (r.session.status === 'archived' || r.session.status === 'ended')) return false
    return !q || [r.event.theme, r.session.title, r.session.id].some((x) => norm(x).includes(q))
  })

  return (
    <div className="space-y-4" data-testid="assignments-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <div className="min-w-48 flex-1">
            <label htmlFor="staffing-search" className="label">{t('search')}</label>
            <input id="staffing-search" type="search" className="input" value={search} onChange={(e) => setSearch(e.target.value)}
              placeholder={t('searchPlaceholder')} data-testid="staffing-search" />
          </div>
          <label className="flex items-center gap-2 py-2 text-sm text-slate-700">
            <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} data-testid="staffing-show-closed" />
            {t('showClosed')}
          </label>
        </div>
      </section>
      {/* Each change is announced: the list itself changes quietly. */}
      <p className="sr-only" role="status" data-testid="staffing-status">{message}</p>
      {(sessions.loading || people.loading) && <Loading />}
      {sessions.error && <ErrorMessage error={sessions.error} onRetry={sessions.reload} />}
      {people.error && <ErrorMessage error={people.error} onRetry={people.reload} />}
      {sessions.data && people.data && rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="staffing-empty">{t('empty')}</p>}
      {sessions.data && people.data && rows.length > 0 && (
        <ul className="space-y-3" data-testid="staffing-list">
          {rows.map((row) => <SessionStaffCard key={row.session.id} row={row} people={people.data!} labels={labels} onChanged={onChanged} />)}
        </ul>
      )}
    </div>
  )
}
