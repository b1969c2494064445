import { Container } from '@mantine/core';
import { createRootRoute, Outlet } from '@tanstack/react-router';
import { MAIN_CONTENT_ID, SiteHeader } from '../components/site-header';
import { NotFoundPage } from './not-found';

function RootLayout() {
  return (
    <>
      <SiteHeader />
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} size="lg" py="xl">
        <Outlet />
      </Container>
    </>
  );
}

export const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFoundPage });
