import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'mawaeed-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Running = { child: ChildProcess; url: string; output: () => string };

/** Starts the real process entry the way `npm start` does, on a random port. */
async function startServer(): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MAWAEED_DEMO: 'on',
      MAWAEED_CAPTCHA: 'off',
      MAWAEED_OTP: 'off',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /Portal:\s+(http:\/\/localhost:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  return { child, url, output: () => out };
}

function stop(running: Running, signal: NodeJS.Signals) {
  return new Promise<number | null>((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill(signal);
  });
}

describe('the server process', () => {
  let firstCentres: string[] = [];
  let booking: { reference: string } | undefined;
  const cpr = '910203045';

  it('starts on an empty data directory with demo data, and stops cleanly on SIGTERM', async () => {
    const server = await startServer();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const centres = (await (await fetch(`${server.url}/api/v1/centres`)).json()) as {
      items: { id: string; services: string[] }[];
    };
    expect(centres.items.length).toBeGreaterThanOrEqual(4);
    firstCentres = centres.items.map((c) => c.id);
    const centre = centres.items[0];
    const serviceId = centre?.services[0];
    // Book the first free slot, so the restart can prove the booking and its sealed CPR survived.
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const availability = (await (
      await fetch(
        `${server.url}/api/v1/centres/${centre?.id}/availability?service=${serviceId}&from=${from}&to=${to}`,
      )
    ).json()) as { days: { slots: { start: string; remaining: number }[] }[] };
    const start = availability.days.flatMap((d) => d.slots).find((s) => s.remaining > 0)?.start;
    const res = await fetch(`${server.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        centreId: centre?.id,
        serviceId,
        start,
        customer: { cpr, name: 'Ali', mobile: '36001234', language: 'en' },
      }),
    });
    expect(res.status).toBe(201);
    booking = (await res.json()) as { reference: string };
    expect(await stop(server, 'SIGTERM')).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 120_000);

  it('keeps everything across a restart and does not load the demo again', async () => {
    const server = await startServer();
    try {
      const centres = (await (await fetch(`${server.url}/api/v1/centres`)).json()) as {
        items: { id: string }[];
      };
      expect(centres.items.map((c) => c.id)).toEqual(firstCentres);
      const access = await fetch(`${server.url}/api/v1/bookings/${booking?.reference}/access`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cpr }),
      });
      expect(access.status).toBe(200);
      expect(server.output()).not.toContain('demo data loaded');
    } finally {
      expect(await stop(server, 'SIGINT')).toBe(0);
    }
  }, 120_000);
});
