import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, manage } from '../../test/bookings';
import { createOfferingSetup } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/test-app';

const CPR = '880412345';
const MOBILE = '36559081';
const EMAIL = 'maryam.h@example.bh';

describe('personal data in logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { LOG_LEVEL: 'trace' }, logStream: { write: (line) => lines.push(line) } });
  });
  afterAll(() => t.close());

  it('never writes a CPR, mobile or email through a whole booking flow, even at trace level', async () => {
    const setup = await createOfferingSetup(t.db);
    const body = bookingBody(setup, '2026-12-01T09:00:00+03:00', {
      cpr: CPR,
      mobile: `+973 ${MOBILE}`,
      email: EMAIL,
    });
    const created = await book(t, body, { 'idempotency-key': 'log-test-1' });
    expect(created.statusCode).toBe(201);
    const { reference, manageToken } = created.json();
    await book(t, body, { 'idempotency-key': 'log-test-1' });
    await book(t, { ...body, customer: { ...body.customer, cpr: '12' } });
    await manage(t, reference, manageToken);
    await manage(t, reference, manageToken, '/calendar.ics');
    await manage(t, reference, undefined, '/access', { method: 'POST', payload: { cpr: CPR } });
    await manage(t, reference, manageToken, '/reschedule', {
      method: 'POST',
      payload: { start: '2026-12-01T09:15:00+03:00' },
    });
    await manage(t, reference, manageToken, '/cancel', { method: 'POST', payload: { reason: 'x' } });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain(reference); // the log is there and does record the flow
    for (const secret of [CPR, MOBILE, EMAIL, manageToken]) expect(log).not.toContain(secret);
  });
});
