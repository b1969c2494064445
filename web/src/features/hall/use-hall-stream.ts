import type { HallSnapshot } from '@mawaeed/core/contracts/hall';
import { useEffect, useRef, useState } from 'react';
import { applyHallEvent, type HallCall, type HallEventType } from './hall-state';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

const TYPES: HallEventType[] = ['snapshot', 'call', 'recall', 'waiting'];

/**
 * A centre's public hall events (server-sent events): the hall as it is now, and whether the
 * connection holds. EventSource reconnects by itself and sends Last-Event-ID, so the server
 * replays what was missed; if the browser gives up (CLOSED), a new connection is made after a
 * pause, which starts again from a snapshot. `onEvent` hears every event, `onCall` calls and
 * recalls as they happen (not those of a snapshot), with `catchUp` for those replayed on reconnecting.
 */
export function useHallStream(
  centreId: string | undefined,
  handlers: {
    onEvent?: (type: HallEventType) => void;
    onCall?: (call: HallCall, type: 'call' | 'recall', meta: { catchUp: boolean }) => void;
  } = {},
) {
  const [hall, setHall] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!centreId) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let opened = false;
    // Calls replayed just after a reconnection are news already missed: shown, not announced.
    let reconnectedAt = 0;
    const connect = () => {
      source = new EventSource(`/api/v1/centres/${centreId}/events`);
      source.onopen = () => {
        if (opened) reconnectedAt = Date.now();
        opened = true;
        setStatus('live');
      };
      source.onerror = () => {
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(connect, 5_000);
        }
      };
      for (const type of TYPES) {
        source.addEventListener(type, (message) => {
          const data = JSON.parse((message as MessageEvent<string>).data) as unknown;
          const at = new Date().toISOString();
          setStatus('live');
          setHall((state) => applyHallEvent(state, type, data, at));
          handlersRef.current.onEvent?.(type);
          if (type === 'call' || type === 'recall') {
            handlersRef.current.onCall?.({ ...(data as Omit<HallCall, 'at'>), at }, type, {
              catchUp: Date.now() - reconnectedAt < 1_500,
            });
          }
        });
      }
    };
    // When the device knows its network is gone (a TV's Wi-Fi drops), say so at once and connect
    // again as soon as it is back, rather than wait for the browser's own retry.
    const offline = () => {
      clearTimeout(retry);
      source?.close();
      setStatus('reconnecting');
    };
    const online = () => {
      clearTimeout(retry);
      source?.close();
      connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, [centreId]);

  return { hall, status };
}
