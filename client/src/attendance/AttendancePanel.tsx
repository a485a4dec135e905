import { useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { INVITEE_CATEGORIES, instantToWallTime, type AttendanceDto, type InviteeCategory, type InviteeDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { attendanceApi } from './api.ts'

function Settings({ a, eventId, onSaved }: { a: AttendanceDto; eventId: string; onSaved: (a: AttendanceDto) => void }) {
  const { t } = useTranslation('attendance')
  const [open, setOpen] = useState(a.signupOpen)
  const [deadline, setDeadline] = useState(a.signupDeadline ? instantToWallTime(new Date(a.signupDeadline), 'Asia/Shanghai') : '')
  const [capacity, setCapacity] = useState(a.capacity ? String(a.capacity) : '')
  const [error, setError] = useState<ApiError | null>(null)
  const save = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try { onSaved(await attendanceApi.settings(eventId, { signupOpen: open, signupDeadline: deadline || null, capacity: capacity ? Number(capacity) : null })) } catch (err) { setError(toApiError(err)) }
  }
  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-3" data-testid="signup-settings">
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" className="size-4" checked={open} onChange={(e) => setOpen(e.target.checked)} data-testid="signup-open" />{t('signupOpen')}</label>
      <div><label className="label" htmlFor="signup-deadline">{t('deadline')}</label><input id="signup-deadline" type="datetime-local" className="input" value={deadline} onChange={(e) => setDeadline(e.target.value)} /></div>
      <div><label className="label" htmlFor="signup-capacity">{t('capacity')}</label><input id="signup-capacity" type="number" min={1} className="input w-28" value={capacity} onChange={(e) => setCapacity(e.target.value)} data-testid="signup-capacity" /></div>
      <button type="submit" className="btn-secondary" data-testid="signup-save">{t('save')}</button>
      {error && <ErrorMessage error={error} />}
    </form>
  )
}

function AddInvitee({ eventId, onAdded }: { eventId: string; onAdded: () => void }) {
  const { t } = useTranslation('attendance')
  const [category, setCategory] = useState<InviteeCategory>('npc_deputy')
  const [name, setName] = useState('')
  const [org, setOrg] = useState('')
  const [phone, setPhone] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const add = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await attendanceApi.add(eventId, { category, name, org, ...(phone.trim() ? { phone } : {}) })
      setName(''); setOrg(''); setPhone('')
      onAdded()
    } catch (err) { setError(toApiError(err)) }
  }
  return (
    <form onSubmit={add} className="grid gap-2 sm:grid-cols-[auto_1fr_1fr_1fr_auto] sm:items-end" data-testid="invitee-form">
      <div><label className="label" htmlFor="inv-cat">{t('category')}</label>
        <select id="inv-cat" className="input" value={category} onChange={(e) => setCategory(e.target.value as InviteeCategory)}>
          {INVITEE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`categories.${c}`)}</option>)}
        </select></div>
      <div><label className="label" htmlFor="inv-name">{t('name')}</label><input id="inv-name" className="input" maxLength={40} value={name} onChange={(e) => setName(e.target.value)} data-testid="invitee-name" /></div>
      <div><label className="label" htmlFor="inv-org">{t('org')}</label><input id="inv-org" className="input" maxLength={100} value={org} onChange={(e) => setOrg(e.target.value)} /></div>
      <div><label className="label" htmlFor="inv-phone">{t('phone')}</label><input id="inv-phone" className="input" inputMode="tel" maxLength={30} value={phone} onChange={(e) => setPhone(e.target.value)} /></div>
      <button type="submit" className="btn-primary" disabled={!name.trim()} data-testid="invitee-add">{t('add')}</button>
      {error && <div className="sm:col-span-5"><ErrorMessage error={error} text={error.message} /></div>}
    </form>
  )
}

function Row({ i, eventId, canManage, onChanged }: { i: InviteeDto; eventId: string; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation('attendance')
  const [phone, setPhone] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const run = async (p: Promise<unknown>) => { setError(null); try { await p; onChanged() } catch (err) { setError(toApiError(err)) } }
  return (
    <tr className="border-t border-slate-200" data-testid="invitee-row" data-status={i.status} data-invitee-id={i.id}>
      <td className="py-1">{t(`categories.${i.category}`)}</td>
      <td>{i.name}</td>
      <td className="text-slate-600">{i.org}</td>
      <td className="font-mono text-xs">{phone ?? i.phone}
        {i.phone && !phone && <button type="button" className="ml-1 text-accent underline" onClick={() => void attendanceApi.reveal(eventId, i.id).then((r) => setPhone(r.phone), (e: unknown) => setError(toApiError(e)))}>{t('reveal')}</button>}
      </td>
      <td>{t(`statuses.${i.status}`)}{i.source === 'signup' && ` · ${t('signedUp')}`}{i.checkedInAt && ` · ${t('checkedIn')}`}</td>
      <td className="space-x-1 text-right">
        {canManage && i.status !== 'confirmed' && !i.checkedInAt && <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => void run(attendanceApi.setStatus(eventId, i.id, 'confirmed'))} data-testid="invitee-confirm">{t('confirm')}</button>}
        {canManage && i.status !== 'declined' && !i.checkedInAt && <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => void run(attendanceApi.setStatus(eventId, i.id, 'declined'))}>{t('decline')}</button>}
        {error && <ErrorMessage error={error} />}
      </td>
    </tr>
  )
}

/** On the unit's page of a symposium or an observation: sign-up rules, invitees, figures, links to invitations and the door. */
export function AttendancePanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation('attendance')
  const { data, error, loading, reload, setData } = useAsync(() => attendanceApi.view(eventId), `attendance:${eventId}`)
  const [importError, setImportError] = useState<ApiError | null>(null)
  const [imported, setImported] = useState<number | null>(null)
  useEffect(() => { setImported(null) }, [eventId])
  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={reload} />
  if (!data) return null
  const upload = async (file: File | undefined) => {
    if (!file) return
    setImportError(null)
    try { setImported((await attendanceApi.importFile(eventId, file)).added); reload() } catch (err) { setImportError(toApiError(err)) }
  }
  return (
    <section className="card space-y-3 p-4" aria-labelledby="att-title" data-testid="attendance-panel">
      <h2 id="att-title" className="section-title">{t('title')}</h2>
      <dl className="flex flex-wrap gap-4 text-sm" data-testid="attendance-figures">
        {INVITEE_CATEGORIES.map((c) => (
          <div key={c} data-testid={`figure-${c}`} data-checked-in={data.figures[c].checkedIn}><dt className="text-slate-600">{t(`categories.${c}`)}</dt><dd>{t('figure', data.figures[c])}</dd></div>
        ))}
      </dl>
      <div className="flex flex-wrap gap-2">
        <Link className="btn-secondary" to={`/unit/events/${encodeURIComponent(eventId)}/invitations`} data-testid="to-invitations">{t('printInvitations')}</Link>
      </div>
      {data.canManage && (
        <>
          <Settings a={data} eventId={eventId} onSaved={(a) => setData(() => a)} />
          <AddInvitee eventId={eventId} onAdded={reload} />
          <div className="flex flex-wrap items-center gap-2">
            <label className="btn-secondary cursor-pointer">{t('import')}<input type="file" accept=".xlsx" className="sr-only" onChange={(e) => void upload(e.target.files?.[0])} data-testid="invitee-import" /></label>
            <a className="text-sm text-accent underline" href={attendanceApi.templateUrl(eventId)} download>{t('template')}</a>
            {imported !== null && <span role="status" className="text-sm text-green-800" data-testid="import-done">{t('imported', { n: imported })}</span>}
          </div>
          {importError && <ErrorMessage error={importError} text={importError.message} testId="import-error" />}
        </>
      )}
      <table className="w-full text-sm" data-testid="invitee-list">
        <thead><tr className="text-left text-slate-600"><th className="py-1">{t('category')}</th><th>{t('name')}</th><th>{t('org')}</th><th>{t('phone')}</th><th>{t('status')}</th><th><span className="sr-only">{t('actions')}</span></th></tr></thead>
        <tbody>{data.invitees.map((i) => <Row key={i.id} i={i} eventId={eventId} canManage={data.canManage} onChanged={reload} />)}</tbody>
      </table>
    </section>
  )
}
