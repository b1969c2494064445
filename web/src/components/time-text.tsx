import type { ReactNode } from 'react';

/**
 * A clock time as the language writes it. Unlike identifiers, a time keeps its own direction:
 * Arabic "7:00 ص" must not be forced left to right, or its marker lands on the wrong side.
 * Isolating it keeps it whole inside the sentence around it.
 */
export function TimeText({ children }: { children: ReactNode }) {
  return <bdi>{children}</bdi>;
}

/** "7:00 am – 7:15 am", or in Arabic, read right to left, "7:00 ص – 7:15 ص". */
export function TimeRange({ from, to }: { from: ReactNode; to: ReactNode }) {
  return (
    <span>
      <bdi>{from}</bdi> – <bdi>{to}</bdi>
    </span>
  );
}
