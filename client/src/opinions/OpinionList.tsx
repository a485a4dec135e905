import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OpinionStaffDto, UnitOptionDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { HighlightedText } from '../console/HighlightedText.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { opinionsApi } from './api.ts'

function Item({ o, eventId, canManage, units, onChanged }: { o: OpinionStaffDto; eventId: string; canManage: boolean; units: UnitOptionDto[]; onChanged: (o: OpinionStaffDto) => void }) {
  const { t, i18n } = useTranslation('venue')
  const { t: ta } = useTranslation('attendance')
  const [unitId, setUnitId] = useState('')
  const { busy, error, run } = useAction<OpinionStaffDto>(onChanged)
  return (
    <li className="space-y-2 rounded border border-slate-200 p-3" data-testid="opinion-item" data-opinion-id={o.id} data-status={o.status} data-source={o.source}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span className="font-medium text-slate-800">{o.speaker || t('opinions.unnamed')}</span>
        <span>{ta(`categories.${o.category}`)}</span>
        <span>{t(`opinions.sources.${o.source}`)}</span>
        <time dateTime={o.createdAt}>{formatDate(o.createdAt, i18n.language)}</time>
        <span className="flex-1" />
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-800" data-testid="opinion-status">{t(`opinions.statuses.${o.status}`)}</span>
      </div>
      <p className="user-text text-sm text-slate-900"><HighlightedText text={o.body} words={o.hits} /></p>
      {o.reply && (
        <p className="text-xs text-slate-700" data-testid="opinion-reply-state">
          {t('opinions.replyBy', { unit: o.reply.unit?.name ?? '', due: formatDate(o.reply.dueAt, i18n.language, 'date') })} · {o.reply.published ? t('opinions.replied') : t('opinions.awaiting')}
        </p>
      )}
      {canManage && (
        <div className="flex flex-wrap items-end gap-2">
          {o.status !== 'published' && <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => void run(() => opinionsApi.setStatus(eventId, o.id, 'published'))} data-testid="opinion-publish">{t('opinions.publish')}</button>}
          {o.status !== 'hidden' && !o.reply && <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => void run(() => opinionsApi.setStatus(eventId, o.id, 'hidden'))} data-testid="opinion-hide">{t('opinions.hide')}</button>}
          {!o.reply && o.status !== 'hidden' && (
            <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); if (unitId) void run(() => opinionsApi.assign(eventId, o.id, unitId)) }}>
              <div><label className="label" htmlFor={`op-unit-${o.id}`}>{t('opinions.assignTo')}</label>
                <select id={`op-unit-${o.id}`} className="input w-auto" value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="opinion-unit">
                  <option value="">{t('opinions.pickUnit')}</option>
                  {units.filter((u) => u.active).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
                </select></div>
              <button type="submit" className="btn-primary py-1" disabled={busy || !unitId} data-testid="opinion-assign">{t('opinions.assign')}</button>
            </form>
          )}
        </div>
      )}
      {error && <ErrorMessage error={error} text={error.message} />}
    </li>
  )
}

/** The opinions of the event for its people; the lead unit and the admin publish, hide and assign them for a written reply. */
export function OpinionList({ eventId, opinions, canManage, units, onChanged }: { eventId: string; opinions: OpinionStaffDto[]; canManage: boolean; units: UnitOptionDto[]; onChanged: (o: OpinionStaffDto) => void }) {
  const { t } = useTranslation('venue')
  if (opinions.length === 0) return <p className="text-sm text-slate-600" data-testid="opinions-empty">{t('opinions.none')}</p>
  return <ul className="space-y-2" data-testid="opinion-list">{opinions.map((o) => <Item key={o.id} o={o} eventId={eventId} canManage={canManage} units={units} onChanged={onChanged} />)}</ul>
}
