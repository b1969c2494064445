// The seeded generator (mulberry32) is core's, the one the demo history uses: the same seed gives
// the same load on every run.
export { seededRandom } from '@mawaeed/core/history/generate';

/** `count` distinct indices out of `total`, drawn with `random` (a partial Fisher–Yates shuffle). */
export function pickIndices(total: number, count: number, random: () => number): number[] {
  const indices = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < Math.min(count, total); i++) {
    const j = i + Math.floor(random() * (total - i));
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  return indices.slice(0, count);
}
