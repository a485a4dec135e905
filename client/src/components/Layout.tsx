import { NavLink, Outlet, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../auth/AuthContext.tsx'
import { setLanguage } from '../i18n/index.ts'

function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN'
  const next = lang === 'en' ? 'zh-CN' : 'en'
  return (
    <button type="button" onClick={() => setLanguage(next)} data-testid="lang-switch" data-lang={lang}
      className="rounded border border-white/40 px-2 py-1 text-xs text-white hover:bg-white/10" lang={next}
      aria-label={t('nav.switchLanguage')}>
      {t('nav.otherLanguage')}
    </button>
  )
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap px-2 py-1 text-sm ${isActive ? 'font-bold text-white underline underline-offset-4' : 'text-white/85 hover:text-white'}`

export function Layout() {
  const { t } = useTranslation()
  const { user, logout } = useAuth()
  const navigate = useNavigate()

  // Leave the staff page first: otherwise it sees the user vanish and asks the server again.
  const onLogout = async () => {
    navigate('/login')
    await logout().catch(() => undefined)
  }

  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-accent text-white shadow print:hidden" data-testid="app-header">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3">
          <NavLink to="/" className="min-w-0" data-testid="nav-brand">
            <span className="block truncate text-lg font-bold tracking-wide">{t('app.name')}</span>
            <span className="block truncate text-xs text-white/80">{t('app.tagline')}</span>
          </NavLink>
          <LanguageSwitch />
        </div>
        <nav className="border-t border-white/20 bg-accent-dark/60" aria-label={t('nav.label')}>
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-2 gap-y-1 px-2 py-1">
            <NavLink to="/" end className={navClass} data-testid="nav-home">{t('nav.home')}</NavLink>
            <NavLink to="/calendar" className={navClass} data-testid="nav-calendar">{t('nav.calendar')}</NavLink>
            <NavLink to="/archive" className={navClass} data-testid="nav-archive">{t('nav.archive')}</NavLink>
            <NavLink to="/plan" className={navClass} data-testid="nav-plan">{t('nav.plan')}</NavLink>
            <NavLink to="/surveys" end className={navClass} data-testid="nav-surveys">{t('nav.surveys')}</NavLink>
            <span className="flex-1" />
            {user ? (
              <>
                <NavLink to="/console" className={navClass} data-testid="nav-console">{t('nav.console')}</NavLink>
                {user.role === 'admin' && <NavLink to="/admin/years" className={navClass} data-testid="nav-years">{t('nav.years')}</NavLink>}
                {user.role === 'admin' && <NavLink to="/admin/proposals" className={navClass} data-testid="nav-proposals-admin">{t('nav.proposalsAdmin')}</NavLink>}
                {user.role === 'unit_editor' && <NavLink to="/unit/proposals" className={navClass} data-testid="nav-unit-proposals">{t('nav.unitProposals')}</NavLink>}
                {user.role === 'admin' && <NavLink to="/admin/plan" className={navClass} data-testid="nav-admin-plan">{t('nav.adminPlan')}</NavLink>}
                {user.role === 'unit_editor' && <NavLink to="/unit/events" className={navClass} data-testid="nav-unit-events">{t('nav.unitEvents')}</NavLink>}
                {user.role === 'unit_editor' && <NavLink to="/unit/replies" className={navClass} data-testid="nav-unit-replies">{t('nav.replies')}</NavLink>}
                {user.role === 'admin' && <NavLink to="/admin/replies" className={navClass} data-testid="nav-admin-replies">{t('nav.replies')}</NavLink>}
                {user.role === 'admin' && <NavLink to="/admin/policies" className={navClass} data-testid="nav-admin-policies">{t('nav.policies')}</NavLink>}
                {user.role === 'unit_editor' && <NavLink to="/unit/summaries" className={navClass} data-testid="nav-unit-summaries">{t('nav.summaries')}</NavLink>}
                {user.role === 'admin' && <NavLink to="/admin/summaries" className={navClass} data-testid="nav-admin-summaries">{t('nav.summaries')}</NavLink>}
                {user.role === 'admin' && <NavLink to="/admin/assessment" className={navClass} data-testid="nav-admin-assessment">{t('nav.assessment')}</NavLink>}
                <span className="px-1 text-xs text-white/85" data-testid="staff-user" data-role={user.role}>
                  {user.displayName}
                  <span className="ml-1 text-white/90">({t(`role.${user.role}`)})</span>
                </span>
                <NavLink to="/account/password" className={navClass} data-testid="nav-change-password">{t('nav.changePassword')}</NavLink>
                <button type="button" onClick={onLogout} className="px-2 py-1 text-sm text-white/85 hover:text-white" data-testid="logout-button">
                  {t('nav.logout')}
                </button>
              </>
            ) : (
              <NavLink to="/login" className={navClass} data-testid="nav-login">{t('nav.staffLogin')}</NavLink>
            )}
          </div>
        </nav>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-4 sm:px-4">
        <Outlet />
      </main>
      <footer className="print:hidden border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-500">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  )
}
