import { useEffect, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { UNIT_ASSIGNABLE_ROLES, rolesForKind, type UnitEventDto } from '@openday/protocol'
import { FormLabel } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate, formatRange } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { PublicitySection } from '../publicity/PublicitySection.tsx'
import { VENUE_FORMS } from '@openday/protocol'
import { EventSurveysPanel } from '../surveys/EventSurveysPanel.tsx'
import { AttendancePanel } from '../attendance/AttendancePanel.tsx'
import { VenueDayPanels } from '../venue/VenueDayPanels.tsx'
import { PolicyPanel } from '../policies/PolicyPanel.tsx'
import { eventsApi } from './api.ts'

type Saved = (e: UnitEventDto) => void
const hhmm = (iso: string) => formatDate(iso, 'zh-CN', 'time')

function Details({ event, onSaved }: { event: UnitEventDto; onSaved: Saved }) {
  const { t } = useTranslation('events')
  const [summary, setSummary] = useState(event.summary)
  const [location, setLocation] = useState(event.location)
  const [signup, setSignup] = useState(event.signup)
  const [start, setStart] = useState(hhmm(event.startsAt))
  const [end, setEnd] = useState(hhmm(event.endsAt))
  const [done, setDone] = useState(false)
  const { busy, error, run } = useAction<UnitEventDto>((e) => { onSaved(e); setDone(true) })
  const submit = (ev: FormEvent) => {
    ev.preventDefault()
    setDone(false)
    void run(() => eventsApi.unitPatch(event.id, { summary, location, signup, startTime: start, endTime: end }))
  }
  return (
    <form onSubmit={submit} className="card space-y-3 p-4" data-testid="unit-event-details" noValidate>
      <h2 className="text-base font-bold text-slate-900">{t('unit.details')}</h2>
      <fieldset disabled={!event.editable} className="space-y-3">
        <div>
          <label className="label" htmlFor="ue-summary">{t('unit.summary')}</label>
          <textarea id="ue-summary" className="input min-h-28" maxLength={4000} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="unit-event-summary" />
        </div>
        <div>
          <label className="label" htmlFor="ue-location">{t('unit.location')}</label>
          <input id="ue-location" className="input" maxLength={200} value={location} onChange={(e) => setLocation(e.target.value)} data-testid="unit-event-location" />
        </div>
        <div>
          <label className="label" htmlFor="ue-signup">{t('unit.signup')}</label>
          <textarea id="ue-signup" className="input min-h-16" maxLength={1000} value={signup} onChange={(e) => setSignup(e.target.value)} data-testid="unit-event-signup" />
        </div>
        <div className="flex flex-wrap gap-3">
          <div>
            <label className="label" htmlFor="ue-start">{t('unit.startTime')}</label>
            <input id="ue-start" type="time" className="input w-auto" value={start} onChange={(e) => setStart(e.target.value)} data-testid="unit-event-start" aria-describedby="ue-time-hint" />
          </div>
          <div>
            <label className="label" htmlFor="ue-end">{t('unit.endTime')}</label>
            <input id="ue-end" type="time" className="input w-auto" value={end} onChange={(e) => setEnd(e.target.value)} data-testid="unit-event-end" aria-describedby="ue-time-hint" />
          </div>
        </div>
        <p id="ue-time-hint" className="text-xs text-slate-500">{t('unit.timeHint', { day: formatDate(event.startsAt, 'zh-CN', 'date') })}</p>
        {error && <ErrorMessage error={error} testId="unit-event-details-error" />}
        {done && <p role="status" className="text-sm text-green-800" data-testid="unit-event-details-saved">{t('unit.saved')}</p>}
        <button type="submit" className="btn-primary" disabled={busy} data-testid="unit-event-save">{t('unit.save')}</button>
      </fieldset>
    </form>
  )
}

interface GuestRow { key: string; id?: string; name: string; title: string; photoId: string | null; photoUrl: string | null }

function Guests({ event, onSaved }: { event: UnitEventDto; onSaved: Saved }) {
  const { t } = useTranslation('events')
  const fromEvent = (e: UnitEventDto): GuestRow[] => e.guests.map((g) => ({ key: g.id, id: g.id, name: g.name, title: g.title, photoId: g.photoUrl ? g.photoUrl.split('/').pop()! : null, photoUrl: g.photoUrl }))
  const [rows, setRows] = useState<GuestRow[]>(() => fromEvent(event))
  const [done, setDone] = useState(false)
  useEffect(() => { setRows(fromEvent(event)) }, [event])
  const { busy, error, run } = useAction<UnitEventDto>((e) => { onSaved(e); setDone(true) })
  const photo = useAction<{ key: string; id: string; url: string }>(({ key, id, url }) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, photoId: id, photoUrl: url } : r))))
  const set = (key: string, patch: Partial<GuestRow>) => { setDone(false); setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r))) }
  const move = (i: number, by: number) => setRows((rs) => {
    const next = [...rs]
    const [row] = next.splice(i, 1)
    next.splice(i + by, 0, row!)
    return next
  })
  const save = () => void run(() => eventsApi.unitGuests(event.id, { guests: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name, title: r.title, photoId: r.photoId })) }))
  return (
    <section className="card space-y-3 p-4" aria-labelledby="ue-guests-title" data-testid="unit-event-guests">
      <h2 id="ue-guests-title" className="text-base font-bold text-slate-900">{t('unit.guests')}</h2>
      <fieldset disabled={!event.editable} className="space-y-3">
        <ol className="space-y-3">
          {rows.map((r, i) => (
            <li key={r.key} className="rounded border border-slate-200 p-3" data-testid="unit-guest-row">
              <div className="flex flex-wrap items-end gap-2">
                {r.photoUrl && <img src={r.photoUrl} alt={t('photoOf', { name: r.name })} className="h-12 w-12 rounded-full object-cover" />}
                <div>
                  <label className="label" htmlFor={`g-name-${r.key}`}>{t('unit.guestName')}</label>
                  <input id={`g-name-${r.key}`} className="input" maxLength={60} value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} data-testid="unit-guest-name" />
                </div>
                <div>
                  <label className="label" htmlFor={`g-title-${r.key}`}>{t('unit.guestTitle')}</label>
                  <input id={`g-title-${r.key}`} className="input" maxLength={120} value={r.title} onChange={(e) => set(r.key, { title: e.target.value })} data-testid="unit-guest-title" />
                </div>
                <div>
                  <label className="label" htmlFor={`g-photo-${r.key}`}>{t('unit.guestPhoto')}</label>
                  <input id={`g-photo-${r.key}`} type="file" accept="image/jpeg,image/png,image/webp,image/gif" className="text-sm" data-testid="unit-guest-photo"
                    onChange={(e) => {
                      const file = e.target.files?.[0]
                      if (file) void photo.run(async () => { const u = await eventsApi.unitPhoto(event.id, file); return { key: r.key, id: u.id, url: u.url } })
                    }} />
                </div>
              </div>
              <div className="mt-2 flex gap-2">
                <button type="button" className="btn-secondary py-1" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('unit.moveUp', { name: r.name })} data-testid="unit-guest-up">↑</button>
                <button type="button" className="btn-secondary py-1" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('unit.moveDown', { name: r.name })} data-testid="unit-guest-down">↓</button>
                <button type="button" className="btn-secondary py-1" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} data-testid="unit-guest-remove">{t('unit.remove')}</button>
              </div>
            </li>
          ))}
        </ol>
        {photo.error && <ErrorMessage error={photo.error} testId="unit-guest-photo-error" />}
        {error && <ErrorMessage error={error} testId="unit-guests-error" />}
        {done && <p role="status" className="text-sm text-green-800" data-testid="unit-guests-saved">{t('unit.saved')}</p>}
        <div className="flex gap-2">
          <button type="button" className="btn-secondary" disabled={rows.length >= 20}
            onClick={() => setRows((rs) => [...rs, { key: `new-${Date.now()}-${rs.length}`, name: '', title: '', photoId: null, photoUrl: null }])} data-testid="unit-guest-add">{t('unit.addGuest')}</button>
          <button type="button" className="btn-primary" disabled={busy || photo.busy} onClick={save} data-testid="unit-guests-save">{t('unit.saveGuests')}</button>
        </div>
      </fieldset>
    </section>
  )
}

function Staff({ event, onSaved }: { event: UnitEventDto; onSaved: Saved }) {
  const { t } = useTranslation('events')
  const { t: tc } = useTranslation()
  const [pick, setPick] = useState<Record<string, { userId: string; role: string }>>({})
  const { busy, error, run } = useAction<UnitEventDto>(onSaved)
  return (
    <section className="card space-y-3 p-4" aria-labelledby="ue-staff-title" data-testid="unit-event-staff">
      <h2 id="ue-staff-title" className="text-base font-bold text-slate-900">{t('unit.staff')}</h2>
      {event.sessions.map((s) => {
        const roles = rolesForKind(s.kind).filter((r) => (UNIT_ASSIGNABLE_ROLES as readonly string[]).includes(r))
        const p = pick[s.id] ?? { userId: event.candidates[0]?.id ?? '', role: roles[0] ?? 'host' }
        return (
          <div key={s.id} className="space-y-2" data-testid="unit-staff-session" data-session-id={s.id}>
            <h3 className="text-sm font-medium text-slate-800">{s.title}</h3>
            <p className="text-xs">
              {t('unit.exportQuestions')}{' '}
              <a className="text-accent underline" href={`/api/sessions/${encodeURIComponent(s.id)}/questions.xlsx`} download data-testid="unit-questions-xlsx">XLSX</a>{' · '}
              <a className="text-accent underline" href={`/api/sessions/${encodeURIComponent(s.id)}/questions.csv`} download data-testid="unit-questions-csv">CSV</a>
            </p>
            <ul className="space-y-1 text-sm">
              {event.staff.filter((a) => a.sessionId === s.id).map((a) => (
                <li key={a.userId} className="flex items-center gap-2" data-testid="unit-staff-row" data-user-id={a.userId}>
                  <span className="flex-1">{a.displayName} · {tc(`role.${a.role}`)}</span>
                  {event.editable && (
                    <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => void run(() => eventsApi.unitUnassign(event.id, s.id, a.userId))}
                      aria-label={t('unit.unassign', { name: a.displayName })} data-testid="unit-staff-remove">{t('unit.remove')}</button>
                  )}
                </li>
              ))}
            </ul>
            {event.editable && event.candidates.length > 0 && (
              <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); void run(() => eventsApi.unitAssign(event.id, s.id, p.userId, p.role)) }}>
                <div>
                  <label className="label" htmlFor={`st-user-${s.id}`}>{t('unit.person')}</label>
                  <select id={`st-user-${s.id}`} className="input w-auto" value={p.userId} onChange={(e) => setPick({ ...pick, [s.id]: { ...p, userId: e.target.value } })} data-testid="unit-staff-user">
                    {event.candidates.map((u) => <option key={u.id} value={u.id}>{u.displayName} ({u.username})</option>)}
                  </select>
                </div>
                <div>
                  <label className="label" htmlFor={`st-role-${s.id}`}>{t('unit.role')}</label>
                  <select id={`st-role-${s.id}`} className="input w-auto" value={p.role} onChange={(e) => setPick({ ...pick, [s.id]: { ...p, role: e.target.value } })} data-testid="unit-staff-role">
                    {roles.map((r) => <option key={r} value={r}>{tc(`role.${r}`)}</option>)}
                  </select>
                </div>
                <button type="submit" className="btn-primary" disabled={busy || !p.userId} data-testid="unit-staff-assign">{t('unit.assign')}</button>
              </form>
            )}
          </div>
        )
      })}
      {error && <ErrorMessage error={error} testId="unit-staff-error" />}
    </section>
  )
}

/** The lead unit prepares its event: description, venue, time, guests and their photos, staff. */
export function UnitEventPage() {
  const { eventId = '' } = useParams()
  const { t, i18n } = useTranslation('events')
  const { data, error, loading, reload } = useAsync(() => eventsApi.unitGet(eventId), `unit-event:${eventId}`)
  const [event, setEvent] = useState<UnitEventDto | null>(null)
  useEffect(() => { if (data) setEvent(data) }, [data])
  if (loading && !event) return <Loading />
  if (error && !event) return <ErrorMessage error={error} onRetry={reload} />
  if (!event) return null
  return (
    <div className="space-y-4" data-testid="unit-event-page" data-event-id={event.id} data-editable={event.editable ? 'true' : 'false'}>
      <Link to="/unit/events" className="text-sm text-accent underline">{t('unit.back')}</Link>
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{event.theme}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <FormLabel form={event.form} />
          <span className="text-sm text-slate-700">{formatRange(event.startsAt, event.endsAt, i18n.language)}</span>
          <Link to={`/events/${encodeURIComponent(event.id)}`} className="text-sm text-accent underline" data-testid="unit-event-preview-link">{t('unit.previewPage')}</Link>
        </div>
        {!event.editable && <p className="mt-2 rounded bg-slate-100 p-2 text-sm text-slate-700" data-testid="unit-event-readonly">{t('unit.readOnly')}</p>}
      </section>
      <Details key={`d-${event.sequence}`} event={event} onSaved={setEvent} />
      <Guests event={event} onSaved={setEvent} />
      <Staff event={event} onSaved={setEvent} />
      {/* Lead and joint units alike publicise the event (the server checks who edits which item). */}
      <PublicitySection eventId={event.id} />
      {(VENUE_FORMS as readonly string[]).includes(event.form) && <AttendancePanel eventId={event.id} />}
      {(VENUE_FORMS as readonly string[]).includes(event.form) && <VenueDayPanels event={event} />}
      {event.form === 'press_release' && <PolicyPanel eventId={event.id} />}
      <EventSurveysPanel eventId={event.id} theme={event.theme} form={event.form} editable={event.editable} />
    </div>
  )
}
