// `npm start`: build what changed, then run the server in this process. Demo data and demo staff
// are on unless MAWAEED_DEMO says otherwise; the embedded database lives under DATA_DIR (./data).
import { buildAll } from './build.mjs';

process.env.MAWAEED_DEMO ??= 'on';
await buildAll();
await import('../server/dist/main.js');

// MAWAEED_SIMULATE=on (demo mode only): the hall simulator plays walk-ins and counters at the first
// centre in the background, as the demo administrator, so boards and consoles move by themselves.
if (process.env.MAWAEED_SIMULATE === 'on' && process.env.MAWAEED_DEMO === 'on') {
  const { spawn } = await import('node:child_process');
  const port = process.env.PORT ?? '3000';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/src/simulate.ts', '--centre', 'first', '--minutes', '100000', '--speed', '5'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        MAWAEED_URL: `http://127.0.0.1:${port}`,
        MAWAEED_SIM_EMAIL: 'admin@demo.mawaeed.bh',
        MAWAEED_SIM_PASSWORD: 'mawaeed-demo-2026',
      },
    },
  );
  process.once('exit', () => child.kill());
}
