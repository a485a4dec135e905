import { useTranslation } from 'react-i18next'
import type { ProposalDto } from '@openday/protocol'

/** A proposal read-only: for joint units, for the office, and for the lead unit once submitted. */
export function ProposalView({ p }: { p: ProposalDto }) {
  const { t } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  const row = (label: string, value: string, testId: string) => (
    <div className="sm:grid sm:grid-cols-[8rem_1fr] sm:gap-2">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="user-text text-sm text-slate-900" data-testid={testId}>{value || '—'}</dd>
    </div>
  )
  return (
    <dl className="space-y-2" data-testid="proposal-view">
      {row(t('field.theme'), p.theme, 'view-theme')}
      {row(t('field.month'), p.month ? `${t('monthName', { month: p.month })} ${t(`halfDay.${p.halfDay}`)}` : '', 'view-month')}
      {row(t('field.form'), p.form ? tc(`eventForm.${p.form}`) : '', 'view-form')}
      {row(t('field.steps'), p.steps, 'view-steps')}
      {row(t('field.unit'), p.unit.name, 'view-unit')}
      {row(t('field.jointUnits'), p.jointUnits.map((u) => u.name).join(tc('common.listSeparator')), 'view-joint')}
      <div className="sm:grid sm:grid-cols-[8rem_1fr] sm:gap-2">
        <dt className="text-xs font-medium text-slate-600">{t('field.contacts')}</dt>
        <dd>
          <ul className="text-sm" data-testid="view-contacts">
            {p.contacts.map((c, i) => <li key={i}>{[c.name, c.position, c.phone, c.email].filter(Boolean).join(' · ')}</li>)}
          </ul>
        </dd>
      </div>
    </dl>
  )
}
