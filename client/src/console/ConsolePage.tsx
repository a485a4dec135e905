import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { VENUE_FORMS, type AssignmentDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { SessionStatusBadge } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useMyAssignments } from '../assignments/live.ts'
import { formatRange } from '../lib/format.ts'
import { UnitNotices } from '../proposals/UnitNotices.tsx'

/** Where each session role works: moderators moderate, operators log calls, everyone else runs the studio. */
export function consolePath(a: AssignmentDto): string {
  const id = encodeURIComponent(a.session.id)
  if (a.role === 'operator' && a.session.kind === 'hotline') return `/console/hotline/${id}`
  return a.role === 'moderator' ? `/console/moderate/${id}` : `/console/host/${id}`
}

const isOperatorLink = (a: AssignmentDto) => a.role === 'operator' && a.session.kind === 'hotline'

export function ConsolePage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  // Reloaded when the admin assigns us, changes our role or removes us: no reload needed.
  const { data, error, loading, reload } = useMyAssignments()
  return (
    <div className="space-y-4" data-testid="console-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('console.title')}</h1>
        {user && <p className="mt-1 text-sm text-slate-600">{t('console.welcome', { name: user.displayName })}</p>}
        <div className="mt-3 flex flex-wrap gap-2">
          {user?.role === 'admin' && (
            <>
              <Link to="/admin/units" className="btn-secondary" data-testid="admin-units-link">{t('console.units')}</Link>
              <Link to="/admin/accounts" className="btn-secondary" data-testid="admin-accounts-link">{t('console.accounts')}</Link>
            </>
          )}
          {user?.role === 'admin' && (
            <Link to="/admin/words" className="btn-secondary" data-testid="admin-words-link">{t('console.sensitiveWords')}</Link>
          )}
          {user?.role === 'admin' && (
            <Link to="/admin/hotline" className="btn-secondary" data-testid="admin-hotline-link">{t('console.hotlineSettings')}</Link>
          )}
          {user?.role === 'admin' && (
            <Link to="/admin/journals" className="btn-secondary" data-testid="admin-journals-link">{t('console.journals')}</Link>
          )}
          {user?.role === 'admin' && (
            <Link to="/admin/sessions" className="btn-secondary" data-testid="admin-sessions-link">{t('console.staffing')}</Link>
          )}
          {user?.role === 'admin' && (
            <Link to="/admin/audit" className="btn-secondary" data-testid="admin-audit-link">{t('console.auditLog')}</Link>
          )}
          {(user?.role === 'admin' || user?.role === 'unit_editor') && (
            <Link to="/unit/surveys" className="btn-secondary" data-testid="surveys-link">{t('console.surveys')}</Link>
          )}
          {(user?.role === 'admin' || user?.role === 'unit_editor' || user?.role === 'operator') && (
            <Link to="/console/work-orders" className="btn-secondary" data-testid="work-orders-link">{t('console.workOrders')}</Link>
          )}
        </div>
      </section>
      {user?.role === 'unit_editor' && <UnitNotices />}
      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="assignment-list-empty">{t('console.noAssignments')}</p>}
      {data && data.length > 0 && (
        <ul className="space-y-2" data-testid="assignment-list">
          {data.map((a) => (
            <li key={`${a.session.id}:${a.role}`} className="card flex flex-wrap items-center gap-3 p-3"
              data-testid="assignment-item" data-session-id={a.session.id} data-role={a.role}>
              <SessionStatusBadge status={a.session.status} />
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">{a.eventTheme}</p>
                <p className="text-xs text-slate-500">
                  {a.session.title} · {formatRange(a.session.scheduledStart, a.session.scheduledEnd, i18n.language)}
                </p>
              </div>
              <span className="text-xs text-slate-600" data-testid="assignment-role">{t(`role.${a.role}`)}</span>
              <Link to={consolePath(a)} className="btn-primary py-1" data-testid={a.role === 'moderator' ? 'moderate-link' : isOperatorLink(a) ? 'hotline-link' : 'host-link'} data-session-id={a.session.id}>
                {a.role === 'moderator' ? t('console.openModeration') : isOperatorLink(a) ? t('console.openHotline') : t('console.openStudio')}
              </Link>
              {a.session.kind === 'hotline' && a.role === 'admin' && (
                <Link to={`/console/hotline/${encodeURIComponent(a.session.id)}`} className="btn-secondary py-1" data-testid="hotline-link" data-session-id={a.session.id}>
                  {t('console.openHotline')}
                </Link>
              )}
              {a.session.kind === 'hotline' && (
                <Link to={`/s/${encodeURIComponent(a.session.id)}/board`} className="btn-secondary py-1" data-testid="board-link" data-session-id={a.session.id}>
                  {t('console.openBoard')}
                </Link>
              )}
              {a.session.kind === 'video_interview' && a.role !== 'moderator' && a.role !== 'operator' && (
                <Link to={`/console/studio/${encodeURIComponent(a.session.id)}`} className="btn-secondary py-1" data-testid="studio-link" data-session-id={a.session.id}>
                  {t('console.openVideoStudio')}
                </Link>
              )}
              {(VENUE_FORMS as readonly string[]).includes(a.session.kind) && (
                <>
                  <Link to={`/unit/events/${encodeURIComponent(a.session.eventId)}/door`} className="btn-secondary py-1" data-testid="door-link" data-session-id={a.session.id}>{t('console.openDoor')}</Link>
                  <Link to={`/unit/events/${encodeURIComponent(a.session.eventId)}/opinions`} className="btn-secondary py-1" data-testid="opinions-link" data-session-id={a.session.id}>{t('console.openOpinions')}</Link>
                </>
              )}
              <Link to={`/s/${encodeURIComponent(a.session.id)}`} className="text-xs text-accent underline" data-testid="public-link">{t('console.publicPage')}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
