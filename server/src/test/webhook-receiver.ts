import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { headers: Record<string, string | string[] | undefined>; body: string };

/** A partner's receiver: answers each POST with the next status of `script` (then 200). */
export function startReceiver() {
  const received: Received[] = [];
  let script: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = script.shift() ?? 200;
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 200 ? 'thanks' : 'receiver is down');
    });
  });
  return new Promise<{
    url: string;
    received: Received[];
    answer(statuses: number[]): void;
    close(): Promise<void>;
  }>((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({
        url: `http://127.0.0.1:${port}/hooks`,
        received,
        answer: (statuses) => {
          script = statuses;
        },
        close: () => new Promise((closed) => server.close(() => closed())),
      });
    }),
  );
}

/** The receiver's check, as docs/api.md shows it: HMAC-SHA256 of "t.body", within 5 minutes. */
export function verify(secret: string, received: Received, now: Date) {
  const header = String(received.headers['mawaeed-signature']);
  const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('='))) as {
    t: string;
    v1: string;
  };
  const expected = createHmac('sha256', secret).update(`${t}.${received.body}`).digest();
  const fresh = Math.abs(now.getTime() / 1000 - Number(t)) <= 300;
  return (
    fresh &&
    expected.length === Buffer.from(v1, 'hex').length &&
    timingSafeEqual(expected, Buffer.from(v1, 'hex'))
  );
}
