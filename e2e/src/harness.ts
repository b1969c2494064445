/**
 * Black-box harness for the browser journeys: builds what changed, runs the built server the way
 * `npm start` does (on a fresh embedded database with demo data), and drives Debian's Chromium
 * through playwright-core. Playwright's own browser download does not work on our machines.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const screenshotsDir = join(root, 'e2e/screenshots');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps calling Google's hosts, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Builds the server bundle and the web app if their sources changed (a no-op otherwise). */
export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/build.mjs failed with exit code ${r.status}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

export type RunningServer = {
  baseUrl: string;
  /** What the server printed so far (for a failing test's message). */
  output: () => string;
  stop: () => Promise<void>;
};

const LOG_DIR = process.env.MAWAEED_TEST_LOG_DIR;

/**
 * Starts `node server/dist/main.js` on a free port with a DATA_DIR of its own; resolves once /healthz
 * answers. The DATA_DIR is a copy of `template` when given (a database the global setup's first
 * start made, demo data included: a restart takes ~2 s where a first start takes ~9), else empty.
 * `keepDataDir` leaves it in place after `stop()`, for the global setup to copy from.
 */
export async function startServer(
  env: Record<string, string> = {},
  { template, keepDataDir = false }: { template?: string; keepDataDir?: boolean } = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mawaeed-e2e-'));
  if (template) await cp(template, dataDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(root, 'server/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MAWAEED_PUBLIC_URL: baseUrl,
      MAWAEED_DEMO: 'on',
      MAWAEED_OTP: 'off',
      MAWAEED_CAPTCHA: 'off',
      MAWAEED_RATE_LIMIT: 'off',
      MAWAEED_RELEASE_DELAY: 'off',
      // `npm run test:e2e` keeps every server's log and scans it for CPR and phone numbers.
      LOG_LEVEL: LOG_DIR ? 'info' : 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = LOG_DIR ? createWriteStream(join(LOG_DIR, `server-${port}.log`), { flags: 'a' }) : undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    await stopProcess(child, exited);
    log?.end();
    if (!keepDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, exited, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, dataDir, output: () => output, stop };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DATA_DIR every test file's server starts from (e2e/src/global-setup.ts). */
    e2eTemplate: string;
  }
}

async function waitForHealth(baseUrl: string, exited: Promise<number | null>, output: () => string) {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code ?? -1;
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`server exited with ${exitCode} before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy after 90 s:\n${output()}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Debian's Chromium with our flags, and `extraArgs` after them (a fake camera, say). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

export type PageOptions = { locale?: string; width?: number; height?: number; timezoneId?: string };

/** A browser and a server for one test file; every page gets its own context (own storage). */
export type Harness = {
  baseUrl: string;
  server: RunningServer;
  browser: Browser;
  newPage: (options?: PageOptions) => Promise<Page>;
  close: () => Promise<void>;
};

/** The server's checks a journey runs with: off by default, `checks: 'on'` for codes and proof of work. */
export type HarnessOptions = {
  checks?: 'on' | 'off' /** More server settings. */;
  env?: Record<string, string>;
  /** More Chromium flags for this file's browser (see fake-camera.ts). */
  browserArgs?: string[];
};

export async function startHarness({
  checks = 'off',
  env = {},
  browserArgs = [],
}: HarnessOptions = {}): Promise<Harness> {
  const server = await startServer(
    {
      ...(checks === 'on'
        ? { MAWAEED_OTP: 'on', MAWAEED_CAPTCHA: 'on', MAWAEED_MESSAGES_TRANSPORT: 'dev' }
        : {}),
      ...env,
    },
    { template: inject('e2eTemplate') },
  );
  let browser: Browser;
  try {
    browser = await launchBrowser(browserArgs);
  } catch (err) {
    await server.stop();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  // Whatever the journey, no page may trip the Content-Security-Policy: the run fails at close.
  const cspViolations: string[] = [];
  return {
    baseUrl: server.baseUrl,
    server,
    browser,
    async newPage({ locale = 'en-GB', width = 1280, height = 800, timezoneId } = {}) {
      const context = await browser.newContext({
        baseURL: server.baseUrl,
        locale,
        viewport: { width, height },
        ...(timezoneId ? { timezoneId } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          cspViolations.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
      if (cspViolations.length > 0)
        throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
    },
  };
}

/** Saves a full-page PNG to e2e/screenshots/NAME.png when SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

/** axe-core's WCAG 2.2 AA violations on the page as it is now, one readable line per failing node. */
export async function findAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
  );
}
