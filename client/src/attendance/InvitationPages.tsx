import { useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { InvitationDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatRange } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { attendanceApi } from './api.ts'
import { QrImage } from './QrImage.tsx'
import { FeedbackBox } from '../opinions/FeedbackBox.tsx'

function Card({ inv }: { inv: InvitationDto }) {
  const { t, i18n } = useTranslation('attendance')
  return (
    <article className="card break-inside-avoid space-y-2 p-4 text-center" data-testid="invitation-card" data-token={inv.token}>
      <p className="text-sm text-slate-600">{t('invitationOf')}</p>
      <h2 className="text-lg font-bold text-slate-900">{inv.event.theme}</h2>
      <p className="text-base">{inv.invitee.name}（{t(`categories.${inv.invitee.category}`)}）</p>
      <p className="text-sm text-slate-700">{formatRange(inv.event.startsAt, inv.event.endsAt, i18n.language)} · {inv.event.location || t('venueTbd')}</p>
      <div className="flex justify-center"><QrImage value={inv.token} alt={t('qrAlt', { name: inv.invitee.name })} testId="invitation-qr" /></div>
      <p className="text-xs text-slate-600">{t('showAtDoor')}</p>
    </article>
  )
}

/** Every confirmed invitee's invitation, to print and hand out (or send the link). */
export function InvitationsPrintPage() {
  const { eventId = '' } = useParams()
  const { t } = useTranslation('attendance')
  const { data, error, loading, reload } = useAsync(() => attendanceApi.invitations(eventId), `invitations:${eventId}`)
  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={reload} />
  if (!data) return null
  return (
    <div className="space-y-3" data-testid="invitations-page">
      <div className="flex items-center gap-2 print:hidden">
        <h1 className="text-xl font-bold text-slate-900">{t('printInvitations')}</h1>
        <button type="button" className="btn-secondary ml-auto" onClick={() => window.print()}>{t('print')}</button>
      </div>
      {data.length === 0 ? <p className="text-sm text-slate-600">{t('noneConfirmed')}</p> : (
        <div className="grid gap-3 sm:grid-cols-2">
          {data.map((inv) => (
            <div key={inv.token} className="space-y-1">
              <Card inv={inv} />
              <p className="break-all text-xs text-slate-600 print:hidden">{inv.url}</p>
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

/** The invitee's own invitation on their phone: the code to show at the door. */
export function InvitationPage() {
  const { token = '' } = useParams()
  const { data, error, loading } = useAsync(() => attendanceApi.invitation(token), `invitation:${token}`)
  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} />
  if (!data) return null
  return <div className="mx-auto max-w-sm space-y-4" data-testid="invitation-page"><Card inv={data} /><FeedbackBox token={token} /></div>
}
