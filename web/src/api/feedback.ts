import type { FeedbackAnswer, FeedbackInvitation } from '@mawaeed/core/contracts/feedback';
import { getJson, postJson } from './http';

export type Invitation = FeedbackInvitation;

/** The token is the link's own capability, like the live ticket's: it names a visit, not a person. */
export const fetchInvitation = (token: string, signal?: AbortSignal) =>
  getJson<Invitation>(`/api/v1/feedback/${encodeURIComponent(token)}`, signal ? { signal } : {});

export const sendFeedback = (token: string, answer: FeedbackAnswer) =>
  postJson<{ received: true }>(`/api/v1/feedback/${encodeURIComponent(token)}`, answer);
