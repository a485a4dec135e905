import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdminSessionDto, SessionRole, StaffPersonDto } from '@openday/protocol'
import { FormLabel, SessionStatusBadge } from '../components/badges.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import type { ApiError } from '../lib/api.ts'
import { formatRange } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { assignmentsApi } from './api.ts'
import { addable, type PersonLabels } from './people.ts'
import { PersonPicker } from './PersonPicker.tsx'

const EVENT_STATUSES = ['draft', 'planned', 'published', 'done'] as const
const isEventStatus = (s: string): s is (typeof EVENT_STATUSES)[number] => (EVENT_STATUSES as readonly string[]).includes(s)

interface Props {
  row: AdminSessionDto
  people: readonly StaffPersonDto[]
  labels: PersonLabels
  onChanged: (row: AdminSessionDto, message: string) => void
}

/** One session: its staff, each with a role to change or a remove button, and a picker to add someone. */
export function SessionStaffCard({ row, people, labels, onChanged }: Props) {
  const { t, i18n } = useTranslation('assignments')
  const { t: tr } = useTranslation()
  const uid = useId()
  const { session, event } = row
  const closed = session.status === 'ended' || session.status === 'archived'
  const [userId, setUserId] = useState('')
  const [role, setRole] = useState<SessionRole>(row.roles[0]!)
  const [removing, setRemoving] = useState<StaffPersonDto | null>(null)
  const roleName = (r: SessionRole) => tr(`role.${r}`)
  const act = useAction((r: { row: AdminSessionDto; message: string }) => onChanged(r.row, r.message))
  const candidates = addable(people, row)
  const chosen = candidates.find((p) => p.id === userId) ?? null

  const add = (e: FormEvent) => {
    e.preventDefault()
    if (!chosen) return
    void act.run(async () => ({ row: await assignmentsApi.assign(session.id, chosen.id, role), message: t('assigned', { name: chosen.displayName, role: roleName(role) }) }), () => setUserId(''))
  }
  const change = (p: StaffPersonDto, next: SessionRole) =>
    void act.run(async () => ({ row: await assignmentsApi.assign(session.id, p.id, next), message: t('changed', { name: p.displayName, role: roleName(next) }) }))
  const remove = (p: StaffPersonDto) =>
    void act.run(async () => ({ row: await assignmentsApi.remove(session.id, p.id), message: t('removed', { name: p.displayName }) }), () => setRemoving(null))

  const errorText = (err: ApiError) => (err.code === 'CONFLICT' ? t('errorDisabled') : err.code === 'SESSION_CLOSED' ? t('closed') : undefined)
  const titleId = `${uid}-title`

  return (
    <li className="card p-4" data-testid="staffing-session" data-session-id={session.id} data-status={session.status} aria-labelledby={titleId}>
      <div className="flex flex-wrap items-center gap-2">
        <SessionStatusBadge status={session.status} />
        <FormLabel form={session.kind} />
        <span className="text-xs text-slate-500" data-testid="event-status" data-status={event.status}>{isEventStatus(event.status) ? t(`eventStatus.${event.status}`) : event.status}</span>
      </div>
      <h2 id={titleId} className="mt-1 text-base font-bold text-slate-900">{event.theme}</h2>
      <p className="text-sm text-slate-600">{session.title} · {formatRange(session.scheduledStart, session.scheduledEnd, i18n.language)}</p>

      <h3 className="mt-3 text-sm font-bold text-slate-800">{t('staffTitle', { n: row.staff.length })}</h3>
      {row.staff.length === 0 && <p className="text-sm text-slate-500" data-testid="staff-empty">{t('noStaff')}</p>}
      <ul className="mt-1 divide-y divide-slate-100" data-testid="staff-list">
        {row.staff.map(({ user, role: r }) => (
          <li key={user.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="staff-item" data-user-id={user.id} data-username={user.username} data-role={r}>
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">
                {user.displayName}
                {!user.active && <span className="ml-2 rounded border border-slate-300 px-1 text-xs text-slate-600">{t('inactive')}</span>}
              </p>
              <p className="text-xs text-slate-500">{user.username} · {tr(`role.${user.role}`)}{user.unit ? ` · ${labels.unit(user)}` : ''}</p>
            </div>
            {closed ? (
              <span className="text-sm text-slate-700" data-testid="staff-role">{roleName(r)}</span>
            ) : (
              <>
                <label htmlFor={`${uid}-${user.id}-role`} className="sr-only">{t('roleOf', { name: user.displayName })}</label>
                <select id={`${uid}-${user.id}-role`} className="input w-auto py-1" value={r} disabled={act.busy}
                  onChange={(e) => change(user, e.target.value as SessionRole)} data-testid="staff-role-select">
                  {row.roles.map((x) => <option key={x} value={x}>{roleName(x)}</option>)}
                </select>
                <button type="button" className="btn-danger py-1" disabled={act.busy} onClick={() => setRemoving(user)}
                  aria-label={t('removeLabel', { name: user.displayName })} data-testid="staff-remove">
                  {t('remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>

      {closed ? (
        <p className="mt-2 text-sm text-slate-500" data-testid="session-closed">{t('closed')}</p>
      ) : (
        <form onSubmit={add} className="mt-3 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end" data-testid="assign-form" aria-label={t('addLabel', { theme: event.theme })}>
          <div>
            <label htmlFor={`${uid}-person`} className="label">{t('person')}</label>
            <PersonPicker id={`${uid}-person`} people={candidates} value={userId} onChange={setUserId} labels={labels}
              describedBy={`${uid}-person-hint`} disabled={act.busy} testId="assign-person" />
            <p id={`${uid}-person-hint`} className="mt-1 text-xs text-slate-500">{t('personHint')}</p>
          </div>
          <div>
            <label htmlFor={`${uid}-role`} className="label">{t('role')}</label>
            <select id={`${uid}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value as SessionRole)} data-testid="assign-role">
              {row.roles.map((x) => <option key={x} value={x}>{roleName(x)}</option>)}
            </select>
          </div>
          <button type="submit" className="btn-primary" disabled={act.busy || !chosen} data-testid="assign-submit">{t('assign')}</button>
        </form>
      )}
      {act.error && <div className="mt-2"><ErrorMessage error={act.error} testId="assign-error" text={errorText(act.error)} /></div>}
      {removing && (
        <ConfirmDialog title={t('removeTitle')} body={t('removeBody', { name: removing.displayName, theme: event.theme })} confirmLabel={t('remove')}
          busy={act.busy} onConfirm={() => remove(removing)} onCancel={() => setRemoving(null)} />
      )}
    </li>
  )
}
