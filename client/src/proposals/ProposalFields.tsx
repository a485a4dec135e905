import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { EVENT_FORMS, type EventForm, type HalfDay, type UnitOptionDto } from '@openday/protocol'
import { emptyContact, type Fields } from './draft.ts'

interface Props {
  value: Fields
  months: number[]
  units: UnitOptionDto[]
  leadUnitId: string
  onChange: (patch: Partial<Fields>) => void
}

const CONTACT_FIELDS = ['name', 'position', 'phone', 'email'] as const

/** The proposal's fields as the seed asks for them: theme, month and half-day, form, steps, contacts, joint units. */
export function ProposalFields({ value: v, months, units, leadUnitId, onChange }: Props) {
  const { t } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  const id = useId()
  const setContact = (i: number, patch: Partial<Fields['contacts'][number]>) =>
    onChange({ contacts: v.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) })
  const joint = units.filter((u) => u.id !== leadUnitId && (u.active || v.jointUnitIds.includes(u.id)))
  return (
    <div className="space-y-4">
      <div>
        <label className="label" htmlFor={`${id}-theme`}>{t('field.theme')}</label>
        <input id={`${id}-theme`} className="input" maxLength={200} value={v.theme} onChange={(e) => onChange({ theme: e.target.value })} data-testid="proposal-theme" />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label className="label" htmlFor={`${id}-month`}>{t('field.month')}</label>
          <select id={`${id}-month`} className="input" value={v.month ?? ''} data-testid="proposal-month"
            onChange={(e) => onChange({ month: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t('editor.chooseMonth')}</option>
            {months.map((m) => <option key={m} value={m}>{t('monthName', { month: m })}</option>)}
            {/* Chosen before the office dropped it: shown as it is, to be changed before submitting. */}
            {v.month !== null && !months.includes(v.month) && <option value={v.month}>{t('editor.monthClosed', { month: v.month })}</option>}
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-half`}>{t('field.halfDay')}</label>
          <select id={`${id}-half`} className="input" value={v.halfDay} onChange={(e) => onChange({ halfDay: e.target.value as HalfDay })} data-testid="proposal-halfday">
            <option value="am">{t('halfDay.am')}</option>
            <option value="pm">{t('halfDay.pm')}</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-form`}>{t('field.form')}</label>
          <select id={`${id}-form`} className="input" value={v.form ?? ''} data-testid="proposal-form"
            onChange={(e) => onChange({ form: (e.target.value || null) as EventForm | null })}>
            <option value="">{t('editor.chooseForm')}</option>
            {EVENT_FORMS.map((f) => <option key={f} value={f}>{tc(`eventForm.${f}`)}</option>)}
          </select>
        </div>
      </div>
      <div>
        <label className="label" htmlFor={`${id}-steps`}>{t('field.steps')}</label>
        <textarea id={`${id}-steps`} className="input min-h-32" maxLength={8000} value={v.steps} aria-describedby={`${id}-steps-hint`}
          onChange={(e) => onChange({ steps: e.target.value })} data-testid="proposal-steps" />
        <p id={`${id}-steps-hint`} className="mt-1 text-xs text-slate-500">{t('editor.stepsHint')}</p>
      </div>
      <fieldset className="space-y-2">
        <legend className="label">{t('field.contacts')}</legend>
        <p className="text-xs text-slate-500">{t('editor.contactsPrivate')}</p>
        {v.contacts.map((c, i) => (
          <div key={i} className="grid gap-2 rounded border border-slate-200 p-2 sm:grid-cols-[1fr_1fr_1fr_1.4fr_auto]" data-testid="contact-row">
            {CONTACT_FIELDS.map((k) => (
              <div key={k}>
                <label className="sr-only" htmlFor={`${id}-c${i}-${k}`}>{t('contact.labelOf', { field: t(`contact.${k}`), n: i + 1 })}</label>
                <input id={`${id}-c${i}-${k}`} className="input" placeholder={t(`contact.${k}`)} value={c[k]} data-testid={`contact-${k}`}
                  type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'} maxLength={k === 'email' ? 120 : k === 'position' ? 60 : k === 'phone' ? 30 : 40}
                  onChange={(e) => setContact(i, { [k]: e.target.value })} />
              </div>
            ))}
            <button type="button" className="btn-secondary" onClick={() => onChange({ contacts: v.contacts.filter((_, j) => j !== i) })}
              aria-label={t('contact.removeLabel', { n: i + 1 })} data-testid="contact-remove">{t('contact.remove')}</button>
          </div>
        ))}
        <button type="button" className="btn-secondary" disabled={v.contacts.length >= 20} onClick={() => onChange({ contacts: [...v.contacts, emptyContact()] })} data-testid="contact-add">
          {t('contact.add')}
        </button>
      </fieldset>
      <fieldset>
        <legend className="label">{t('field.jointUnits')}</legend>
        <p className="mb-1 text-xs text-slate-500">{t('editor.jointHint')}</p>
        <div className="grid max-h-48 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2" data-testid="proposal-joint-units">
          {joint.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={v.jointUnitIds.includes(u.id)} data-testid="joint-unit" data-unit-id={u.id}
                onChange={(e) => onChange({ jointUnitIds: e.target.checked ? [...v.jointUnitIds, u.id] : v.jointUnitIds.filter((x) => x !== u.id) })} />
              {u.name}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  )
}
