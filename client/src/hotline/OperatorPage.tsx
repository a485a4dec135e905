import { useCallback, useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ApiPaths, type CallStaffDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { unitName } from '../components/EventInfo.tsx'
import { api } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { StaffSessionBar } from '../console/StaffSessionBar.tsx'
import { hotlineApi } from './api.ts'
import { CallForm } from './CallForm.tsx'
import { CallList, DispositionBadge, RepeatBadge } from './CallList.tsx'
import { callsNewestFirst, isStaffCall } from './calls.ts'
import { calendarFrom, EMPTY_CALENDAR } from './deadline.ts'
import { Exports } from './Exports.tsx'
import { useCallOutbox, type CallOutbox } from './useCallOutbox.ts'
import { useHotlineSession } from './useHotlineSession.ts'
import { useTaxonomy, type Taxonomy } from './useTaxonomy.ts'

function SavedNotice({ call, taxonomy, unitLabel }: { call: CallStaffDto; taxonomy: Taxonomy; unitLabel: (id: string | null) => string }) {
  const { t, i18n } = useTranslation()
  return (
    <div role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900"
      data-testid="call-saved" data-call-id={call.id} data-due-at={call.dueAt ?? ''} data-repeat-count={call.repeatCount} data-disposition={call.disposition}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-bold">{t('hotline.saved.title')}</span>
        <span>{taxonomy.domainLabel(call.domainId)} · {taxonomy.typeLabel(call.appealTypeId)}</span>
        <DispositionBadge disposition={call.disposition} />
        <RepeatBadge count={call.repeatCount} />
      </div>
      {call.disposition === 'handed_off' && (
        <p className="mt-1" data-testid="call-saved-due">
          {t('hotline.saved.handedOff', { unit: unitLabel(call.unitId), due: formatDate(call.dueAt, i18n.language, 'dateTime') })}
        </p>
      )}
    </div>
  )
}

function Outbox({ outbox, connected }: { outbox: CallOutbox; connected: boolean }) {
  const { t } = useTranslation()
  if (outbox.items.length === 0) return null
  return (
    <section className="card border-amber-300 p-3" data-testid="call-outbox" data-count={outbox.items.length} aria-labelledby="outbox-title">
      <h3 id="outbox-title" className="text-sm font-bold text-amber-900">{t('hotline.outbox.title')}</h3>
      <ul className="mt-2 space-y-2">
        {outbox.items.map((i) => {
          const state = i.error ? 'failed' : outbox.sending.has(i.clientId) ? 'sending' : 'waiting'
          return (
            <li key={i.clientId} className="text-sm" data-testid="outbox-item" data-client-id={i.clientId} data-state={state}>
              <p className="user-text text-slate-800">{i.payload.content}</p>
              <p className="text-xs text-slate-500">{t(`hotline.outbox.${state === 'waiting' && !connected ? 'offline' : state}`)}</p>
              {i.error && (
                <div className="mt-1 space-y-1">
                  <ErrorMessage error={i.error} testId="outbox-error" />
                  <div className="flex gap-2">
                    <button type="button" className="btn-secondary py-1" onClick={() => outbox.retry(i.clientId)} data-testid="outbox-retry">{t('common.retry')}</button>
                    <button type="button" className="btn-danger py-1" onClick={() => outbox.discard(i.clientId)} data-testid="outbox-discard">{t('hotline.outbox.discard')}</button>
                  </div>
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** /console/hotline/:sessionId — the operators' console of a hotline day. */
export function OperatorPage() {
  const { sessionId = '' } = useParams()
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const info = useAsync(() => api.session(sessionId), `session:${sessionId}`)
  const { state, calls, dispatchCalls, rejoin, connectError } = useHotlineSession(sessionId)
  const taxonomy = useTaxonomy()
  const units = useAsync(() => hotlineApi.units(), 'units')
  const isAdmin = user?.role === 'admin'
  // For the deadline preview only: without it, weekends alone are skipped (the saved call shows
  // the server's deadline either way).
  const calendar = useAsync(() => hotlineApi.calendar().catch(() => []), 'calendar')
  const [lastSaved, setLastSaved] = useState<CallStaffDto | null>(null)
  const onSaved = useCallback((call: CallStaffDto) => {
    dispatchCalls({ type: 'callAck', call })
    setLastSaved(call)
  }, [dispatchCalls])
  const outbox = useCallOutbox(sessionId, onSaved)
  const staffCalls = useMemo(() => callsNewestFirst(Object.values(calls.calls).filter(isStaffCall)), [calls.calls])
  const cal = useMemo(() => (calendar.data ? calendarFrom(calendar.data) : EMPTY_CALENDAR), [calendar.data])

  const session = state.session ?? info.data?.session ?? null
  const forbidden = state.synced && !state.staff
  const closed = session?.status === 'ended' || session?.status === 'archived'
  const unitList = units.data ?? []
  const unitLabel = (id: string | null) => { const u = unitList.find((x) => x.id === id); return u ? unitName(u, i18n.language) : '—' }
  const ready = info.data && taxonomy.state.data && units.data
  const canReveal = user?.role === 'admin' || user?.role === 'operator'

  if (info.data && info.data.session.kind !== 'hotline') {
    return <p className="card p-4 text-sm text-slate-600" data-testid="console-not-hotline">{t('hotline.console.notHotline')}</p>
  }

  return (
    <div className="space-y-3" data-testid="hotline-console" data-session-id={sessionId} data-status={session?.status}>
      <StaffSessionBar title={t('hotline.console.title')} event={info.data?.event} session={session} state={state} />
      {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
      {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
      {forbidden && <ErrorMessage error={{ code: 'FORBIDDEN' }} testId="not-staff" text={t('console.notStaff')} />}
      {info.error && <ErrorMessage error={info.error} onRetry={info.reload} />}
      {taxonomy.state.error && <ErrorMessage error={taxonomy.state.error} onRetry={taxonomy.state.reload} />}
      {units.error && <ErrorMessage error={units.error} onRetry={units.reload} />}
      <div className="flex flex-wrap gap-3 text-sm">
        <Link to={`/s/${encodeURIComponent(sessionId)}/board`} target="_blank" rel="noopener" className="text-accent underline" data-testid="board-link">{t('hotline.board.openFull')}</Link>
        <Link to="/console/work-orders" className="text-accent underline" data-testid="work-orders-link">{t('hotline.workOrders.title')}</Link>
      </div>

      <div className="grid gap-3 lg:grid-cols-[3fr_2fr]">
        <div className="card p-4">
          {session?.status === 'scheduled' && (
            <p className="mb-3 rounded bg-blue-50 p-2 text-sm text-blue-900" data-testid="call-form-not-started">{t('hotline.form.notStarted')}</p>
          )}
          {ready ? (
            <CallForm sessionId={sessionId} defaultLeader={info.data!.event.guests[0]?.name ?? ''} guests={info.data!.event.guests}
              taxonomy={taxonomy} units={unitList} calendar={cal} closed={closed} onQueue={outbox.enqueue} />
          ) : <Loading />}
        </div>
        <div className="space-y-3">
          {lastSaved && <SavedNotice call={lastSaved} taxonomy={taxonomy} unitLabel={unitLabel} />}
          <Outbox outbox={outbox} connected={state.connected} />
          <section className="card p-4" aria-labelledby="calls-title">
            <h2 id="calls-title" className="section-title">
              {t('hotline.list.title')} <span className="text-sm font-normal text-slate-500" data-testid="call-count">{staffCalls.length}</span>
            </h2>
            <p className="mt-1 text-xs text-slate-500">{t('hotline.list.maskedNote')}</p>
            <div className="mt-3">
              <Exports testId="export-calls" href={(format) => ApiPaths.hotlineCallsExport(sessionId, format)}
                full={isAdmin ? (format) => hotlineApi.fullCallsExport(sessionId, format) : undefined} />
            </div>
            <div className="mt-3 max-h-[48rem] overflow-y-auto">
              {!state.synced && !state.joinError ? <Loading /> : <CallList calls={staffCalls} taxonomy={taxonomy} units={unitList} canReveal={canReveal} />}
            </div>
          </section>
        </div>
      </div>
    </div>
  )
}
