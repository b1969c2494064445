import { defineConfig } from 'vitest/config';

// `npm test` runs core, server (on PGlite) and web; `npm run test:pg` runs the server project
// again on PostgreSQL plus the concurrency tests (*.pg.test.ts); `npm run test:chaos` kills and
// restarts real processes (*.chaos.test.ts); `npm run test:e2e` drives Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', root: 'core', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'server',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.pg.test.ts', 'src/**/*.chaos.test.ts'],
          globalSetup: ['src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Test files share a worker's loaded modules (the app, drizzle, zod schemas, PGlite's
          // WASM) instead of loading them again each: a third less CPU on this 2-core machine.
          // Every file still builds its own app on its own cloned database.
          isolate: false,
        },
      },
      {
        test: {
          name: 'concurrency',
          root: 'server',
          include: ['src/**/*.pg.test.ts'],
          globalSetup: ['src/test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'chaos',
          root: 'server',
          include: ['src/**/*.chaos.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          root: 'e2e',
          include: ['src/**/*.test.ts'],
          globalSetup: ['src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at a time, each with its own server and browser: a journey spends much of
          // its time waiting on its server and Chromium, so two overlap well on two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
