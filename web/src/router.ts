import { createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { homeRoute } from './routes/home';
import { rootRoute } from './routes/root';
import { staffRouteTree } from './staff/routes';

/**
 * Code-based routes. Every screen but the home page is loaded on first visit (its own chunk),
 * so the first load carries the home page only; the staff area (staff/routes.ts) stays out of it.
 */
const page = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({ getParentRoute: () => rootRoute, path, component: lazyRouteComponent(load, name) });

/** `?from=check` marks a change made from check-your-answers. */
const fromCheck = (search: Record<string, unknown>): { from?: 'check' } =>
  search.from === 'check' ? { from: 'check' } : {};

const wizard = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: lazyRouteComponent(load, name),
    validateSearch: fromCheck,
  });

const routeTree = rootRoute.addChildren([
  homeRoute,
  page('/centres', () => import('./routes/centres'), 'CentresPage'),
  page('/centres/$centreId', () => import('./routes/centre'), 'CentrePage'),
  page('/services/$serviceId', () => import('./routes/service'), 'ServicePage'),
  wizard('/book/service', () => import('./routes/book/service'), 'BookServicePage'),
  wizard('/book/centre', () => import('./routes/book/centre'), 'BookCentrePage'),
  wizard('/book/date', () => import('./routes/book/date'), 'BookDatePage'),
  wizard('/book/time', () => import('./routes/book/time'), 'BookTimePage'),
  wizard('/book/details', () => import('./routes/book/details'), 'BookDetailsPage'),
  wizard('/book/verify', () => import('./routes/book/verify'), 'BookVerifyPage'),
  wizard('/book/check', () => import('./routes/book/check'), 'BookCheckPage'),
  page('/book/confirmation', () => import('./routes/book/confirmation'), 'BookConfirmationPage'),
  page('/manage', () => import('./routes/manage/find'), 'ManageFindPage'),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/manage/$reference',
    component: lazyRouteComponent(() => import('./routes/manage/view'), 'ManageViewPage'),
    validateSearch: (s: Record<string, unknown>): { done?: 'rescheduled' | 'cancelled' } =>
      s.done === 'rescheduled' || s.done === 'cancelled' ? { done: s.done } : {},
  }),
  page('/manage/$reference/cancel', () => import('./routes/manage/cancel'), 'ManageCancelPage'),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/manage/$reference/reschedule',
    component: lazyRouteComponent(() => import('./routes/manage/reschedule'), 'ManageReschedulePage'),
    validateSearch: (s: Record<string, unknown>): { date?: string } =>
      typeof s.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.date) ? { date: s.date } : {},
  }),
  page('/waitlist/join', () => import('./routes/waitlist/join'), 'WaitlistJoinPage'),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/waitlist/entry',
    component: lazyRouteComponent(() => import('./routes/waitlist/entry'), 'WaitlistEntryPage'),
    validateSearch: (s: Record<string, unknown>): { joined?: boolean } =>
      s.joined === true || s.joined === 'true' ? { joined: true } : {},
  }),
  page('/waitlist/offer', () => import('./routes/waitlist/offer'), 'WaitlistOfferPage'),
  page('/feedback/$token', () => import('./routes/feedback'), 'FeedbackPage'),
  page('/transparency', () => import('./routes/transparency'), 'TransparencyPage'),
  page('/dev/inbox', () => import('./routes/dev-inbox'), 'DevInboxPage'),
  page('/display', () => import('./routes/display'), 'DisplayPage'),
  page('/kiosk', () => import('./routes/kiosk'), 'KioskPage'),
  page('/ticket/$token', () => import('./routes/ticket'), 'TicketPage'),
  staffRouteTree,
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
