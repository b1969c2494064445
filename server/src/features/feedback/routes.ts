import { Problem } from '@mawaeed/core/contracts/common';
import {
  FeedbackAnswer,
  FeedbackInvitation,
  FeedbackList,
  FeedbackListQuery,
  FeedbackParams,
  FeedbackThanks,
  FollowUp,
  FollowUpClose,
  FollowUpList,
  FollowUpListQuery,
  FollowUpParams,
} from '@mawaeed/core/contracts/feedback';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Feedback } from './service';

/** The public, account-less form behind a feedback link. */
export function feedbackRoutes(feedback: Feedback): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/feedback/:token',
      {
        schema: {
          tags: ['feedback'],
          summary: 'The visit a feedback link is for (404 unknown, 409 already answered, 410 expired)',
          params: FeedbackParams,
          response: { 200: FeedbackInvitation, 400: Problem, 404: Problem, 409: Problem, 410: Problem },
        },
      },
      async (req) => feedback.showInvitation(req.params.token),
    );
    app.post(
      '/feedback/:token',
      {
        config: { staffSession: false },
        schema: {
          tags: ['feedback'],
          summary: 'Rate the visit once: performance, organisation, service quality (1–5) and a comment',
          params: FeedbackParams,
          body: FeedbackAnswer,
          response: { 201: FeedbackThanks, 400: Problem, 404: Problem, 409: Problem, 410: Problem },
        },
      },
      async (req, reply) => reply.code(201).send(await feedback.answer(req.params.token, req.body)),
    );
  };
}

/** What managers (their centres) and administrators read and close. */
export function staffFeedbackRoutes(feedback: Feedback): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/feedback',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Feedback given for visits in a period of local dates, newest first',
          querystring: FeedbackListQuery,
          response: { 200: FeedbackList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req) => feedback.listFeedback(req.actor, req.query),
    );
    app.get(
      '/follow-ups',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Follow-ups opened by low ratings (2 or less on any dimension)',
          querystring: FollowUpListQuery,
          response: { 200: FollowUpList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req) => feedback.listFollowUps(req.actor, req.query),
    );
    app.post(
      '/follow-ups/:id/close',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Close a follow-up with a note of what was done',
          params: FollowUpParams,
          body: FollowUpClose,
          response: { 200: FollowUp, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
        },
      },
      async (req) => feedback.closeFollowUp(req.actor, req.params.id, req.body.note),
    );
  };
}
