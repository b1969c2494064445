// `npm run simulate -- --centre isa-town [--minutes 420] [--speed 60]`: plays a day in a centre's
// hall against a running server (MAWAEED_URL, default http://localhost:3000) through its API, so
// boards, consoles and dashboards show real movement. Signs in with MAWAEED_SIM_EMAIL and
// MAWAEED_SIM_PASSWORD (an administrator, or a manager of the centre). `--day` must be today:
// the server stamps tickets with its own clock.
import { parseArgs } from 'node:util';
import { simulateHall } from './lib/hall-simulator';
import { seededRandom } from './lib/random';

const { values } = parseArgs({
  options: {
    centre: { type: 'string' },
    day: { type: 'string' },
    minutes: { type: 'string', default: '420' },
    speed: { type: 'string', default: '60' },
    'walk-ins-per-minute': { type: 'string', default: '0.3' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.centre) {
  console.error(
    'usage: npm run simulate -- --centre <id or code> [--day today] [--minutes 420] [--speed 60]',
  );
  process.exit(2);
}
// Today somewhere between UTC−14 and UTC+14: the centre's own zone decides which day it is there.
const todays = [-14, 0, 14].map((h) => new Date(Date.now() + h * 3_600_000).toISOString().slice(0, 10));
if (values.day && values.day !== 'today' && !todays.includes(values.day)) {
  console.error('--day can only be today: the server stamps tickets with its own clock');
  process.exit(2);
}
const email = process.env.MAWAEED_SIM_EMAIL;
const password = process.env.MAWAEED_SIM_PASSWORD;
if (!email || !password) {
  console.error('set MAWAEED_SIM_EMAIL and MAWAEED_SIM_PASSWORD (the demo administrator works in demo mode)');
  process.exit(2);
}
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
const stats = await simulateHall({
  baseUrl: process.env.MAWAEED_URL ?? 'http://localhost:3000',
  centre: values.centre,
  email,
  password,
  minutes: Number(values.minutes),
  speed: Number(values.speed),
  walkInsPerMinute: Number(values['walk-ins-per-minute']),
  medianServiceMinutes: 7,
  noShowRate: 0.05,
  random: seededRandom(Number(values.seed)),
  log: (line) => process.stderr.write(`${line}\n`),
  signal: stop.signal,
});
console.log(JSON.stringify({ simulate: values.centre, ...stats }));
