import { CentreParams } from '@mawaeed/core/contracts/catalogue';
import { IdempotencyHeaders, Problem } from '@mawaeed/core/contracts/common';
import { OwnConsentSet, OwnConsents } from '@mawaeed/core/contracts/customer-files';
import {
  CallNextResult,
  CentreWaiting,
  CheckInCreate,
  CheckInResult,
  CounterChoiceList,
  CounterConsole,
  CounterParams,
  CounterTicketParams,
  FinishedTicket,
  HallSnapshot,
  IssuedTicket,
  LiveTicket,
  LiveTicketParams,
  NoteCreate,
  NoteCreated,
  StaffTicket,
  TransferCreate,
  WalkInCreate,
} from '@mawaeed/core/contracts/hall';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestLanguage } from '../../lib/language';
import type { Hall } from './service';
import { streamHallEvents } from './sse';

const desk: { [name: string]: string[] }[] = [{ session: [] }, { deviceToken: [] }];
const session = [{ session: [] }];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The hall's routes, under /api/v1. */
export function hallRoutes(hall: Hall, options: { heartbeatMs: number }): FastifyPluginAsyncZod {
  const { entrance, counters, live } = hall;
  return async (app) => {
    app.post(
      '/centres/:centreId/check-ins',
      {
        schema: {
          tags: ['hall'],
          summary: 'Check a booking in (by reference or QR content, or by CPR) and issue its ticket',
          description:
            'Receptionist session or kiosk token of the centre. 201 with a new ticket; 200 with the same ticket and `alreadyCheckedIn: true` when the booking was checked in before. Outside the check-in window: 409 CHECK_IN_TOO_EARLY / CHECK_IN_TOO_LATE with `window` and `walkInAvailable`.',
          params: CentreParams,
          body: CheckInCreate,
          security: desk,
          response: { 200: CheckInResult, 201: CheckInResult, ...problems },
        },
      },
      async (req, reply) => {
        const result = await entrance.checkIn(req.actor, req.params.centreId, req.body);
        return reply.code(result.status).send(result.body);
      },
    );
    app.post(
      '/centres/:centreId/walk-ins',
      {
        schema: {
          tags: ['hall'],
          summary: 'Issue a ticket without an appointment, while the day’s walk-in capacity lasts',
          description:
            'With an Idempotency-Key (kept 24 h per desk or kiosk), a retry gets the ticket already issued.',
          params: CentreParams,
          headers: IdempotencyHeaders,
          body: WalkInCreate,
          security: desk,
          response: { 201: IssuedTicket, ...problems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await entrance.issueWalkIn(req.actor, req.params.centreId, req.body, {
            idempotencyKey: req.headers['idempotency-key'],
            language: requestLanguage(req.headers['accept-language']),
          }),
        ),
    );

    app.get(
      '/counters',
      {
        schema: {
          tags: ['hall'],
          summary: 'The counters of the centres the signed-in agent works for, and which are open',
          security: session,
          response: { 200: CounterChoiceList, ...problems },
        },
      },
      async (req) => counters.listCounters(req.actor),
    );
    app.get(
      '/counters/:counterId/console',
      {
        schema: {
          tags: ['hall'],
          summary:
            'A counter: its session, current ticket with its appointment, and its queues in call order',
          params: CounterParams,
          security: session,
          response: { 200: CounterConsole, ...problems },
        },
      },
      async (req) => counters.getConsole(req.actor, req.params.counterId),
    );
    for (const [path, summary, run] of [
      ['open', 'Open the counter (starts a counter session)', counters.openCounter],
      ['close', 'Close the counter (ends the session)', counters.closeCounter],
    ] as const) {
      app.post(
        `/counters/:counterId/${path}`,
        {
          schema: {
            tags: ['hall'],
            summary,
            params: CounterParams,
            security: session,
            response: { 200: CounterConsole, ...problems },
          },
        },
        async (req) => run(req.actor, req.params.counterId),
      );
    }
    app.post(
      '/counters/:counterId/call-next',
      {
        schema: {
          tags: ['hall'],
          summary: 'Call the next ticket by the call policy; `ticket: null` when nobody waits',
          params: CounterParams,
          security: session,
          response: { 200: CallNextResult, ...problems },
        },
      },
      async (req) => counters.callNext(req.actor, req.params.counterId),
    );
    for (const [path, summary, run] of [
      ['recall', 'Announce the called ticket again', counters.recall],
      ['start', 'The person is at the counter: service starts', counters.start],
      ['no-show', 'The called person did not come', counters.markNoShow],
      ['return', 'Put a ticket called by mistake back in the queue, in its place', counters.putBack],
    ] as const) {
      app.post(
        `/counters/:counterId/tickets/:ticketId/${path}`,
        {
          schema: {
            tags: ['hall'],
            summary,
            params: CounterTicketParams,
            security: session,
            response: { 200: StaffTicket, ...problems },
          },
        },
        async (req) => run(req.actor, req.params.counterId, req.params.ticketId),
      );
    }
    app.post(
      '/counters/:counterId/tickets/:ticketId/finish',
      {
        schema: {
          tags: ['hall'],
          summary:
            'Service done; the answer carries the visit’s one-use feedback link for the counter’s tablet',
          params: CounterTicketParams,
          security: session,
          response: { 200: FinishedTicket, ...problems },
        },
      },
      async (req) => counters.finish(req.actor, req.params.counterId, req.params.ticketId),
    );
    app.post(
      '/counters/:counterId/tickets/:ticketId/transfer',
      {
        schema: {
          tags: ['hall'],
          summary: 'Send the person to another service’s queue, keeping their place by first arrival',
          params: CounterTicketParams,
          body: TransferCreate,
          security: session,
          response: { 200: StaffTicket, ...problems },
        },
      },
      async (req) =>
        counters.transfer(req.actor, req.params.counterId, req.params.ticketId, req.body.serviceId),
    );
    app.post(
      '/counters/:counterId/tickets/:ticketId/notes',
      {
        schema: {
          tags: ['hall'],
          summary: 'A short note on the ticket’s customer (kept with the customer file, never in logs)',
          params: CounterTicketParams,
          body: NoteCreate,
          security: session,
          response: { 201: NoteCreated, ...problems },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await counters.addNote(req.actor, req.params.counterId, req.params.ticketId, req.body.text)),
    );

    app.get(
      '/counters/:counterId/tickets/:ticketId/consents',
      {
        schema: {
          tags: ['hall'],
          summary: 'The consents of the person being served (SMS reminders, e-mail, feedback invitations)',
          params: CounterTicketParams,
          security: session,
          response: { 200: OwnConsents, ...problems },
        },
      },
      async (req) => counters.consentsAtCounter(req.actor, req.params.counterId, req.params.ticketId),
    );
    app.post(
      '/counters/:counterId/tickets/:ticketId/consents',
      {
        schema: {
          tags: ['hall'],
          summary: 'Record the served person’s answer on one consent (through the counter channel, audited)',
          params: CounterTicketParams,
          body: OwnConsentSet,
          security: session,
          response: { 200: OwnConsents, ...problems },
        },
      },
      async (req) =>
        counters.setConsentAtCounter(req.actor, req.params.counterId, req.params.ticketId, req.body),
    );

    app.get(
      '/centres/:centreId/hall',
      {
        config: { apiScope: 'hall:read' },
        schema: {
          tags: ['hall'],
          summary: 'The hall now: waiting per service and recent calls (no personal data)',
          params: CentreParams,
          response: { 200: HallSnapshot, 404: Problem },
        },
      },
      async (req) => live.snapshot(req.actor, req.params.centreId),
    );
    app.get(
      '/centres/:centreId/events',
      {
        config: { apiScope: 'hall:read' },
        schema: {
          tags: ['hall'],
          summary: 'Server-sent events of the hall: snapshot, call, recall, waiting (no personal data)',
          description:
            'text/event-stream. On connect: a `snapshot` event, or with `Last-Event-ID` the events missed since (a snapshot when too many). Then `call` / `recall` `{ number, serviceId, counter: { number, name } }` and `waiting` `{ waitingNow, services }`, each with an `id`; a comment line every 15 s keeps the connection alive.',
          params: CentreParams,
        },
      },
      async (req, reply) =>
        streamHallEvents(live, req.params.centreId, req, reply, { heartbeatMs: options.heartbeatMs }),
    );
    app.get(
      '/hall/waiting',
      {
        config: { apiScope: 'hall:read' },
        schema: {
          tags: ['hall'],
          summary: 'People waiting now, per centre',
          response: { 200: CentreWaiting },
        },
      },
      async (req) => ({
        items: [...(await live.waitingByCentre()).entries()]
          // A partner's hall:read key sees the centres it was given.
          .filter(([centreId]) => req.actor.kind !== 'api_key' || req.actor.centreIds.includes(centreId))
          .map(([centreId, waitingNow]) => ({ centreId, waitingNow })),
      }),
    );
    app.get(
      '/tickets/:token',
      {
        schema: {
          tags: ['hall'],
          summary: 'A live ticket: position, people ahead, estimated wait, the counter once called',
          description: `Poll every \`pollSeconds\` while waiting, or listen to the centre's events and ask again on each.`,
          params: LiveTicketParams,
          response: { 200: LiveTicket, 400: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return live.liveTicket(req.params.token);
      },
    );
  };
}
