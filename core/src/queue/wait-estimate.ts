/**
 * How long a person still waits, for the live ticket page and the board: the people ahead are
 * shared by the counters open for that service, each taking the recent median service time.
 * Null when no counter serving it is open (nobody can promise a time then).
 */
export function estimateWaitMinutes(input: {
  peopleAhead: number;
  openCounters: number;
  medianServiceMinutes: number;
}): number | null {
  if (input.openCounters <= 0) return null;
  if (input.peopleAhead <= 0) return 0;
  // Rounds of service before this person's turn: 3 ahead at 2 counters is 2 rounds, not 1.5.
  const rounds = Math.ceil(input.peopleAhead / input.openCounters);
  return Math.round(rounds * Math.max(1, input.medianServiceMinutes));
}
