import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * A centre of its own for the hall journey, made through the admin API: open all day every day
 * in a time zone where it is not near midnight (so the journey runs at any hour), one service that takes walk-ins, counter 4, a board, a
 * receptionist and a counter agent, and a booking starting at the next free slot (inside its
 * check-in window now).
 */
const ADMIN = { email: 'admin@demo.mawaeed.bh', password: 'mawaeed-demo-2026' };
export const STAFF_PASSWORD = 'hall-journey-passphrase';

type As = { headers: Record<string, string> };

async function call(baseUrl: string, as: As | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...as?.headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function signIn(baseUrl: string, email: string, password: string): Promise<As> {
  const res = await call(baseUrl, null, 'POST', '/api/v1/auth/sign-in', { email, password });
  const cookie = /mawaeed_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { headers: { cookie: `mawaeed_session=${cookie}`, 'x-csrf-token': res.json.csrfToken } };
}

const allDay = [{ open: '00:00', close: '23:45' }];

/**
 * The centre's time zone: Bahrain's, unless it is within a few hours of midnight there (CI runs at
 * any hour), then one eleven hours behind, where it is the middle of the day. The journey books
 * "later today" and checks in "now", so it needs hours of today on both sides.
 */
function zoneAwayFromMidnight(now = new Date()): string {
  const hourIn = (timeZone: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
  const bahrain = hourIn('Asia/Bahrain');
  return bahrain >= 2 && bahrain < 20 ? 'Asia/Bahrain' : 'America/Los_Angeles';
}

export async function createHallJourney(baseUrl: string) {
  const admin = await signIn(baseUrl, ADMIN.email, ADMIN.password);
  const timeZone = zoneAwayFromMidnight();
  const service = (
    await call(baseUrl, admin, 'POST', '/api/v1/admin/services', {
      code: 'hall-journey',
      name: { en: 'Hall journey service', ar: 'خدمة رحلة القاعة' },
      description: { en: 'For the hall journey', ar: 'لرحلة القاعة' },
      letter: 'H',
      durationMinutes: 15,
      documents: { en: [], ar: [] },
      walkIns: true,
      minLeadMinutes: 0,
      maxDaysAhead: 30,
      perPersonLimit: 5,
    })
  ).json as { id: string };
  const centre = (
    await call(baseUrl, admin, 'POST', '/api/v1/admin/centres', {
      code: 'hall-journey',
      name: { en: 'Hall Journey Centre', ar: 'مركز رحلة القاعة' },
      address: { en: 'Road 1, Manama', ar: 'طريق 1، المنامة' },
      phone: '+97317000000',
      location: { lat: 26.22, lng: 50.58 },
      timeZone,
      weeklyHours: {
        sun: allDay,
        mon: allDay,
        tue: allDay,
        wed: allDay,
        thu: allDay,
        fri: allDay,
        sat: allDay,
      },
    })
  ).json as { id: string };
  await call(baseUrl, admin, 'PUT', `/api/v1/admin/centres/${centre.id}/offerings/${service.id}`, {
    slotMinutes: 15,
    capacity: 5,
  });
  const counter = (
    await call(baseUrl, admin, 'POST', `/api/v1/admin/centres/${centre.id}/counters`, {
      number: 4,
      name: { en: 'Counter 4', ar: 'الشباك 4' },
      serviceIds: [service.id],
    })
  ).json as { id: string };
  const board = (
    await call(baseUrl, admin, 'POST', `/api/v1/admin/centres/${centre.id}/devices`, {
      kind: 'board',
      name: 'Hall TV',
    })
  ).json as { token: string };
  const kiosk = (
    await call(baseUrl, admin, 'POST', `/api/v1/admin/centres/${centre.id}/devices`, {
      kind: 'kiosk',
      name: 'Entrance kiosk',
    })
  ).json as { token: string };
  const person = async (role: 'receptionist' | 'counter_agent', email: string) => {
    await call(baseUrl, admin, 'POST', '/api/v1/admin/staff', {
      email,
      name: role === 'receptionist' ? 'Hall receptionist' : 'Hall agent',
      role,
      centreIds: [centre.id],
      password: STAFF_PASSWORD,
    });
    return email;
  };
  const receptionist = await person('receptionist', 'desk@hall-journey.test');
  const agent = await person('counter_agent', 'agent@hall-journey.test');
  const agentAr = await person('counter_agent', 'agent-ar@hall-journey.test');

  /**
   * A booking at the next slot with a seat (within 15 minutes, so its check-in window is open), or
   * at least `laterMinutes` ahead (too early to check in).
   */
  const book = async (cpr: string, laterMinutes = 0) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
    const availability = (
      await call(
        baseUrl,
        null,
        'GET',
        `/api/v1/centres/${centre.id}/availability?service=${service.id}&from=${today}&to=${today}`,
      )
    ).json as { days: { slots: { start: string; remaining: number }[] }[] };
    const earliest = Date.now() + laterMinutes * 60_000;
    const slot = availability.days[0]?.slots.find(
      (s) => s.remaining > 0 && new Date(s.start).getTime() >= earliest,
    );
    if (!slot) throw new Error('no free slot today for the hall journey');
    return (
      await call(baseUrl, null, 'POST', '/api/v1/bookings', {
        centreId: centre.id,
        serviceId: service.id,
        start: slot.start,
        customer: { cpr, name: 'Maryam Hasan', mobile: '36001234', language: 'en' },
      })
    ).json as { reference: string };
  };
  return {
    centre,
    service,
    counter,
    boardToken: board.token,
    kioskToken: kiosk.token,
    receptionist,
    agent,
    agentAr,
    book,
  };
}

/** Signs a hall staff member in through the sign-in page, landing on `to`. */
export async function signInOnPage(page: Page, email: string, to: string) {
  await page.goto(`/staff/sign-in?redirect=${encodeURIComponent(to)}`);
  await page.locator('input[type=email], input[autocomplete=username]').first().fill(email);
  await page.locator('input[type=password]').fill(STAFF_PASSWORD);
  await page.locator('button[type=submit]').click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe(to);
}
