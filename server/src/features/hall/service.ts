import type { Jobs } from '../jobs/service';
import { createCheckIns } from './check-in';
import { createCounterDesk } from './counter';
import { createEndOfDay } from './end-of-day';
import type { HallBus } from './events';
import { createHallLive } from './live';
import type { HallKit } from './tickets';

/** The waiting hall: the entrance (check-in, walk-ins), the counters, the public view, the day's end. */
export function createHall(deps: HallKit & { bus: HallBus; jobs: Jobs }) {
  return {
    entrance: createCheckIns(deps),
    counters: createCounterDesk(deps),
    live: createHallLive(deps),
    endOfDay: createEndOfDay(deps),
  };
}
export type Hall = ReturnType<typeof createHall>;
