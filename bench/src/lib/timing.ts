export type MeasureOptions = {
  /** Runs thrown away first, so the JIT, the pool and the database caches are warm… */
  warmup: number;
  /** …but no longer than this. */
  warmupMs: number;
  iterations: number;
  /** Stop measuring after this long even if fewer iterations ran: the bench must stay short. */
  budgetMs: number;
};

/** Wall time of each sequential run of `run`, in milliseconds. */
export async function measure(run: () => Promise<void>, options: MeasureOptions): Promise<number[]> {
  const warm = performance.now() + options.warmupMs;
  for (let i = 0; i < options.warmup && performance.now() < warm; i++) await run();
  const samples: number[] = [];
  const deadline = performance.now() + options.budgetMs;
  while (samples.length < options.iterations && performance.now() < deadline) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** A positive whole number from the environment, or the fallback. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}
