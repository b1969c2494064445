import { Container } from '@mantine/core';
import { createRootRoute, Outlet, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { BackLinkSlot } from '../components/back-link';
import { SiteFooter } from '../components/site-footer';
import { MAIN_CONTENT_ID, SiteHeader } from '../components/site-header';
import { useHasDevInbox } from '../features/dev-inbox/use-dev-inbox';
import { ErrorPage } from './error';
import { NotFoundPage } from './not-found';

function RootLayout() {
  const [backSlot, setBackSlot] = useState<HTMLElement | null>(null);
  const devInbox = useHasDevInbox();
  // The staff area has its own layout (staff/shell.tsx) and sign-in page; the hall's board and
  // kiosk fill their screens.
  const isBare = useRouterState({
    select: (s) => /^\/(staff|display|kiosk)(\/|$)/.test(s.location.pathname),
  });
  if (isBare) return <Outlet />;
  return (
    <BackLinkSlot.Provider value={backSlot}>
      <SiteHeader />
      {/* The back link sits before <main>, as GOV.UK places it; pages portal it here. */}
      <Container size="lg" pt="sm" ref={setBackSlot} />
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} size="lg" py="lg">
        <Outlet />
      </Container>
      <SiteFooter devInbox={devInbox} />
    </BackLinkSlot.Provider>
  );
}

export const rootRoute = createRootRoute({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
});
