// Routes. Every page is its own chunk (route `lazy`); the layout checks the session and holds the org tree.
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { FullPageSpin } from '../ui/query-states';
import { AppLayout } from './app-layout';
import { RouteErrorPage } from './route-error.page';

function RedirectHome() {
  const location = useLocation();
  return <Navigate to={{ pathname: '/orgs', search: location.search }} replace />;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    hydrateFallbackElement: <FullPageSpin />,
    errorElement: <RouteErrorPage />,
    lazy: () => import('../features/auth/login.page').then((m) => ({ Component: m.LoginPage })),
  },
  {
    path: '/',
    element: <AppLayout />,
    hydrateFallbackElement: <FullPageSpin />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <RedirectHome /> },
          {
            path: 'orgs',
            lazy: () => import('../features/orgs/org-detail.page').then((m) => ({ Component: m.OrgDetailPage })),
          },
          {
            path: 'dashboard',
            lazy: () => import('../features/dashboard/dashboard.page').then((m) => ({ Component: m.DashboardPage })),
          },
          {
            path: 'dashboard/screen',
            lazy: () =>
              import('../features/dashboard/dashboard-screen.page').then((m) => ({
                Component: m.DashboardScreenPage,
              })),
          },
          {
            path: 'metrics',
            lazy: () =>
              import('../features/dashboard/metric-catalogue.page').then((m) => ({
                Component: m.MetricCataloguePage,
              })),
          },
          {
            path: 'reports',
            lazy: () =>
              import('../features/reports/report-drafts.page').then((m) => ({ Component: m.ReportDraftsPage })),
          },
          {
            path: 'reports/check',
            lazy: () => import('../features/reports/report-check.page').then((m) => ({ Component: m.ReportCheckPage })),
          },
          {
            path: 'reports/new',
            lazy: () =>
              import('../features/reports/report-draft-new.page').then((m) => ({ Component: m.ReportDraftNewPage })),
          },
          {
            path: 'reports/:id',
            lazy: () =>
              import('../features/reports/report-editor.page').then((m) => ({ Component: m.ReportEditorPage })),
          },
          {
            path: 'forms',
            lazy: () => import('../features/forms/forms-list.page').then((m) => ({ Component: m.FormsListPage })),
          },
          {
            path: 'forms/fill',
            lazy: () => import('../features/forms/form-fill.page').then((m) => ({ Component: m.FormFillPage })),
          },
          {
            path: 'forms/edit',
            lazy: () => import('../features/forms/form-editor.page').then((m) => ({ Component: m.FormEditorPage })),
          },
          {
            path: 'orgs/warnings',
            lazy: () => import('../features/warnings/warnings.page').then((m) => ({ Component: m.WarningsPage })),
          },
          {
            path: 'tasks',
            lazy: () => import('../features/tasks/task-lists.page').then((m) => ({ Component: m.TaskListsPage })),
          },
          {
            path: 'tasks/lists/:id',
            lazy: () => import('../features/tasks/task-list.page').then((m) => ({ Component: m.TaskListPage })),
          },
          {
            path: 'tasks/assignments',
            lazy: () => import('../features/tasks/assignment.page').then((m) => ({ Component: m.AssignmentListPage })),
          },
          {
            path: 'tasks/assignments/:id',
            lazy: () => import('../features/tasks/assignment.page').then((m) => ({ Component: m.AssignmentPage })),
          },
          {
            path: 'contact-points',
            lazy: () =>
              import('../features/contact-points/contact-points.page').then((m) => ({
                Component: m.ContactPointsPage,
              })),
          },
          {
            path: 'projects',
            lazy: () => import('../features/projects/projects.page').then((m) => ({ Component: m.ProjectsPage })),
          },
          {
            path: 'units',
            lazy: () => import('../features/units/unit-list.page').then((m) => ({ Component: m.UnitListPage })),
          },
          {
            path: 'life/meetings',
            lazy: () => import('../features/life/meetings.page').then((m) => ({ Component: m.MeetingsPage })),
          },
          {
            path: 'life/compliance',
            lazy: () => import('../features/life/compliance.page').then((m) => ({ Component: m.CompliancePage })),
          },
          {
            path: 'life/exemptions',
            lazy: () => import('../features/life/exemptions.page').then((m) => ({ Component: m.ExemptionsPage })),
          },
          {
            path: 'life/obligations',
            lazy: () => import('../features/life/obligations.page').then((m) => ({ Component: m.ObligationsPage })),
          },
          {
            path: 'development',
            lazy: () =>
              import('../features/development/development-pipeline.page').then((m) => ({
                Component: m.DevelopmentPipelinePage,
              })),
          },
          {
            path: 'development/:id',
            lazy: () =>
              import('../features/development/development-detail.page').then((m) => ({
                Component: m.DevelopmentDetailPage,
              })),
          },
          {
            path: 'dues',
            lazy: () => import('../features/dues/dues-figures.page').then((m) => ({ Component: m.DuesFiguresPage })),
          },
          {
            path: 'dues/arrears',
            lazy: () => import('../features/dues/dues-arrears.page').then((m) => ({ Component: m.DuesArrearsPage })),
          },
          {
            path: 'dues/members/:id',
            lazy: () => import('../features/dues/member-dues.page').then((m) => ({ Component: m.MemberDuesPage })),
          },
          {
            path: 'members',
            lazy: () => import('../features/members/member-list.page').then((m) => ({ Component: m.MemberListPage })),
          },
          {
            path: 'members/new',
            lazy: () => import('../features/members/member-form.page').then((m) => ({ Component: m.MemberCreatePage })),
          },
          {
            path: 'members/transfer-in',
            lazy: () =>
              import('../features/members/member-form.page').then((m) => ({ Component: m.MemberTransferInPage })),
          },
          {
            path: 'mobile',
            lazy: () => import('../features/mobile/mobile-list.page').then((m) => ({ Component: m.MobileListPage })),
          },
          {
            path: 'mobile/:id',
            lazy: () =>
              import('../features/mobile/mobile-detail.page').then((m) => ({ Component: m.MobileDetailPage })),
          },
          {
            path: 'members/:id',
            lazy: () =>
              import('../features/members/member-detail.page').then((m) => ({ Component: m.MemberDetailPage })),
          },
          {
            path: 'members/:id/edit',
            lazy: () => import('../features/members/member-form.page').then((m) => ({ Component: m.MemberEditPage })),
          },
          {
            path: 'transfers',
            lazy: () =>
              import('../features/members/transfer-list.page').then((m) => ({ Component: m.TransferListPage })),
          },
          {
            path: 'weak-orgs',
            lazy: () =>
              import('../features/weak-orgs/weak-org-list.page').then((m) => ({ Component: m.WeakOrgListPage })),
          },
          {
            path: 'weak-orgs/:id',
            lazy: () =>
              import('../features/weak-orgs/weak-org-detail.page').then((m) => ({ Component: m.WeakOrgDetailPage })),
          },
          {
            path: 'inspections',
            lazy: () => import('../features/inspections/problems.page').then((m) => ({ Component: m.ProblemsPage })),
          },
          {
            path: 'inspections/problems/:id',
            lazy: () =>
              import('../features/inspections/problem-detail.page').then((m) => ({ Component: m.ProblemDetailPage })),
          },
          {
            path: 'elections',
            lazy: () =>
              import('../features/elections/election-list.page').then((m) => ({ Component: m.ElectionListPage })),
          },
          {
            path: 'star-ratings',
            lazy: () =>
              import('../features/star-ratings/star-rating-list.page').then((m) => ({
                Component: m.StarRatingListPage,
              })),
          },
          {
            path: 'star-ratings/scorecard',
            lazy: () => import('../features/star-ratings/scorecard.page').then((m) => ({ Component: m.ScorecardPage })),
          },
          {
            path: 'users',
            lazy: () => import('../features/users/user-list.page').then((m) => ({ Component: m.UserListPage })),
          },
          {
            path: 'audit',
            lazy: () => import('../features/audit/audit-log.page').then((m) => ({ Component: m.AuditLogPage })),
          },
          {
            path: '*',
            lazy: () => import('./not-found.page').then((m) => ({ Component: m.NotFoundPage })),
          },
        ],
      },
    ],
  },
]);
