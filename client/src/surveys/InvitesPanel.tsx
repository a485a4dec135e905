import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'

/** Single-use codes for a list of invitees: one per name (shown masked), or anonymous ones; printable. */
export function InvitesPanel({ surveyId }: { surveyId: string }) {
  const { t, i18n } = useTranslation('surveys')
  const { data, setData } = useAsync(() => surveysApi.invites(surveyId), `invites:${surveyId}`)
  const [names, setNames] = useState('')
  const [count, setCount] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const link = (code: string) => `${window.location.origin}/surveys/${encodeURIComponent(surveyId)}?code=${code}`
  const add = async () => {
    setError(null)
    setBusy(true)
    try {
      const labels = names.split('\n').map((l) => l.trim()).filter(Boolean)
      const list = await surveysApi.addInvites(surveyId, { labels, count: Number(count) || 0 })
      setData(() => list)
      setNames('')
      setCount('')
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="card space-y-3 p-4" aria-labelledby="invites-title" data-testid="invites-panel">
      <h2 id="invites-title" className="section-title">{t('invites.title')}</h2>
      <div className="grid gap-2 sm:grid-cols-[2fr_1fr] print:hidden">
        <div><label className="label" htmlFor="invite-names">{t('invites.names')}</label>
          <textarea id="invite-names" className="input min-h-20" value={names} onChange={(e) => setNames(e.target.value)} data-testid="invite-names" /></div>
        <div><label className="label" htmlFor="invite-count">{t('invites.count')}</label>
          <input id="invite-count" type="number" min={0} max={2000} className="input" value={count} onChange={(e) => setCount(e.target.value)} data-testid="invite-count" /></div>
      </div>
      <div className="flex gap-2 print:hidden">
        <button type="button" className="btn-primary" disabled={busy} onClick={() => void add()} data-testid="invite-add">{t('invites.add')}</button>
        {data && data.length > 0 && <button type="button" className="btn-secondary" onClick={() => window.print()}>{t('print')}</button>}
      </div>
      {error && <ErrorMessage error={error} />}
      {data && data.length > 0 && (
        <table className="w-full text-sm" data-testid="invite-list">
          <thead><tr className="text-left text-slate-600"><th className="py-1">{t('invites.who')}</th><th>{t('invites.code')}</th><th>{t('invites.link')}</th><th>{t('invites.used')}</th></tr></thead>
          <tbody>
            {data.map((i) => (
              <tr key={i.id} className="border-t border-slate-200" data-testid="invite-row" data-code={i.code}>
                <td className="py-1">{i.label || '—'}</td>
                <td className="font-mono">{i.code}</td>
                <td className="break-all text-xs">{link(i.code)}</td>
                <td>{i.usedAt ? formatDate(i.usedAt, i18n.language) : t('invites.unused')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
