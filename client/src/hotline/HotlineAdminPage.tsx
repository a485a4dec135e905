import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppealTypeDto, CalendarDayDto, DomainDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { hotlineApi, type AppealTypeInput } from './api.ts'
import { dayToIso, zonedDay } from './deadline.ts'
import { useTaxonomy } from './useTaxonomy.ts'

type Kind = 'domain' | 'type'
type Row = DomainDto & { deadlineDays?: number }

interface Editable { name: string; nameEn: string; sortOrder: string; active: boolean; deadlineDays: string }

const editable = (r?: Row): Editable => ({
  name: r?.name ?? '', nameEn: r?.nameEn ?? '', sortOrder: String(r?.sortOrder ?? 0), active: r?.active ?? true, deadlineDays: String(r?.deadlineDays ?? 5),
})

function bodyOf(e: Editable): AppealTypeInput {
  const body: AppealTypeInput = { name: e.name.trim(), sortOrder: Number(e.sortOrder) || 0, active: e.active, deadlineDays: Number(e.deadlineDays) || 0 }
  if (e.nameEn.trim()) body.nameEn = e.nameEn.trim()
  return body
}

function save(kind: Kind, id: string | null, e: Editable): Promise<Row> {
  const body = bodyOf(e)
  if (kind === 'domain') {
    const { deadlineDays: _d, ...domain } = body
    return id ? hotlineApi.updateDomain(id, domain) : hotlineApi.createDomain(domain)
  }
  return id ? hotlineApi.updateAppealType(id, body) : hotlineApi.createAppealType(body)
}

/** One row of the taxonomy, edited in place; also the "add" row when `row` is undefined. */
function TaxonomyRow({ kind, row, onSaved }: { kind: Kind; row?: Row; onSaved: (r: Row) => void }) {
  const { t } = useTranslation()
  const [e, setE] = useState<Editable>(() => editable(row))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [saved, setSaved] = useState(false)
  const isNew = !row
  const dirty = isNew ? e.name.trim() !== '' : JSON.stringify(e) !== JSON.stringify(editable(row))

  const submit = async (ev: FormEvent) => {
    ev.preventDefault()
    setBusy(true)
    setError(null)
    setSaved(false)
    try {
      const r = await save(kind, row?.id ?? null, e)
      onSaved(r)
      setE(isNew ? editable() : editable(r))
      setSaved(true)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const set = (patch: Partial<Editable>) => { setE({ ...e, ...patch }); setSaved(false) }
  const label = (k: string) => t(`hotline.admin.${k}` as 'hotline.admin.name')

  return (
    <form onSubmit={submit} className={`grid items-end gap-2 border-b border-slate-100 py-2 text-sm last:border-b-0 ${kind === 'type' ? 'sm:grid-cols-[2fr_2fr_5rem_5rem_auto_auto]' : 'sm:grid-cols-[2fr_2fr_5rem_auto_auto]'}`}
      data-testid={isNew ? `${kind}-new` : `${kind}-row`} data-id={row?.id} data-active={row ? String(row.active) : undefined}>
      <label className="block"><span className="text-xs text-slate-500">{label('name')}</span>
        <input className="input py-1" maxLength={20} required value={e.name} onChange={(x) => set({ name: x.target.value })} data-testid="tax-name" /></label>
      <label className="block"><span className="text-xs text-slate-500">{label('nameEn')}</span>
        <input className="input py-1" maxLength={40} value={e.nameEn} onChange={(x) => set({ nameEn: x.target.value })} data-testid="tax-name-en" /></label>
      <label className="block"><span className="text-xs text-slate-500">{label('sortOrder')}</span>
        <input className="input py-1" type="number" min={0} max={999} value={e.sortOrder} onChange={(x) => set({ sortOrder: x.target.value })} data-testid="tax-order" /></label>
      {kind === 'type' && (
        <label className="block"><span className="text-xs text-slate-500">{label('deadlineDays')}</span>
          <input className="input py-1" type="number" min={1} max={60} value={e.deadlineDays} onChange={(x) => set({ deadlineDays: x.target.value })} data-testid="tax-days" /></label>
      )}
      <label className="flex items-center gap-1 pb-2"><input type="checkbox" checked={e.active} onChange={(x) => set({ active: x.target.checked })} data-testid="tax-active" />{label('active')}</label>
      <div className="flex items-center gap-2 pb-1">
        <button type="submit" className={isNew ? 'btn-primary py-1' : 'btn-secondary py-1'} disabled={busy || !dirty} data-testid={isNew ? 'tax-add' : 'tax-save'}>
          {isNew ? label('add') : label('save')}
        </button>
        {saved && <span className="text-xs text-green-700" data-testid="tax-saved">{label('saved')}</span>}
      </div>
      {error && <div className="sm:col-span-full"><ErrorMessage error={error} testId="tax-error" /></div>}
    </form>
  )
}

function TaxonomySection({ kind, rows, onSaved }: { kind: Kind; rows: Row[]; onSaved: (r: Row) => void }) {
  const { t } = useTranslation()
  return (
    <section className="card p-4" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`} className="section-title">{kind === 'domain' ? t('hotline.admin.domains') : t('hotline.admin.types')}</h2>
      <p className="mt-1 text-xs text-slate-500">{kind === 'domain' ? t('hotline.admin.domainsIntro') : t('hotline.admin.typesIntro')}</p>
      <div className="mt-2" data-testid={`${kind}-table`} data-count={rows.length}>
        {rows.map((r) => <TaxonomyRow key={r.id} kind={kind} row={r} onSaved={onSaved} />)}
      </div>
      <h3 className="mt-3 text-sm font-bold text-slate-800">{t('hotline.admin.addTitle')}</h3>
      <TaxonomyRow kind={kind} onSaved={onSaved} />
    </section>
  )
}

function CalendarSection() {
  const { t, i18n } = useTranslation()
  const list = useAsync(() => hotlineApi.calendar(), 'admin-calendar')
  const [day, setDay] = useState<CalendarDayDto>({ date: '', kind: 'holiday', name: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const add = async (e: FormEvent) => {
    e.preventDefault()
    if (!day.date || !day.name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const saved = await hotlineApi.putCalendarDay({ ...day, name: day.name.trim() })
      list.setData((prev) => [...(prev ?? []).filter((d) => d.date !== saved.date), saved])
      setYear(saved.date.slice(0, 4))
      setDay({ ...day, date: '' })
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const remove = async (date: string) => {
    setError(null)
    try {
      await hotlineApi.deleteCalendarDay(date)
      list.setData((prev) => prev?.filter((d) => d.date !== date))
    } catch (err) {
      setError(toApiError(err))
    }
  }
  const all = [...(list.data ?? [])].sort((a, b) => a.date.localeCompare(b.date))
  // One year at a time: the calendar holds every holiday of several years.
  const years = [...new Set(all.map((d) => d.date.slice(0, 4)))]
  const thisYear = zonedDay(new Date()).slice(0, 4)
  const [year, setYear] = useState<string | null>(null)
  const shownYear = year ?? (years.includes(thisYear) ? thisYear : (years[0] ?? thisYear))
  const days = all.filter((d) => d.date.startsWith(shownYear))

  return (
    <section className="card p-4" aria-labelledby="calendar-title" data-testid="calendar-section">
      <h2 id="calendar-title" className="section-title">{t('hotline.admin.calendar')}</h2>
      <p className="mt-1 text-xs text-slate-500">{t('hotline.admin.calendarIntro')}</p>
      <form onSubmit={add} className="mt-3 flex flex-wrap items-end gap-2" data-testid="calendar-form">
        <label className="block text-sm"><span className="text-xs text-slate-500">{t('hotline.admin.date')}</span>
          <input type="date" className="input py-1" required value={day.date} onChange={(e) => setDay({ ...day, date: e.target.value })} data-testid="calendar-date" /></label>
        <label className="block text-sm"><span className="text-xs text-slate-500">{t('hotline.admin.kind')}</span>
          <select className="input py-1" value={day.kind} onChange={(e) => setDay({ ...day, kind: e.target.value as CalendarDayDto['kind'] })} data-testid="calendar-kind">
            <option value="holiday">{t('hotline.admin.holiday')}</option>
            <option value="workday">{t('hotline.admin.workday')}</option>
          </select></label>
        <label className="block flex-1 text-sm"><span className="text-xs text-slate-500">{t('hotline.admin.dayName')}</span>
          <input className="input py-1" maxLength={20} required value={day.name} placeholder={t('hotline.admin.dayNamePlaceholder')} onChange={(e) => setDay({ ...day, name: e.target.value })} data-testid="calendar-name" /></label>
        <button type="submit" className="btn-primary py-1.5" disabled={busy || !day.date || !day.name.trim()} data-testid="calendar-add">{t('hotline.admin.add')}</button>
      </form>
      {error && <div className="mt-2"><ErrorMessage error={error} testId="calendar-error" /></div>}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {years.length > 1 && (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={t('hotline.admin.year')} data-testid="calendar-years">
          <span className="text-slate-600">{t('hotline.admin.year')}</span>
          {years.map((y) => (
            <button key={y} type="button" aria-pressed={y === shownYear} onClick={() => setYear(y)} data-testid="calendar-year" data-year={y}
              className={`rounded border px-2 py-0.5 ${y === shownYear ? 'border-accent bg-accent text-white' : 'border-slate-300 bg-white text-slate-700'}`}>{y}</button>
          ))}
        </div>
      )}
      {list.data && days.length === 0 && <p className="py-4 text-center text-sm text-slate-500" data-testid="calendar-list-empty">{t('hotline.admin.calendarEmpty')}</p>}
      {days.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="calendar-list" data-count={days.length}>
          {days.map((d) => (
            <li key={d.date} className="flex items-center gap-3 py-1.5 text-sm" data-testid="calendar-day" data-date={d.date} data-kind={d.kind}>
              <span className="w-48 tabular-nums">{formatDate(dayToIso(d.date), i18n.language, 'date')}</span>
              <span className={`rounded px-1.5 py-0.5 text-xs ${d.kind === 'holiday' ? 'bg-accent-soft text-accent' : 'bg-blue-50 text-blue-800'}`}>{t(`hotline.admin.${d.kind}`)}</span>
              <span className="flex-1 text-slate-800">{d.name}</span>
              <button type="button" className="btn-danger py-0.5" onClick={() => void remove(d.date)} aria-label={t('hotline.admin.deleteDay', { date: d.date })} data-testid="calendar-delete">
                {t('hotline.admin.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** /admin/hotline — the hotline's taxonomy and working-day calendar (data, not code). */
export function HotlineAdminPage() {
  const { t } = useTranslation()
  const taxonomy = useTaxonomy()
  const s = taxonomy.state
  const upsert = <T extends { id: string }>(list: T[], r: T) => (list.some((x) => x.id === r.id) ? list.map((x) => (x.id === r.id ? r : x)) : [...list, r])
  const onDomain = (r: Row) => s.setData((prev) => prev && { ...prev, domains: upsert(prev.domains, r) })
  const onType = (r: Row) => s.setData((prev) => prev && { ...prev, appealTypes: upsert(prev.appealTypes, r as AppealTypeDto) })
  return (
    <div className="space-y-4" data-testid="admin-hotline-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('hotline.admin.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('hotline.admin.intro')}</p>
      </section>
      {s.loading && !s.data && <Loading />}
      {s.error && <ErrorMessage error={s.error} onRetry={s.reload} />}
      {s.data && (
        <>
          <TaxonomySection kind="domain" rows={taxonomy.domains} onSaved={onDomain} />
          <TaxonomySection kind="type" rows={taxonomy.appealTypes} onSaved={onType} />
        </>
      )}
      <CalendarSection />
    </div>
  )
}
