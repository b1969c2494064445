import { Problem } from '@mawaeed/core/contracts/common';
import { StaffCreate, StaffList, StaffParams, StaffUpdate, StaffView } from '@mawaeed/core/contracts/staff';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { StaffAdmin } from './service';

const security = [{ session: [] }];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function staffRoutes(staff: StaffAdmin): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/staff',
      {
        schema: {
          tags: ['admin'],
          summary: 'Staff the caller may manage',
          security,
          response: { 200: StaffList, ...problems },
        },
      },
      async (req) => staff.listStaff(req.actor),
    );
    app.post(
      '/staff',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a staff member',
          body: StaffCreate,
          security,
          response: { 201: StaffView, ...problems },
        },
      },
      async (req, reply) => reply.code(201).send(await staff.createStaff(req.actor, req.body)),
    );
    app.patch(
      '/staff/:staffId',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Change, disable or re-enable a staff member (ends their sessions when their reach changes)',
          params: StaffParams,
          body: StaffUpdate,
          security,
          response: { 200: StaffView, ...problems },
        },
      },
      async (req) => staff.updateStaff(req.actor, req.params.staffId, req.body),
    );
  };
}
