import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HallEvent } from './events';
import type { HallLive } from './live';

const open = new Set<FastifyReply>();

/** Ends every open stream (graceful shutdown); browsers reconnect to another instance. */
export function endHallStreams() {
  for (const reply of open) reply.raw.end();
  open.clear();
}

function frame(event: { id?: string; type: string; data: unknown }) {
  return `${event.id ? `id: ${event.id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * One SSE connection to a centre's hall. Subscribes first, then sends what the client missed
 * (events after its Last-Event-ID) or a snapshot, then live events as they come, skipping any
 * already sent; a comment line every heartbeat keeps proxies from closing it.
 */
export async function streamHallEvents(
  live: HallLive,
  centreId: string,
  req: FastifyRequest,
  reply: FastifyReply,
  options: { heartbeatMs: number },
) {
  await live.requireWatchable(req.actor, centreId);
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  open.add(reply);
  let lastSent = 0;
  const queued: HallEvent[] = [];
  let ready = false;
  const send = (event: HallEvent) => {
    if (Number(event.id) <= lastSent) return;
    lastSent = Number(event.id);
    raw.write(frame({ id: event.id, type: event.type, data: event.payload }));
  };
  const unsubscribe = live.subscribe(centreId, (event) => (ready ? send(event) : queued.push(event)));
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
    open.delete(reply);
  };
  raw.on('close', stop);
  try {
    raw.write('retry: 3000\n\n');
    const lastEventId = req.headers['last-event-id'];
    const missed = typeof lastEventId === 'string' ? await live.eventsAfter(centreId, lastEventId) : null;
    if (missed) {
      lastSent = Number(lastEventId);
      for (const event of missed) send(event);
    } else {
      const snapshot = await live.snapshot(req.actor, centreId);
      lastSent = Number(snapshot.lastEventId ?? 0);
      raw.write(
        frame({
          ...(snapshot.lastEventId ? { id: snapshot.lastEventId } : {}),
          type: 'snapshot',
          data: snapshot,
        }),
      );
    }
    ready = true;
    for (const event of queued.splice(0)) send(event);
  } catch (err) {
    req.log.warn({ err }, 'hall stream failed to start');
    stop();
    raw.end();
  }
}
