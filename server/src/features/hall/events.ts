import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Database } from '../../db/client';
import { HALL_CHANNEL } from './repository';

/** A public hall event as it travels: its id (the SSE id), centre, type and public payload. */
export type HallEvent = {
  id: string;
  centreId: string;
  type: string;
  payload: Record<string, unknown>;
  at: string;
};

type Listener = (event: HallEvent) => void;

/**
 * Hall events of every instance, delivered to this instance's SSE streams. The changes publish
 * with NOTIFY in their own transaction (repository.publishEvent); here one connection LISTENs:
 * a dedicated node-postgres client on PostgreSQL (reconnecting after a drop — events missed
 * meanwhile are in hall_events, which a reconnecting board asks for with Last-Event-ID), or
 * PGlite's own `listen` on the embedded database.
 */
export function createHallBus(database: Database, log: FastifyBaseLogger) {
  const listeners = new Map<string, Set<Listener>>();
  let client: pg.Client | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let closed = false;

  function deliver(text: string) {
    let event: HallEvent;
    try {
      event = JSON.parse(text) as HallEvent;
    } catch {
      return;
    }
    for (const listener of listeners.get(event.centreId) ?? []) listener(event);
  }

  async function connectPostgres(url: string) {
    const c = new pg.Client({ connectionString: url, application_name: 'mawaeed-hall-listener' });
    c.on('notification', (n) => {
      if (n.channel === HALL_CHANNEL && n.payload) deliver(n.payload);
    });
    c.on('error', (err) => {
      log.warn({ err }, 'hall listener connection lost');
    });
    c.on('end', () => {
      if (closed) return;
      client = undefined;
      setTimeout(() => void connectPostgres(url).catch(retry(url)), 1_000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${HALL_CHANNEL}`);
    client = c;
  }

  function retry(url: string) {
    return (err: unknown) => {
      log.warn({ err }, 'hall listener could not connect; retrying');
      if (!closed) setTimeout(() => void connectPostgres(url).catch(retry(url)), 2_000).unref();
    };
  }

  async function start() {
    if (database.pglite) {
      unlisten = await database.pglite.listen(HALL_CHANNEL, deliver);
      return;
    }
    const url = (database.pool as unknown as { options: { connectionString?: string } } | undefined)?.options
      .connectionString;
    if (url) await connectPostgres(url);
  }

  function subscribe(centreId: string, listener: Listener) {
    const set = listeners.get(centreId) ?? new Set<Listener>();
    listeners.set(centreId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(centreId);
    };
  }

  async function close() {
    closed = true;
    listeners.clear();
    await unlisten?.().catch(() => {});
    await client?.end().catch(() => {});
  }

  return { start, subscribe, close };
}
export type HallBus = ReturnType<typeof createHallBus>;
