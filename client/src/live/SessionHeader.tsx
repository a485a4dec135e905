import { useTranslation } from 'react-i18next'
import type { EventDto, SessionSummaryDto } from '@openday/protocol'
import { FormLabel, SessionStatusBadge } from '../components/badges.tsx'
import { EventDetails } from '../components/EventInfo.tsx'
import { formatDate, formatRange } from '../lib/format.ts'

interface Props {
  event: EventDto
  session: SessionSummaryDto
  viewers?: number
  connected?: boolean
  showConnection?: boolean
}

export function SessionHeader({ event, session, viewers, connected, showConnection }: Props) {
  const { t, i18n } = useTranslation()
  return (
    <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm" data-testid="session-header">
      <div className="flex flex-wrap items-center gap-2">
        <SessionStatusBadge status={session.status} />
        <FormLabel form={session.kind} />
        <span className="flex-1" />
        {viewers !== undefined && (
          <span className="text-xs text-slate-600" data-testid="viewer-count" data-count={viewers}>
            {t('live.viewers', { n: viewers })}
          </span>
        )}
        {showConnection && (
          <span data-testid="connection-status" data-connected={connected ? 'true' : 'false'}
            className={`text-xs ${connected ? 'text-green-700' : 'text-amber-700'}`}>
            {connected ? t('live.connected') : t('live.reconnecting')}
          </span>
        )}
      </div>
      <h1 className="mt-2 text-xl font-bold leading-snug text-slate-900" data-testid="session-theme">{event.theme}</h1>
      {session.title !== event.theme && <p className="mt-1 text-base text-slate-700" data-testid="session-title">{session.title}</p>}
      <p className="mt-2 text-sm" data-testid="session-time">
        <span className="text-slate-500">{t('event.time')}</span>
        <span className="text-slate-800">{formatRange(session.scheduledStart, session.scheduledEnd, i18n.language)}</span>
      </p>
      {session.startedAt && (
        <p className="text-xs text-slate-500" data-testid="session-started-at">
          {t('live.startedAt', { time: formatDate(session.startedAt, i18n.language) })}
          {session.endedAt && ` · ${t('live.endedAt', { time: formatDate(session.endedAt, i18n.language) })}`}
        </p>
      )}
      <div className="mt-3 border-t border-slate-100 pt-3">
        <EventDetails event={event} />
      </div>
    </section>
  )
}
