import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { attendanceApi } from './api.ts'

/** On the public page of a symposium or an observation: citizens sign up; the unit confirms. */
export function SignupBox({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation('attendance')
  const info = useAsync(() => attendanceApi.signupInfo(eventId), `signup:${eventId}`)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [org, setOrg] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState(false)
  if (!info.data) return null
  const i = info.data
  const send = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try { await attendanceApi.signup(eventId, { name, phone, org }); setDone(true) } catch (err) { setError(toApiError(err)) }
  }
  if (done) return <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-900" data-testid="signup-done">{t('signupDone')}</p>
  if (!i.open) return i.deadline || i.placesLeft === 0 ? <p className="text-sm text-slate-600" data-testid="signup-closed">{t('signupClosed')}</p> : null
  return (
    <form onSubmit={send} className="space-y-2" data-testid="signup-form" noValidate>
      <h3 className="font-bold text-slate-900">{t('signupTitle')}</h3>
      <p className="text-sm text-slate-600">
        {i.deadline && t('signupBy', { time: formatDate(i.deadline, i18n.language) })}{i.placesLeft !== null && ` ${t('placesLeft', { n: i.placesLeft })}`}
      </p>
      <div><label className="label" htmlFor="su-name">{t('name')}</label><input id="su-name" className="input" maxLength={40} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} data-testid="signup-name" /></div>
      <div><label className="label" htmlFor="su-phone">{t('phone')}</label><input id="su-phone" className="input" inputMode="tel" autoComplete="tel" maxLength={30} value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="signup-phone" /></div>
      <div><label className="label" htmlFor="su-org">{t('orgOptional')}</label><input id="su-org" className="input" maxLength={100} value={org} onChange={(e) => setOrg(e.target.value)} /></div>
      <p className="text-xs text-slate-600">{t('signupPrivacy')}</p>
      {error && <ErrorMessage error={error} testId="signup-error" text={error.code === 'CONFLICT' ? (error.message.startsWith('phone') ? t('signupAlready') : t('signupFull')) : error.code === 'NOT_OPEN' ? t('signupClosed') : undefined} />}
      <button type="submit" className="btn-primary min-h-11" disabled={!name.trim() || !phone.trim()} data-testid="signup-submit">{t('signupSubmit')}</button>
    </form>
  )
}
