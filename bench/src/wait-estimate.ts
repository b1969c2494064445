// `npm run bench:wait-estimate`: how far the live ticket's estimated wait is from the real wait,
// over simulated days of one service (bench/src/lib/hall-day.ts), on a normal day (about 70 %
// of counter time busy) and a busy one (about 90 %): the median absolute error in minutes, with
// the mean, the 90th percentile and the bias, for everyone and for those with someone ahead.
// Pure: no server, no database; seeded, so every run gives the same figures.
import { DEFAULT_DAY, type HallDayPlan, simulateHallDay } from './lib/hall-day';
import { describeMachine } from './lib/machine';
import { seededRandom } from './lib/random';
import { printJson, printTable } from './lib/report';
import { percentile } from './lib/stats';
import { envCount } from './lib/timing';

const DAYS = envCount('BENCH_WAIT_DAYS', 30);
const SCENARIOS: Record<string, HallDayPlan> = {
  normal: DEFAULT_DAY,
  busy: { ...DEFAULT_DAY, walkInsPerMinute: 0.2 },
};
const round = (n: number) => Math.round(n * 10) / 10;

function figures(samples: { estimate: number; actual: number }[]) {
  const errors = samples.map((s) => Math.abs(s.estimate - s.actual)).sort((a, b) => a - b);
  const signed = samples.map((s) => s.estimate - s.actual).sort((a, b) => a - b);
  return {
    median_abs_error_min: round(percentile(errors, 50)),
    mean_abs_error_min: round(errors.reduce((a, b) => a + b, 0) / errors.length),
    p90_abs_error_min: round(percentile(errors, 90)),
    median_bias_min: round(percentile(signed, 50)),
    median_actual_wait_min: round(
      percentile(
        samples.map((s) => s.actual).sort((a, b) => a - b),
        50,
      ),
    ),
    n: samples.length,
  };
}

const rows: (string | number)[][] = [];
for (const [scenario, plan] of Object.entries(SCENARIOS)) {
  const samples = Array.from({ length: DAYS }, (_, day) =>
    simulateHallDay(plan, seededRandom(1000 + day)),
  ).flat();
  for (const [who, subset] of [
    ['everyone', samples],
    ['someone_ahead', samples.filter((s) => s.ahead > 0)],
  ] as const) {
    const f = figures(subset);
    printJson({ bench: 'wait-estimate', scenario, who, days: DAYS, plan, ...f });
    rows.push([`${scenario} / ${who}`, ...Object.values(f)]);
  }
}
printJson({ bench: 'wait-estimate', machine: describeMachine() });
printTable(
  ['scenario / who', 'median |err|', 'mean |err|', 'p90 |err|', 'median bias', 'median wait', 'n'],
  rows,
);
