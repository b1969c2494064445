export type SseEvent = { id?: string; event: string; data: unknown };

/** A hall event stream read by a test, as a board would: frames parsed, waited for by type. */
export async function openEvents(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            frame
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
          );
          if (fields.event) {
            events.push({
              ...(fields.id ? { id: fields.id } : {}),
              event: fields.event,
              data: JSON.parse(fields.data ?? 'null'),
            });
            for (const w of waiters.splice(0)) w();
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  /** Resolves with the first event after `from` (an index) matching, or rejects after `ms`. */
  async function next(match: (e: SseEvent) => boolean, options: { from?: number; ms?: number } = {}) {
    const deadline = Date.now() + (options.ms ?? 10_000);
    for (;;) {
      const found = events.slice(options.from ?? 0).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  return { status: res.status, headers: res.headers, events, next, close: () => controller.abort() };
}
