import { lazy, Suspense, type ReactNode } from 'react'
import { createBrowserRouter, RouterProvider } from 'react-router'
import type { Role } from '@openday/protocol'
import { AuthProvider } from './auth/AuthContext.tsx'
import { LoginPage } from './auth/LoginPage.tsx'
import { RequireStaff } from './auth/RequireStaff.tsx'
import { Layout } from './components/Layout.tsx'
import { NotFoundPage } from './components/NotFoundPage.tsx'
import { HomePage } from './home/HomePage.tsx'
import { SessionPage } from './live/SessionPage.tsx'
import { ArchiveListPage } from './archive/ArchiveListPage.tsx'
import { ArchivePage } from './archive/ArchivePage.tsx'
import { Loading } from './components/ErrorMessage.tsx'

// Staff screens are loaded on demand: citizens on phones download only the public pages.
const ConsolePage = lazy(() => import('./console/ConsolePage.tsx').then((m) => ({ default: m.ConsolePage })))
const ModeratePage = lazy(() => import('./console/ModeratePage.tsx').then((m) => ({ default: m.ModeratePage })))
const HostPage = lazy(() => import('./console/HostPage.tsx').then((m) => ({ default: m.HostPage })))
const StudioPage = lazy(() => import('./media/StudioPage.tsx').then((m) => ({ default: m.StudioPage })))
const WordsPage = lazy(() => import('./admin/WordsPage.tsx').then((m) => ({ default: m.WordsPage })))
const OperatorPage = lazy(() => import('./hotline/OperatorPage.tsx').then((m) => ({ default: m.OperatorPage })))
const WorkOrdersPage = lazy(() => import('./hotline/WorkOrdersPage.tsx').then((m) => ({ default: m.WorkOrdersPage })))
const HotlineAdminPage = lazy(() => import('./hotline/HotlineAdminPage.tsx').then((m) => ({ default: m.HotlineAdminPage })))
const AssignmentsPage = lazy(() => import('./assignments/AssignmentsPage.tsx').then((m) => ({ default: m.AssignmentsPage })))
const AuditPage = lazy(() => import('./audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })))
const UnitsPage = lazy(() => import('./accounts/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })))
const AccountsPage = lazy(() => import('./accounts/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })))
const ChangePasswordPage = lazy(() => import('./accounts/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })))
const YearsPage = lazy(() => import('./proposals/YearsPage.tsx').then((m) => ({ default: m.YearsPage })))
const AdminProposalsPage = lazy(() => import('./proposals/AdminProposalsPage.tsx').then((m) => ({ default: m.AdminProposalsPage })))
const UnitProposalsPage = lazy(() => import('./proposals/UnitProposalsPage.tsx').then((m) => ({ default: m.UnitProposalsPage })))
const AdminPlanPage = lazy(() => import('./plan/AdminPlanPage.tsx').then((m) => ({ default: m.AdminPlanPage })))
const PlanPage = lazy(() => import('./plan/PlanPage.tsx').then((m) => ({ default: m.PlanPage })))
const CalendarPage = lazy(() => import('./calendar/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })))
const EventPage = lazy(() => import('./events/EventPage.tsx').then((m) => ({ default: m.EventPage })))
const JournalsPage = lazy(() => import('./publicity/JournalsPage.tsx').then((m) => ({ default: m.JournalsPage })))
const AssessmentPage = lazy(() => import('./assessment/AssessmentPage.tsx').then((m) => ({ default: m.AssessmentPage })))
const SummariesPage = lazy(() => import('./summaries/SummariesPage.tsx').then((m) => ({ default: m.SummariesPage })))
const SummaryPage = lazy(() => import('./summaries/SummaryPage.tsx').then((m) => ({ default: m.SummaryPage })))
const RepliesPage = lazy(() => import('./replies/RepliesPage.tsx').then((m) => ({ default: m.RepliesPage })))
const UnitEventsPage = lazy(() => import('./events/UnitEventsPage.tsx').then((m) => ({ default: m.UnitEventsPage })))
const UnitEventPage = lazy(() => import('./events/UnitEventPage.tsx').then((m) => ({ default: m.UnitEventPage })))
// The venue display of a hotline day: full screen, without the site's header and footer.
const PresenterPage = lazy(() => import('./polls/PresenterPage.tsx').then((m) => ({ default: m.PresenterPage })))
const SurveysPage = lazy(() => import('./surveys/SurveysPage.tsx').then((m) => ({ default: m.SurveysPage })))
const SurveyEditPage = lazy(() => import('./surveys/SurveyEditPage.tsx').then((m) => ({ default: m.SurveyEditPage })))
const SurveyResultsPage = lazy(() => import('./surveys/SurveyResultsPage.tsx').then((m) => ({ default: m.SurveyResultsPage })))
const DataEntryPage = lazy(() => import('./surveys/DataEntryPage.tsx').then((m) => ({ default: m.DataEntryPage })))
const SurveyPage = lazy(() => import('./surveys/SurveyPage.tsx').then((m) => ({ default: m.SurveyPage })))
const PublicResultsPage = lazy(() => import('./surveys/ResultsReport.tsx').then((m) => ({ default: m.PublicResultsPage })))
const PublicSurveysPage = lazy(() => import('./surveys/PublicSurveysPage.tsx').then((m) => ({ default: m.PublicSurveysPage })))
const InvitationsPrintPage = lazy(() => import('./attendance/InvitationPages.tsx').then((m) => ({ default: m.InvitationsPrintPage })))
const DoorPage = lazy(() => import('./attendance/DoorPage.tsx').then((m) => ({ default: m.DoorPage })))
const OpinionsPage = lazy(() => import('./opinions/OpinionsPanel.tsx').then((m) => ({ default: m.OpinionsPage })))
const InvitationPage = lazy(() => import('./attendance/InvitationPages.tsx').then((m) => ({ default: m.InvitationPage })))
const PolicyPage = lazy(() => import('./policies/PolicyPage.tsx').then((m) => ({ default: m.PolicyPage })))
const AdminPoliciesPage = lazy(() => import('./policies/AdminPoliciesPage.tsx').then((m) => ({ default: m.AdminPoliciesPage })))
const BoardPage = lazy(() => import('./hotline/BoardPage.tsx').then((m) => ({ default: m.BoardPage })))

const staff = (page: ReactNode, roles?: readonly Role[]) => (
  <RequireStaff roles={roles}>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireStaff>
)

const router = createBrowserRouter([
  { path: '/s/:sessionId/board', element: <Suspense fallback={<Loading />}><BoardPage /></Suspense> },
  // The venue screen of a session's polls: staff open it on the projector, full screen.
  { path: '/present/:sessionId', element: staff(<PresenterPage />) },
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/s/:sessionId', element: <SessionPage /> },
      { path: '/calendar', element: <Suspense fallback={<Loading />}><CalendarPage /></Suspense> },
      { path: '/archive', element: <ArchiveListPage /> },
      { path: '/events/:eventId', element: <Suspense fallback={<Loading />}><EventPage /></Suspense> },
      { path: '/policies/:policyId', element: <Suspense fallback={<Loading />}><PolicyPage /></Suspense> },
      { path: '/admin/policies', element: staff(<AdminPoliciesPage />, ['admin']) },
      { path: '/unit/events', element: staff(<UnitEventsPage />, ['unit_editor', 'admin']) },
      { path: '/unit/replies', element: staff(<RepliesPage />, ['unit_editor']) },
      { path: '/admin/replies', element: staff(<RepliesPage />, ['admin']) },
      { path: '/admin/journals', element: staff(<JournalsPage />, ['admin']) },
      { path: '/unit/summaries', element: staff(<SummariesPage />, ['unit_editor']) },
      { path: '/unit/summaries/:eventId', element: staff(<SummaryPage />, ['unit_editor']) },
      { path: '/admin/summaries', element: staff(<SummariesPage />, ['admin']) },
      { path: '/admin/assessment', element: staff(<AssessmentPage />, ['admin']) },
      { path: '/admin/summaries/:eventId', element: staff(<SummaryPage />, ['admin']) },
      { path: '/unit/events/:eventId', element: staff(<UnitEventPage />, ['unit_editor', 'admin']) },
      { path: '/archive/:sessionId', element: <ArchivePage /> },
      { path: '/surveys', element: <Suspense fallback={<Loading />}><PublicSurveysPage /></Suspense> },
      { path: '/surveys/:surveyId', element: <Suspense fallback={<Loading />}><SurveyPage /></Suspense> },
      { path: '/surveys/:surveyId/results', element: <Suspense fallback={<Loading />}><PublicResultsPage /></Suspense> },
      { path: '/unit/events/:eventId/invitations', element: staff(<InvitationsPrintPage />) },
      { path: '/unit/events/:eventId/door', element: staff(<DoorPage />) },
      { path: '/unit/events/:eventId/opinions', element: staff(<OpinionsPage />) },
      { path: '/invitation/:token', element: <Suspense fallback={<Loading />}><InvitationPage /></Suspense> },
      { path: '/unit/surveys', element: staff(<SurveysPage />, ['unit_editor', 'admin']) },
      { path: '/unit/surveys/:surveyId', element: staff(<SurveyEditPage />, ['unit_editor', 'admin']) },
      { path: '/unit/surveys/:surveyId/results', element: staff(<SurveyResultsPage />, ['unit_editor', 'admin']) },
      { path: '/unit/surveys/:surveyId/entry', element: staff(<DataEntryPage />, ['unit_editor', 'admin']) },
      { path: '/login', element: <LoginPage /> },
      { path: '/plan/:year?', element: <Suspense fallback={<Loading />}><PlanPage /></Suspense> },
      { path: '/console', element: staff(<ConsolePage />) },
      { path: '/console/moderate/:sessionId', element: staff(<ModeratePage />) },
      { path: '/console/host/:sessionId', element: staff(<HostPage />) },
      { path: '/console/studio/:sessionId', element: staff(<StudioPage />) },
      { path: '/console/hotline/:sessionId', element: staff(<OperatorPage />, ['operator', 'admin']) },
      { path: '/console/work-orders', element: staff(<WorkOrdersPage />, ['unit_editor', 'operator', 'admin']) },
      { path: '/admin/words', element: staff(<WordsPage />, ['admin']) },
      { path: '/admin/hotline', element: staff(<HotlineAdminPage />, ['admin']) },
      { path: '/admin/sessions', element: staff(<AssignmentsPage />, ['admin']) },
      { path: '/admin/audit', element: staff(<AuditPage />, ['admin']) },
      { path: '/admin/units', element: staff(<UnitsPage />, ['admin']) },
      { path: '/admin/accounts', element: staff(<AccountsPage />, ['admin']) },
      { path: '/admin/years', element: staff(<YearsPage />, ['admin']) },
      { path: '/admin/proposals', element: staff(<AdminProposalsPage />, ['admin']) },
      { path: '/unit/proposals', element: staff(<UnitProposalsPage />, ['unit_editor']) },
      { path: '/admin/plan/:year?', element: staff(<AdminPlanPage />, ['admin']) },
      { path: '/account/password', element: staff(<ChangePasswordPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  )
}
