import {
  AdminClosureList,
  AdminCounter,
  AdminCounterList,
  AdminSpecialPeriodList,
  CentreFilter,
  ClosureCreate,
  ClosureParams,
  CounterInput,
  CounterParams,
  CounterUpdate,
  DecisionQuery,
  PeriodParams,
  SpecialPeriodCreate,
} from '@mawaeed/core/contracts/admin';
import { CentreParams } from '@mawaeed/core/contracts/catalogue';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarAdmin } from './calendar';
import type { CounterAdmin } from './counters';
import { problems, security } from './routes';

const tags = ['admin'];

export function calendarRoutes(calendar: CalendarAdmin, counters: CounterAdmin): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/special-periods',
      {
        schema: {
          tags,
          summary: 'Current and coming special periods',
          querystring: CentreFilter,
          security,
          response: { 200: AdminSpecialPeriodList, ...problems },
        },
      },
      async (req) => calendar.listPeriods(req.actor, req.query.centreId),
    );
    app.post(
      '/special-periods',
      {
        schema: {
          tags,
          summary:
            'Special hours (Ramadan) for a group of centres; hours that strand bookings need `onAffected`',
          body: SpecialPeriodCreate,
          security,
          response: { 201: AdminSpecialPeriodList, ...problems },
        },
      },
      async (req, reply) => reply.code(201).send(await calendar.createPeriods(req.actor, req.body)),
    );
    app.delete(
      '/special-periods/:periodId',
      {
        schema: {
          tags,
          summary: 'Remove a special period',
          params: PeriodParams,
          querystring: DecisionQuery,
          security,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await calendar.deletePeriod(req.actor, req.params.periodId, req.query.onAffected);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/closures',
      {
        schema: {
          tags,
          summary: 'Coming holidays and closures',
          querystring: CentreFilter,
          security,
          response: { 200: AdminClosureList, ...problems },
        },
      },
      async (req) => calendar.listClosures(req.actor, req.query.centreId),
    );
    app.post(
      '/closures',
      {
        schema: {
          tags,
          summary:
            'A national holiday (centreIds null) or a closure of a group of centres; stranded bookings need `onAffected`',
          body: ClosureCreate,
          security,
          response: { 201: AdminClosureList, ...problems },
        },
      },
      async (req, reply) => reply.code(201).send(await calendar.createClosures(req.actor, req.body)),
    );
    app.delete(
      '/closures/:closureId',
      {
        schema: {
          tags,
          summary: 'Remove a holiday or closure',
          params: ClosureParams,
          security,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        await calendar.deleteClosure(req.actor, req.params.closureId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/centres/:centreId/counters',
      {
        schema: {
          tags,
          summary: 'A centre’s counters',
          params: CentreParams,
          security,
          response: { 200: AdminCounterList, ...problems },
        },
      },
      async (req) => counters.listCounters(req.actor, req.params.centreId),
    );
    app.post(
      '/centres/:centreId/counters',
      {
        schema: {
          tags,
          summary: 'Add a counter',
          params: CentreParams,
          body: CounterInput,
          security,
          response: { 201: AdminCounter, ...problems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await counters.createCounter(req.actor, req.params.centreId, req.body)),
    );
    app.patch(
      '/counters/:counterId',
      {
        schema: {
          tags,
          summary: 'Change a counter',
          params: CounterParams,
          body: CounterUpdate,
          security,
          response: { 200: AdminCounter, ...problems },
        },
      },
      async (req) => counters.updateCounter(req.actor, req.params.counterId, req.body),
    );
  };
}
