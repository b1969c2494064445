/**
 * A route's response serializer that writes the handler's answer as JSON without parsing it
 * through its zod schema again, for hot routes whose answer our own typed code builds from the
 * schema's type. The schema still describes the answer in the OpenAPI document, and the route's
 * tests parse answers against it. On a 31-day availability answer the parse cost about a tenth
 * of the request (docs/decisions/0019-booking-path.md).
 */
export const trustedJson = () => (data: unknown) => JSON.stringify(data);
