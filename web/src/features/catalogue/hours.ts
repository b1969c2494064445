import type { CentreDetail } from '@mawaeed/core/contracts/catalogue';
import { type DayHours, openingHoursOn } from '@mawaeed/core/schedule/opening-hours';
import { addDays, type LocalDate, toZoned } from '@mawaeed/core/time/local';
import type { Centre } from '../../api/catalogue';

/** A centre's hours on a date: with its closures and special periods once the detail is loaded. */
export function hoursOn(centre: Centre | CentreDetail, date: LocalDate): DayHours {
  const detail = 'closures' in centre ? centre : undefined;
  return openingHoursOn(date, {
    timeZone: centre.timeZone,
    weeklyHours: centre.weeklyHours,
    closures: detail?.closures ?? [],
    specialPeriods: detail?.specialPeriods ?? [],
  });
}

/** Today's hours and whether the centre is open at this moment, both in the centre's own zone. */
export function hoursNow(centre: Centre | CentreDetail, now = new Date()) {
  const { date, time } = toZoned(now, centre.timeZone);
  const today = hoursOn(centre, date);
  const isOpen = today.open && today.intervals.some((i) => i.open <= time && time < i.close);
  return { date, today, isOpen };
}

/** The next seven days from today in the centre's zone. */
export function weekAhead(centre: Centre | CentreDetail, now = new Date()) {
  const { date } = toZoned(now, centre.timeZone);
  return Array.from({ length: 7 }, (_, i) => {
    const d = addDays(date, i);
    return { date: d, hours: hoursOn(centre, d) };
  });
}
