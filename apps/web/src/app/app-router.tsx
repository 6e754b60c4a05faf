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
            path: 'orgs/warnings',
            lazy: () => import('../features/warnings/warnings.page').then((m) => ({ Component: m.WarningsPage })),
          },
          {
            path: 'units',
            lazy: () => import('../features/units/unit-list.page').then((m) => ({ Component: m.UnitListPage })),
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
