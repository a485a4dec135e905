import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { instantToWallTime, type AgendaItemDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate, TIME_ZONE } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { agendaApi } from './api.ts'

interface Row { startsAt: string; endsAt: string; title: string; place: string; speaker: string }
const wall = (iso: string) => instantToWallTime(new Date(iso), TIME_ZONE)
const toRow = (i: AgendaItemDto): Row => ({ startsAt: wall(i.startsAt), endsAt: i.endsAt ? wall(i.endsAt) : '', title: i.title, place: i.place, speaker: i.speaker })

/** The agenda (议程) of a symposium or the route (路线) of an observation: the lead unit edits the whole list and saves it at once. */
export function AgendaPanel({ eventId, form, startsAt, editable }: { eventId: string; form: string; startsAt: string; editable: boolean }) {
  const { t, i18n } = useTranslation('venue')
  const { data, error, loading, reload } = useAsync(() => agendaApi.list(eventId), `agenda:${eventId}`)
  const [rows, setRows] = useState<Row[]>([])
  const [saved, setSaved] = useState(false)
  const { busy, error: saveError, run } = useAction<AgendaItemDto[]>((items) => { setRows(items.map(toRow)); setSaved(true) })
  useEffect(() => { if (data) setRows(data.map(toRow)) }, [data])
  if (loading && !data) return <Loading />
  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />
  const kind = form === 'observation' ? 'route' : 'agenda'
  const set = (n: number, patch: Partial<Row>) => { setSaved(false); setRows(rows.map((r, i) => (i === n ? { ...r, ...patch } : r))) }
  const add = () => { setSaved(false); setRows([...rows, { startsAt: rows.at(-1)?.endsAt || rows.at(-1)?.startsAt || wall(startsAt), endsAt: '', title: '', place: '', speaker: '' }]) }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(() => agendaApi.save(eventId, { items: rows.map((r) => ({ startsAt: r.startsAt, endsAt: r.endsAt || null, title: r.title, place: r.place, speaker: r.speaker })) }))
  }
  return (
    <section className="card space-y-3 p-4" aria-labelledby="agenda-title" data-testid="agenda-panel">
      <h2 id="agenda-title" className="section-title">{t(`${kind}.title`)}</h2>
      {!editable ? (
        <ol className="space-y-1 text-sm">
          {(data ?? []).map((i) => <li key={i.id}>{formatDate(i.startsAt, i18n.language, 'time')} {i.title}{i.place && ` · ${i.place}`}{i.speaker && ` · ${i.speaker}`}</li>)}
          {data?.length === 0 && <li className="text-slate-600">{t(`${kind}.empty`)}</li>}
        </ol>
      ) : (
        <form onSubmit={submit} className="space-y-2" noValidate>
          {rows.map((r, n) => (
            <fieldset key={n} className="grid gap-2 rounded border border-slate-200 p-2 sm:grid-cols-[auto_auto_1fr_1fr_1fr_auto] sm:items-end" data-testid="agenda-row">
              <legend className="sr-only">{t('item', { n: n + 1 })}</legend>
              <div><label className="label" htmlFor={`ag-s-${n}`}>{t('starts')}</label><input id={`ag-s-${n}`} type="datetime-local" className="input" value={r.startsAt} onChange={(e) => set(n, { startsAt: e.target.value })} data-testid="agenda-start" /></div>
              <div><label className="label" htmlFor={`ag-e-${n}`}>{t('ends')}</label><input id={`ag-e-${n}`} type="datetime-local" className="input" value={r.endsAt} onChange={(e) => set(n, { endsAt: e.target.value })} /></div>
              <div><label className="label" htmlFor={`ag-t-${n}`}>{t(`${kind}.itemTitle`)}</label><input id={`ag-t-${n}`} className="input" maxLength={100} value={r.title} onChange={(e) => set(n, { title: e.target.value })} data-testid="agenda-item-title" /></div>
              <div><label className="label" htmlFor={`ag-p-${n}`}>{t(`${kind}.place`)}</label><input id={`ag-p-${n}`} className="input" maxLength={100} value={r.place} onChange={(e) => set(n, { place: e.target.value })} /></div>
              <div><label className="label" htmlFor={`ag-k-${n}`}>{t(`${kind}.speaker`)}</label><input id={`ag-k-${n}`} className="input" maxLength={100} value={r.speaker} onChange={(e) => set(n, { speaker: e.target.value })} /></div>
              <button type="button" className="btn-secondary" onClick={() => { setSaved(false); setRows(rows.filter((_, i) => i !== n)) }} aria-label={t('removeItem', { n: n + 1 })}>{t('remove')}</button>
            </fieldset>
          ))}
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className="btn-secondary" onClick={add} data-testid="agenda-add">{t('addItem')}</button>
            <button type="submit" className="btn-primary" disabled={busy} data-testid="agenda-save">{t('save')}</button>
            {saved && <span role="status" className="text-sm text-green-800" data-testid="agenda-saved">{t('saved')}</span>}
          </div>
          {saveError && <ErrorMessage error={saveError} text={saveError.message} />}
        </form>
      )}
    </section>
  )
}
