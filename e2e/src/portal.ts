/** Steps and checks shared by the portal journeys. */
import type { Centre, Service } from '@mawaeed/core/contracts/catalogue';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { findAccessibilityViolations, screenshot } from './harness';

export const POLL = { timeout: 10_000 };

export type Catalogue = { centres: Centre[]; services: Service[] };

export async function loadCatalogue(baseUrl: string): Promise<Catalogue> {
  const get = async <T>(path: string) =>
    ((await (await fetch(`${baseUrl}${path}`)).json()) as { items: T[] }).items;
  return { centres: await get<Centre>('/api/v1/centres'), services: await get<Service>('/api/v1/services') };
}

/** A fresh 9-digit CPR, so the per-person limit never links two tests. */
export function randomCpr(): string {
  return String(100_000_000 + Math.floor(Math.random() * 899_999_999));
}

export async function h1(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return (await page.getByRole('heading', { level: 1 }).first().textContent()) ?? '';
}

/** How far the page scrolls sideways, and the innermost elements reaching past either edge. */
function overflowAt320() {
  const root = document.documentElement;
  const width = root.clientWidth;
  const sticking = Array.from(document.querySelectorAll('body *'))
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.left < -1 || r.right > width + 1);
    })
    .filter((e, _, all) => !all.some((other) => other !== e && e.contains(other)))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 40)}"`);
  return {
    overflow: Math.max(0, root.scrollWidth - width),
    sticking: root.scrollWidth > width ? sticking : [],
  };
}

/**
 * Every page of a journey: no axe violations (WCAG 2.2 AA), no horizontal scrolling at 320 px
 * (what 400% zoom of 1280 gives; 200% is wider), and screenshots at phone and desktop widths.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await h1(page);
  await page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));
  expect(await findAccessibilityViolations(page), `axe on ${name}`).toEqual([]);
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 320, height: 800 });
  // Polled: a page still settling (a table loading, a font arriving) may overflow for a moment;
  // one that keeps overflowing fails, naming the elements that stick out.
  await expect
    .poll(() => page.evaluate(overflowAt320), {
      timeout: 10_000,
      message: `horizontal scroll at 320 px on ${name}`,
    })
    .toEqual({ overflow: 0, sticking: [] });
  if (process.env.SCREENSHOTS === '1') {
    const lang = await page.evaluate(() => document.documentElement.lang);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 800 });
      await screenshot(page, `${name}-${lang}-${width}`);
    }
  }
  await page.setViewportSize(size);
}

export async function continueOn(page: Page): Promise<void> {
  await page.getByTestId('continue').click();
}

/** Picks the first radio of a group that can be picked. */
export async function pickFirst(page: Page, name: string): Promise<string> {
  const radio = page.locator(`input[type="radio"][name="${name}"]:not([disabled])`).first();
  await radio.waitFor();
  const value = (await radio.getAttribute('value')) ?? '';
  await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
  expect(await radio.isChecked()).toBe(true);
  return value;
}

export async function pickLabel(page: Page, label: string): Promise<void> {
  await page.getByRole('radio', { name: label, exact: false }).first().check({ force: true });
}

export type Details = { name: string; cpr: string; mobile: string; email?: string };

export async function fillDetails(page: Page, details: Details): Promise<void> {
  await page.locator('#name').fill(details.name);
  await page.locator('#cpr').fill(details.cpr);
  await page.locator('#mobile').fill(details.mobile);
  if (details.email) await page.locator('#email').fill(details.email);
}

/** Books a slot straight through the API (another person, another browser). */
export async function bookViaApi(
  baseUrl: string,
  body: { centreId: string; serviceId: string; start: string; cpr?: string },
): Promise<{ reference: string; manageToken: string; start: string }> {
  const res = await fetch(`${baseUrl}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      centreId: body.centreId,
      serviceId: body.serviceId,
      start: body.start,
      customer: { cpr: body.cpr ?? randomCpr(), name: 'Other Person', mobile: '36001234', language: 'en' },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { reference: string; manageToken: string; start: string };
}

export type Slot = { start: string; remaining: number };

/** The free slots of an offering over the next weeks, from the API. */
export async function freeSlotsViaApi(baseUrl: string, centre: Centre, serviceId: string): Promise<Slot[]> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: centre.timeZone }).format(new Date());
  const to = new Date(Date.parse(`${today}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(
    `${baseUrl}/api/v1/centres/${centre.id}/availability?service=${serviceId}&from=${today}&to=${to}`,
  );
  const body = (await res.json()) as { days: { slots: Slot[] }[] };
  return body.days.flatMap((d) => d.slots).filter((s) => s.remaining > 0 && Date.parse(s.start) > Date.now());
}
