import { ReferenceParams } from '@mawaeed/core/contracts/bookings';
import { Problem } from '@mawaeed/core/contracts/common';
import {
  ConsentSet,
  CustomerConsents,
  CustomerErase,
  CustomerErased,
  CustomerExport,
  CustomerFile,
  CustomerFileOpen,
  CustomerNote,
  CustomerNoteCreate,
  CustomerParams,
  CustomerSearch,
  CustomerSearchResult,
  FileAccessLog,
  OwnConsentSet,
  OwnConsents,
} from '@mawaeed/core/contracts/customer-files';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DataSubjectRequests } from './data-subject';
import type { CustomerFiles } from './service';

const refused = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/**
 * Staff routes of the customer file, under /api/v1/staff/customers. Personal data (CPR, mobile,
 * reference) goes in bodies only, never in a URL, so it stays out of access logs.
 */
export function customerFileRoutes(
  files: CustomerFiles,
  requests: DataSubjectRequests,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/customers/search',
      {
        schema: {
          tags: ['customer files'],
          summary: 'Find files by exactly one of cpr, reference or mobile; CPR and mobile masked',
          body: CustomerSearch,
          response: { 200: CustomerSearchResult, ...refused },
        },
      },
      async (req) => files.search(req.actor, req.body),
    );
    app.post(
      '/customers/:customerId/open',
      {
        schema: {
          tags: ['customer files'],
          summary: 'Open a file for a reason from the list; the opening is logged with who and why',
          params: CustomerParams,
          body: CustomerFileOpen,
          response: { 200: CustomerFile, ...refused },
        },
      },
      async (req) => files.openFile(req.actor, req.params.customerId, req.body),
    );
    app.post(
      '/customers/:customerId/notes',
      {
        schema: {
          tags: ['customer files'],
          summary: 'Add a staff note to the file',
          params: CustomerParams,
          body: CustomerNoteCreate,
          response: { 201: CustomerNote, ...refused },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await files.addNote(req.actor, req.params.customerId, req.body.text)),
    );
    app.post(
      '/customers/:customerId/consents',
      {
        schema: {
          tags: ['customer files'],
          summary: 'Record a consent given or withdrawn, as the person told staff',
          params: CustomerParams,
          body: ConsentSet,
          response: { 200: CustomerConsents, ...refused },
        },
      },
      async (req) => files.setConsent(req.actor, req.params.customerId, req.body),
    );
    app.get(
      '/customers/:customerId/access-log',
      {
        schema: {
          tags: ['customer files'],
          summary: 'Who opened the file, when and why (administrators)',
          params: CustomerParams,
          response: { 200: FileAccessLog, ...refused },
        },
      },
      async (req) => files.listAccess(req.actor, req.params.customerId),
    );
    app.post(
      '/customers/:customerId/export',
      {
        schema: {
          tags: ['customer files'],
          summary: "Data-subject request: the person's whole file as a JSON download (administrators)",
          params: CustomerParams,
          response: { 200: CustomerExport, ...refused },
        },
      },
      async (req, reply) => {
        const body = await requests.exportFile(req.actor, req.params.customerId);
        return reply
          .header('content-disposition', `attachment; filename="customer-${req.params.customerId}.json"`)
          .send(body);
      },
    );
    app.post(
      '/customers/:customerId/erase',
      {
        schema: {
          tags: ['customer files'],
          summary: 'Data-subject request: anonymise the file, keeping visit facts (administrators)',
          params: CustomerParams,
          body: CustomerErase,
          response: { 200: CustomerErased, ...refused },
        },
      },
      async (req) => requests.erase(req.actor, req.params.customerId),
    );
  };
}

const ManageHeaders = z.object({ authorization: z.string().max(512).optional() });
function manageToken(req: FastifyRequest) {
  const value = req.headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
}

/** The person's own consents on the manage page, opened with the booking's manage token. */
export function ownConsentRoutes(files: CustomerFiles): FastifyPluginAsyncZod {
  return async (app) => {
    const schema = {
      tags: ['bookings'],
      params: ReferenceParams,
      headers: ManageHeaders,
      security: [{ manageToken: [] }],
    };
    app.get(
      '/bookings/:reference/consents',
      {
        schema: {
          ...schema,
          summary: 'My consents (SMS reminders, e-mail, feedback invitations); none recorded counts as given',
          response: { 200: OwnConsents, 400: Problem, 404: Problem },
        },
      },
      async (req) => files.listOwnConsents(req.params.reference, manageToken(req)),
    );
    app.post(
      '/bookings/:reference/consents',
      {
        schema: {
          ...schema,
          summary: 'Give or withdraw one of my consents (recorded through the manage channel)',
          body: OwnConsentSet,
          response: { 200: OwnConsents, 400: Problem, 404: Problem },
        },
      },
      async (req) => files.setOwnConsent(req.params.reference, manageToken(req), req.body),
    );
  };
}
