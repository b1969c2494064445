import type { HallSnapshot } from '@mawaeed/core/contracts/hall';

export type HallCall = HallSnapshot['calls'][number];
export type HallEventType = 'snapshot' | 'call' | 'recall' | 'waiting';

/** How many calls a board keeps (the newest first). */
export const RECENT_CALLS = 8;

/**
 * The hall as a screen knows it, after one more event of the centre's stream. A call goes on top
 * (a recall of a number already listed moves it back on top); `waiting` replaces the counts.
 */
export function applyHallEvent(
  state: HallSnapshot | null,
  type: HallEventType,
  data: unknown,
  receivedAt: string,
): HallSnapshot | null {
  if (type === 'snapshot') return data as HallSnapshot;
  if (!state) return state;
  if (type === 'waiting') {
    const w = data as Pick<HallSnapshot, 'waitingNow' | 'services'>;
    return { ...state, waitingNow: w.waitingNow, services: w.services };
  }
  const call = data as Omit<HallCall, 'at'>;
  const fresh: HallCall = { ...call, at: receivedAt };
  return {
    ...state,
    calls: [fresh, ...state.calls.filter((c) => c.number !== call.number)].slice(0, RECENT_CALLS),
  };
}
