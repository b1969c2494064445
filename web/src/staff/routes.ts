import { createRoute, lazyRouteComponent, type RouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../routes/root';

/**
 * The staff area under /staff. Only these route records are in the portal's first load: every
 * screen, the staff texts (the 'staff' i18next namespace) and the staff styles come in chunks of
 * their own when a /staff address is first visited. The service worker does not cache them.
 */
/** A screen loaded on first visit; typed plainly so the route tree's types never wait on the screens'. */
const lazy = (load: () => Promise<Record<string, RouteComponent>>, name: string): RouteComponent =>
  lazyRouteComponent(load, name);

const staffRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staff',
  beforeLoad: async () => {
    (await import('./i18n/texts')).addStaffTexts();
  },
});

/** Where to go after signing in: a staff address only, so the link cannot send anyone elsewhere. */
export type SignInSearch = { redirect?: string; expired?: boolean };
const signInSearch = (s: Record<string, unknown>): SignInSearch => ({
  ...(typeof s.redirect === 'string' &&
  /^\/staff(\/|$|\?)/.test(s.redirect) &&
  !s.redirect.startsWith('/staff/sign-in')
    ? { redirect: s.redirect }
    : {}),
  ...(s.expired === true || s.expired === 'true' ? { expired: true } : {}),
});

const signInRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'sign-in',
  validateSearch: signInSearch,
  component: lazy(() => import('./sign-in-page'), 'SignInPage'),
});

/** Every screen behind sign-in, inside the staff layout (navigation, who is signed in, sign-out). */
export const signedInRoute = createRoute({
  getParentRoute: () => staffRoute,
  id: 'signed-in',
  component: lazy(() => import('./shell'), 'StaffShell'),
});

const screen = <P extends string>(
  path: P,
  load: () => Promise<Record<string, RouteComponent>>,
  name: string,
) => createRoute({ getParentRoute: () => signedInRoute, path, component: lazy(load, name) });

export type CentreTab = 'details' | 'hours' | 'offerings' | 'counters' | 'devices' | 'calendar';
const CENTRE_TABS: readonly CentreTab[] = [
  'details',
  'hours',
  'offerings',
  'counters',
  'devices',
  'calendar',
];

export const staffRouteTree = staffRoute.addChildren([
  signInRoute,
  signedInRoute.addChildren([
    screen('/', () => import('./home-page'), 'StaffHomePage'),
    screen('centres', () => import('./centres/centres-page'), 'CentresPage'),
    screen('centres/new', () => import('./centres/new-centre-page'), 'NewCentrePage'),
    createRoute({
      getParentRoute: () => signedInRoute,
      path: 'centres/$centreId',
      validateSearch: (s: Record<string, unknown>): { tab?: CentreTab } =>
        CENTRE_TABS.includes(s.tab as CentreTab) ? { tab: s.tab as CentreTab } : {},
      component: lazy(() => import('./centres/centre-page'), 'CentrePage'),
    }),
    screen('services', () => import('./services/services-page'), 'ServicesPage'),
    screen('services/$serviceId', () => import('./services/service-page'), 'ServicePage'),
    screen('dashboard', () => import('./dashboard/dashboard-page'), 'DashboardPage'),
    screen('dashboard/report', () => import('./dashboard/report-page'), 'ReportPage'),
    screen('integrations', () => import('./integrations/integrations-page'), 'IntegrationsPage'),
    screen('customers', () => import('./customers/customers-page'), 'CustomersPage'),
    screen('messages', () => import('./people/messages-page'), 'MessagesPage'),
    screen('waitlist', () => import('./people/waitlist-page'), 'WaitlistPage'),
    screen('accounts', () => import('./people/accounts-page'), 'AccountsPage'),
    screen('audit', () => import('./people/audit-page'), 'AuditPage'),
    screen('counter', () => import('./hall/counters-page'), 'CountersPage'),
    screen('counter/$counterId', () => import('./hall/console-page'), 'ConsolePage'),
    screen('check-in', () => import('./hall/check-in-page'), 'CheckInPage'),
  ]),
]);
