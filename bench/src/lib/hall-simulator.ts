import { randomBytes } from 'node:crypto';

/**
 * Plays a day in a centre's hall against a running server, through its API only: people arrive
 * at the kiosk (walk-ins of the services that take them), counters open, call the next ticket,
 * start, finish after a log-normal service time, and now and then mark a no-show. Time runs
 * `speed` times faster than the clock (service times shrink accordingly; the server's own
 * clock, and so the waiting times it records, run at normal speed).
 */
export type SimulationOptions = {
  baseUrl: string;
  /** A centre id or its code, or `first` (the first by code: the demo staff's centre). */
  centre: string;
  /** An administrator (or a manager of the centre) who sets the simulation up. */
  email: string;
  password: string;
  /** Simulated minutes to play. */
  minutes: number;
  /** Simulated minutes per real minute. */
  speed: number;
  walkInsPerMinute: number;
  medianServiceMinutes: number;
  noShowRate: number;
  random: () => number;
  log: (line: string) => void;
  /** Stops early when aborted. */
  signal?: AbortSignal;
};

type Session = { headers: Record<string, string> };

async function call(
  options: Pick<SimulationOptions, 'baseUrl'>,
  as: Session | null,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${options.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...as?.headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function signIn(options: Pick<SimulationOptions, 'baseUrl'>, email: string, password: string) {
  const res = await call(options, null, 'POST', '/api/v1/auth/sign-in', { email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  const cookie = /mawaeed_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return { headers: { cookie: `mawaeed_session=${cookie}`, 'x-csrf-token': res.json.csrfToken } };
}

function lognormal(median: number, spread: number, random: () => number) {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(spread * normal);
}

export async function simulateHall(options: SimulationOptions) {
  const { random, log } = options;
  const admin = await signIn(options, options.email, options.password);
  const centres = (await call(options, admin, 'GET', '/api/v1/admin/centres')).json.items as {
    id: string;
    code: string;
  }[];
  const centre =
    options.centre === 'first'
      ? [...centres].sort((a, b) => (a.code < b.code ? -1 : 1))[0]
      : centres.find((c) => c.id === options.centre || c.code === options.centre);
  if (!centre) throw new Error(`no centre ${options.centre} for this account`);
  const offered = (await call(options, null, 'GET', `/api/v1/centres/${centre.id}`)).json
    .services as string[];
  const services = (await call(options, null, 'GET', '/api/v1/services')).json.items as {
    id: string;
    walkIns: boolean;
  }[];
  const walkInServices = services.filter((s) => s.walkIns && offered.includes(s.id)).map((s) => s.id);
  if (walkInServices.length === 0) throw new Error('no service of this centre takes walk-ins');

  const kiosk = await call(options, admin, 'POST', `/api/v1/admin/centres/${centre.id}/devices`, {
    kind: 'kiosk',
    name: `simulator ${new Date().toISOString()}`,
  });
  const kioskAuth = { headers: { authorization: `Bearer ${kiosk.json.token}` } };
  let counters = (await call(options, admin, 'GET', `/api/v1/admin/centres/${centre.id}/counters`)).json
    .items as { id: string; number: number; active: boolean }[];
  counters = counters.filter((c) => c.active);
  if (counters.length === 0) {
    for (let n = 1; n <= 3; n++) {
      const made = await call(options, admin, 'POST', `/api/v1/admin/centres/${centre.id}/counters`, {
        number: n,
        name: { en: `Counter ${n}`, ar: `الشباك ${n}` },
        serviceIds: offered,
      });
      counters.push(made.json);
    }
  }
  // One simulated agent per counter, with a throwaway password.
  const desks = [];
  for (const counter of counters) {
    const password = randomBytes(18).toString('base64url');
    const email = `sim-${randomBytes(4).toString('hex')}@simulator.invalid`;
    const made = await call(options, admin, 'POST', '/api/v1/admin/staff', {
      email,
      name: `Simulated agent ${counter.number}`,
      role: 'counter_agent',
      centreIds: [centre.id],
      password,
    });
    if (made.status !== 201) throw new Error(`creating an agent failed: ${made.status}`);
    const agent = await signIn(options, email, password);
    const opened = await call(options, agent, 'POST', `/api/v1/counters/${counter.id}/open`);
    if (opened.status !== 200) {
      log(`counter ${counter.number} stays closed: ${opened.json?.code}`);
      continue;
    }
    desks.push({ counter, agent, state: 'idle' as 'idle' | 'called' | 'serving', ticketId: '', until: 0 });
  }
  log(`simulating ${options.minutes} minutes at ${centre.code} with ${desks.length} counters`);

  const stats = { walkIns: 0, refused: 0, called: 0, served: 0, noShows: 0 };
  const tickMs = 60_000 / options.speed / 4; // a quarter of a simulated minute
  for (let minute = 0; minute < options.minutes && !options.signal?.aborted; minute += 0.25) {
    // Poisson arrivals within the quarter minute.
    let arrivals = 0;
    for (let p = Math.exp(-options.walkInsPerMinute / 4), u = random(); u > p; u *= random()) arrivals++;
    for (let i = 0; i < arrivals; i++) {
      const serviceId = walkInServices[Math.floor(random() * walkInServices.length)];
      const res = await call(options, kioskAuth, 'POST', `/api/v1/centres/${centre.id}/walk-ins`, {
        serviceId,
      });
      if (res.status === 201) stats.walkIns++;
      else stats.refused++;
    }
    for (const desk of desks) {
      if (minute < desk.until) continue;
      const base = `/api/v1/counters/${desk.counter.id}`;
      if (desk.state === 'idle') {
        const res = await call(options, desk.agent, 'POST', `${base}/call-next`);
        if (res.json?.ticket) {
          stats.called++;
          Object.assign(desk, { state: 'called', ticketId: res.json.ticket.id, until: minute + 0.5 });
        }
      } else if (desk.state === 'called') {
        if (random() < options.noShowRate) {
          await call(options, desk.agent, 'POST', `${base}/tickets/${desk.ticketId}/no-show`);
          stats.noShows++;
          Object.assign(desk, { state: 'idle', until: minute + 0.5 });
        } else {
          await call(options, desk.agent, 'POST', `${base}/tickets/${desk.ticketId}/start`);
          const service = lognormal(options.medianServiceMinutes, 0.45, random);
          Object.assign(desk, { state: 'serving', until: minute + service });
        }
      } else {
        await call(options, desk.agent, 'POST', `${base}/tickets/${desk.ticketId}/finish`);
        stats.served++;
        Object.assign(desk, { state: 'idle', until: minute });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  for (const desk of desks) {
    const base = `/api/v1/counters/${desk.counter.id}`;
    if (desk.state === 'called')
      await call(options, desk.agent, 'POST', `${base}/tickets/${desk.ticketId}/no-show`);
    if (desk.state === 'serving')
      await call(options, desk.agent, 'POST', `${base}/tickets/${desk.ticketId}/finish`);
    await call(options, desk.agent, 'POST', `${base}/close`);
  }
  await call(options, admin, 'POST', `/api/v1/admin/devices/${kiosk.json.id}/revoke`);
  return stats;
}
