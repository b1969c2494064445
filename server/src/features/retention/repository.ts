import { and, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { devInbox, jobs, messages } from '../../db/schema';

/** Jobs that ran to the end before `before`; dead ones stay for staff to see and retry. */
export async function deleteFinishedJobs(db: Queryable, before: Date) {
  const rows = await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ['done']), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Messages delivered or skipped before `before`; pending and failed ones stay. */
export async function deleteSettledMessages(db: Queryable, before: Date) {
  const rows = await db
    .delete(messages)
    .where(and(inArray(messages.status, ['sent', 'skipped']), lt(messages.createdAt, before)))
    .returning({ id: messages.id });
  return rows.length;
}

/** What the dev transport delivered before `before`. */
export async function deleteDevDeliveries(db: Queryable, before: Date) {
  const rows = await db
    .delete(devInbox)
    .where(lt(devInbox.deliveredAt, before))
    .returning({ id: devInbox.id });
  return rows.length;
}
