import { createRouter } from '@tanstack/react-router';
import { homeRoute } from './routes/home';
import { rootRoute } from './routes/root';

// Code-based routes: each screen lives in its own file under routes/ and is added here.
const routeTree = rootRoute.addChildren([homeRoute]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
