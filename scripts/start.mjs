// `npm start`: build what changed, then run the server in this process. Demo data and demo staff
// are on unless MAWAEED_DEMO says otherwise; the embedded database lives under DATA_DIR (./data).
import { buildAll } from './build.mjs';

process.env.MAWAEED_DEMO ??= 'on';
await buildAll();
await import('../server/dist/main.js');
