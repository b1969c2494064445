import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { createQueryClient } from './api/query-client';
import { cssVariablesResolver, theme } from './lib/theme';
import { router } from './router';

/**
 * Providers, outermost first. DirectionProvider follows `<html dir>`, which the i18n module sets
 * whenever the language changes, so Mantine mirrors with the page.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <DirectionProvider>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
