// `npm run dev`: the server restarts on change (tsx watch) and the web app hot-reloads (Vite on
// port 5173, proxying the API to the server on PORT).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { viteBin } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, MAWAEED_DEMO: process.env.MAWAEED_DEMO ?? 'on' };
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/src/main.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  }),
  spawn(process.execPath, [viteBin()], { cwd: join(root, 'web'), env, stdio: 'inherit' }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
