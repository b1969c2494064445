import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { assertInvariants } from '../../test/invariants';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { join, joinBody, offerToken } from '../../test/waitlist';

// The random draw of test apps is 0.5: a 120-second delay releases after 60 seconds.
const START = '2026-12-01T08:30:00+03:00';

async function remaining(t: TestApp, setup: { centre: { id: string }; service: { id: string } }) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/centres/${setup.centre.id}/availability?service=${setup.service.id}&from=2026-12-01&to=2026-12-01`,
  });
  return res.json().days[0].slots.find((x: { start: string }) => x.start === START)?.remaining;
}

async function bookAndCancel(t: TestApp) {
  const setup = await createOfferingSetup(t.db, { offering: { slotMinutes: 15, capacity: 1 } });
  const { reference, manageToken } = (await book(t, bookingBody(setup, START))).json();
  return {
    setup,
    cancel: () => manage(t, reference, manageToken, '/cancel', { method: 'POST', payload: {} }),
  };
}

describe('a freed seat nobody on the waitlist wants, with the release delay on (120 s)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { MAWAEED_RELEASE_DELAY: '120' } });
  });
  afterAll(async () => {
    await assertInvariants(t.db);
    await t.close();
  });

  it('stays out of availability until its random moment, then is bookable again', async () => {
    const { setup, cancel } = await bookAndCancel(t);
    expect((await cancel()).statusCode).toBe(200);
    expect(await remaining(t, setup)).toBe(0);
    expect((await book(t, bookingBody(setup, START))).json()).toMatchObject({ code: 'SLOT_FULL' });
    t.clock.advance(59 / 60);
    await t.app.jobs.runDueJobs();
    expect(await remaining(t, setup)).toBe(0);
    t.clock.advance(1 / 60);
    await t.app.jobs.runDueJobs();
    expect(await remaining(t, setup)).toBe(1);
    expect((await book(t, bookingBody(setup, START))).statusCode).toBe(201);
  });

  it('goes to someone who joined during the delay instead of the public', async () => {
    const { setup, cancel } = await bookAndCancel(t);
    await cancel();
    await join(t, joinBody(setup, { customer: { mobile: '33009941' } }));
    t.clock.advance(1);
    await t.app.jobs.runDueJobs();
    expect(await remaining(t, setup)).toBe(0);
    expect(await offerToken(t, '41')).toBeDefined();
  });
});

describe('with the release delay off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { MAWAEED_RELEASE_DELAY: 'off' } });
  });
  afterAll(async () => {
    await assertInvariants(t.db);
    await t.close();
  });

  it('a freed seat nobody waits for is bookable at once', async () => {
    const { setup, cancel } = await bookAndCancel(t);
    await cancel();
    expect(await remaining(t, setup)).toBe(1);
    expect((await book(t, bookingBody(setup, START))).statusCode).toBe(201);
  });
});
