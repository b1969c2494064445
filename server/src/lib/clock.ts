/** The only reader of the wall clock: everything else takes `now` from a Clock. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests that stands still until moved. */
export function fixedClock(start: Date | string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at: Date | string) {
      current = new Date(at);
    },
    advance(minutes: number) {
      current = new Date(current.getTime() + minutes * 60_000);
    },
  };
}
export type FixedClock = ReturnType<typeof fixedClock>;
