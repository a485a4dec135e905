import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { INVITEE_CATEGORIES, type CheckInBody, type CheckInResultDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { attendanceApi } from './api.ts'
import { QrScanner } from './QrScanner.tsx'

/** Other doors check people in too: the figures are asked for again this often. */
const REFRESH_MS = 5_000
/** A code held in front of the camera is read many times a second: the same one is sent again only after this. */
const SAME_CODE_MS = 4_000

/** What was scanned or pasted: the code itself, or the invitation's link that carries it. */
export function tokenOf(text: string): string {
  const s = text.trim()
  const m = /\/invitation\/([^/?#\s]+)/.exec(s)
  return m ? decodeURIComponent(m[1]!) : s
}

function Result({ r }: { r: CheckInResultDto }) {
  const { t } = useTranslation('attendance')
  const who = r.invitee ? `${r.invitee.name}（${t(`categories.${r.invitee.category}`)}）` : ''
  return r.ok ? (
    <p className="rounded bg-green-50 p-3 text-lg font-bold text-green-900" data-testid="checkin-result" data-ok="true">{t('door.welcome', { who })}</p>
  ) : (
    <p className="rounded bg-red-50 p-3 text-lg font-bold text-red-900" data-testid="checkin-result" data-ok="false" data-reason={r.reason}>
      {t(`door.refused.${r.reason}`, { who })}
    </p>
  )
}

/** At the door of a symposium or an observation: the camera reads invitation codes, or staff paste one or find a name. */
export function DoorPage() {
  const { eventId = '' } = useParams()
  const { t } = useTranslation('attendance')
  const { data, error, loading, reload } = useAsync(() => attendanceApi.view(eventId), `door:${eventId}`)
  const [result, setResult] = useState<CheckInResultDto | null>(null)
  const [failure, setFailure] = useState<ApiError | null>(null)
  const [pasted, setPasted] = useState('')
  const [search, setSearch] = useState('')
  const last = useRef<{ token: string; at: number } | null>(null)
  const busy = useRef(false)
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])

  const checkIn = async (body: CheckInBody) => {
    if (busy.current) return
    busy.current = true
    setFailure(null)
    try { setResult(await attendanceApi.checkIn(eventId, body)); reload() } catch (err) { setFailure(toApiError(err)) } finally { busy.current = false }
  }
  const scanned = (text: string) => {
    const token = tokenOf(text)
    const now = Date.now()
    if (last.current && last.current.token === token && now - last.current.at < SAME_CODE_MS) return
    last.current = { token, at: now }
    void checkIn({ token })
  }
  const paste = (e: FormEvent) => {
    e.preventDefault()
    if (!pasted.trim()) return
    void checkIn({ token: tokenOf(pasted) })
    setPasted('')
  }

  if (loading && !data) return <Loading />
  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />
  if (!data) return null
  const q = search.trim()
  const found = q ? data.invitees.filter((i) => i.status === 'confirmed' && (i.name.includes(q) || i.org.includes(q))).slice(0, 20) : []
  return (
    <div className="space-y-4" data-testid="door-page">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-bold text-slate-900">{t('door.title')}</h1>
        <Link to={`/unit/events/${encodeURIComponent(eventId)}/opinions`} className="ml-auto text-sm text-accent underline">{t('door.toOpinions')}</Link>
      </div>
      <section className="card space-y-3 p-4" aria-labelledby="door-figures">
        <h2 id="door-figures" className="section-title">{t('door.figures')}</h2>
        <dl className="flex flex-wrap gap-4 text-sm" data-testid="door-figures">
          {INVITEE_CATEGORIES.map((c) => (
            <div key={c} data-testid={`door-figure-${c}`} data-checked-in={data.figures[c].checkedIn}>
              <dt className="text-slate-600">{t(`categories.${c}`)}</dt>
              <dd className="text-lg font-bold">{data.figures[c].checkedIn} / {data.figures[c].confirmed}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div aria-live="assertive">{result && <Result r={result} />}{failure && <ErrorMessage error={failure} />}</div>
      <section className="card space-y-3 p-4" aria-labelledby="door-scan">
        <h2 id="door-scan" className="section-title">{t('door.scan')}</h2>
        <QrScanner onCode={scanned} />
        <form onSubmit={paste} className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1"><label className="label" htmlFor="door-token">{t('door.pasteLabel')}</label>
            <input id="door-token" className="input" value={pasted} onChange={(e) => setPasted(e.target.value)} autoComplete="off" data-testid="door-token" /></div>
          <button type="submit" className="btn-secondary" data-testid="door-token-submit">{t('door.checkIn')}</button>
        </form>
      </section>
      <section className="card space-y-3 p-4" aria-labelledby="door-search">
        <h2 id="door-search" className="section-title">{t('door.byName')}</h2>
        <label className="label" htmlFor="door-name">{t('door.searchLabel')}</label>
        <input id="door-name" className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="door-search" />
        <ul className="divide-y divide-slate-200 text-sm">
          {found.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="door-person" data-invitee-id={i.id}>
              <span className="flex-1">{i.name} · {t(`categories.${i.category}`)}{i.org && ` · ${i.org}`}</span>
              {i.checkedInAt ? <span className="text-green-800">{t('checkedIn')}</span>
                : <button type="button" className="btn-primary py-1" onClick={() => void checkIn({ inviteeId: i.id })} data-testid="door-person-checkin">{t('door.checkIn')}</button>}
            </li>
          ))}
          {q && found.length === 0 && <li className="py-2 text-slate-600">{t('door.noMatch')}</li>}
        </ul>
      </section>
    </div>
  )
}
