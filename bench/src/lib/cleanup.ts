/** Close what is open if the run is interrupted, so no bench database stays on the server. */
const cleanups = new Set<() => Promise<void>>();
let listening = false;

/** Runs `run`, then `close`, which also runs on Ctrl-C while `run` is in progress. */
export async function withCleanup<T>(close: () => Promise<void>, run: () => Promise<T>): Promise<T> {
  if (!listening) {
    listening = true;
    process.once('SIGINT', () => {
      void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
    });
  }
  cleanups.add(close);
  try {
    return await run();
  } finally {
    cleanups.delete(close);
    await close();
  }
}
