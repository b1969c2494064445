import type { FastifyReply } from 'fastify';

/**
 * Sends an answer that our own typed code has already written as JSON (text or UTF-8 bytes) as
 * it is: no parse through the route's zod schema and no second JSON.stringify. For hot routes
 * whose answer is kept (the availability cache); the schema still describes the answer in the OpenAPI document,
 * and the route's tests parse answers against it. On a 31-day availability answer the parse
 * alone cost about a tenth of the request (docs/decisions/0019-booking-path.md).
 */
export function sendJsonText(reply: FastifyReply, json: string | Buffer) {
  // Fastify sends a string with a JSON content type, or a Buffer, unchanged; its typed send
  // expects the schema's object, which the text already is.
  return reply.type('application/json; charset=utf-8').send(json as never);
}
