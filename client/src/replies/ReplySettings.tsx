import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReplySettingsDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { repliesApi } from './api.ts'

/** The office's rules: the deadline in working days (for sessions that end from now on) and the check before publishing. */
export function ReplySettings() {
  const { t } = useTranslation('replies')
  const id = useId()
  const current = useAsync(() => repliesApi.settings(), 'reply-settings')
  const [form, setForm] = useState<ReplySettingsDto | null>(null)
  useEffect(() => { if (current.data) setForm(current.data) }, [current.data])
  const [saved, setSaved] = useState(false)
  const act = useAction<ReplySettingsDto>((s) => { current.setData(() => s); setSaved(true) })
  if (current.error) return <ErrorMessage error={current.error} onRetry={current.reload} />
  if (!form) return null
  return (
    <form className="card flex flex-wrap items-end gap-4 p-4" aria-labelledby={`${id}-h`} data-testid="reply-settings"
      onSubmit={(e) => { e.preventDefault(); setSaved(false); void act.run(() => repliesApi.saveSettings(form)) }}>
      <h2 id={`${id}-h`} className="section-title w-full">{t('settings.title')}</h2>
      <div>
        <label className="label" htmlFor={`${id}-d`}>{t('settings.workingDays')}</label>
        <input id={`${id}-d`} type="number" min={1} max={60} className="input w-24" value={form.workingDays} data-testid="reply-settings-days"
          onChange={(e) => setForm({ ...form, workingDays: Number(e.target.value) })} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.requireCheck} onChange={(e) => setForm({ ...form, requireCheck: e.target.checked })} data-testid="reply-settings-check" />
        {t('settings.requireCheck')}
      </label>
      <button type="submit" className="btn-primary" disabled={act.busy} data-testid="reply-settings-save">{t('settings.save')}</button>
      {saved && <p role="status" className="text-sm text-green-700" data-testid="reply-settings-saved">{t('settings.saved')}</p>}
      {act.error && <ErrorMessage error={act.error} testId="reply-settings-error" />}
      <p className="w-full text-xs text-slate-500">{t('settings.hint')}</p>
    </form>
  )
}
