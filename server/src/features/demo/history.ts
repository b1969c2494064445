import { randomBytes } from 'node:crypto';
import { makeReference } from '@mawaeed/core/booking/reference';
import { generateHistory, type HistoryOffering, seededRandom } from '@mawaeed/core/history/generate';
import { addDays, todayIn } from '@mawaeed/core/time/local';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  bookings,
  centres,
  customers,
  feedback,
  feedbackInvitations,
  offerings,
  services,
} from '../../db/schema';
import { tickets } from '../../db/schema-hall';
import type { Clock } from '../../lib/clock';
import type { PersonalData } from '../../lib/personal-data';

const CHUNK = 400;

/**
 * The demo's past: `days` days before today of bookings, served tickets with their history,
 * no-shows and feedback, from the core generator, so the dashboard and the transparency page
 * move from the first start. Written once, on the start that loads the demo catalogue.
 */
export async function seedDemoHistory(
  deps: { db: Db; clock: Clock; personalData: PersonalData },
  options: { days?: number; visitsPerDay?: number } = {},
) {
  const { db, clock, personalData } = deps;
  const rows = await db
    .select({
      offeringId: offerings.id,
      centreId: centres.id,
      serviceId: services.id,
      letter: services.letter,
      durationMinutes: services.durationMinutes,
      zone: centres.timeZone,
      weeklyHours: centres.weeklyHours,
    })
    .from(offerings)
    .innerJoin(centres, eq(centres.id, offerings.centreId))
    .innerJoin(services, eq(services.id, offerings.serviceId));
  const first = rows[0];
  if (!first) return { visits: 0 };
  const offeringOf = new Map(rows.map((r) => [`${r.centreId}:${r.serviceId}`, r.offeringId]));
  const today = todayIn(first.zone, clock.now());
  const random = seededRandom(7);
  // A small cast of demo people (made-up CPRs, sealed like any other).
  const people = await db
    .insert(customers)
    .values(
      Array.from({ length: 40 }, (_, i) => {
        const cpr = `9${String(10_000_000 + i * 7919).slice(0, 8)}`;
        return {
          cprHash: personalData.lookupHash(cpr),
          cprCipher: personalData.encrypt(cpr),
          name: `Demo visitor ${i + 1}`,
          mobile: `+9733${String(6_000_000 + i).padStart(7, '0')}`,
          language: i % 3 === 0 ? ('en' as const) : ('ar' as const),
        };
      }),
    )
    .onConflictDoNothing()
    .returning({
      id: customers.id,
      name: customers.name,
      mobile: customers.mobile,
      language: customers.language,
    });
  if (people.length === 0) return { visits: 0 };

  const offeringsIn: HistoryOffering[] = rows.map((r) => ({ ...r, counterIds: [] }));
  const batch = {
    bookings: [] as (typeof bookings.$inferInsert)[],
    tickets: [] as (typeof tickets.$inferInsert)[],
  };
  const history: {
    ticketId: string;
    centreId: string;
    event: string;
    fromStatus: string | null;
    toStatus: string;
    actorKind: string;
    at: Date;
  }[] = [];
  /** Each demo booking's own history, as the booking code would have written it (invariants hold). */
  const bookingLines: {
    bookingId: string;
    event: string;
    fromStatus: string | null;
    toStatus: string;
    startsAt: Date;
    at: Date;
  }[] = [];
  const ratings: {
    ticketId: string;
    visit: { centreId: string; serviceId: string };
    rating: NonNullable<Parameters<typeof toFeedback>[0]>;
    at: Date;
    wait: number;
    customerId: string | null;
    language: 'en' | 'ar';
  }[] = [];
  let visits = 0;
  for (const v of generateHistory({
    offerings: offeringsIn,
    from: addDays(today, -(options.days ?? 90)),
    to: addDays(today, -1),
    visitsPerDay: options.visitsPerDay ?? 5,
  })) {
    visits++;
    const person = v.booking ? people[Math.floor(random() * people.length)] : undefined;
    const bookingId = v.booking ? crypto.randomUUID() : null;
    if (v.booking && person && bookingId) {
      batch.bookings.push({
        id: bookingId,
        reference: makeReference((n) => randomBytes(n)),
        centreId: v.centreId,
        serviceId: v.serviceId,
        offeringId: offeringOf.get(`${v.centreId}:${v.serviceId}`) as string,
        customerId: person.id,
        status: v.booking.status,
        startsAt: v.booking.startsAt,
        endsAt: v.booking.endsAt,
        channel: 'demo',
        contactName: person.name,
        contactMobile: person.mobile,
        language: person.language,
        createdAt: new Date(v.booking.startsAt.getTime() - 5 * 86_400_000),
      });
    }
    if (v.booking && bookingId) {
      const b = v.booking;
      const line = (event: string, fromStatus: string | null, toStatus: string, at: Date) =>
        bookingLines.push({ bookingId, event, fromStatus, toStatus, startsAt: b.startsAt, at });
      const created = new Date(b.startsAt.getTime() - 5 * 86_400_000);
      line('book', null, 'confirmed', created);
      if (b.status === 'cancelled')
        line('cancel', 'confirmed', 'cancelled', new Date(created.getTime() + 86_400_000));
      if (b.status === 'no_show')
        line('mark_no_show', 'confirmed', 'no_show', new Date(b.endsAt.getTime() + 6 * 3_600_000));
      if (b.status === 'served') {
        line('check_in', 'confirmed', 'checked_in', v.ticket?.queuedAt ?? b.startsAt);
        line('serve', 'checked_in', 'served', v.ticket?.finishedAt ?? b.endsAt);
      }
    }
    if (!v.ticket) continue;
    const ticketId = crypto.randomUUID();
    batch.tickets.push({
      id: ticketId,
      centreId: v.centreId,
      serviceId: v.serviceId,
      day: v.day,
      letter: v.number.slice(0, 1),
      sequence: v.sequence,
      number: v.number,
      bookingId,
      customerId: person?.id ?? null,
      kind: v.kind,
      status: 'served',
      appointmentAt: v.ticket.appointmentAt,
      issuedAt: v.ticket.queuedAt,
      queuedAt: v.ticket.queuedAt,
      calledAt: v.ticket.calledAt,
      startedAt: v.ticket.startedAt,
      finishedAt: v.ticket.finishedAt,
      counterId: v.ticket.counterId,
    });
    const line = (event: string, fromStatus: string | null, toStatus: string, at: Date) =>
      history.push({ ticketId, centreId: v.centreId, event, fromStatus, toStatus, actorKind: 'system', at });
    line('issue', null, 'waiting', v.ticket.queuedAt);
    line('call', 'waiting', 'called', v.ticket.calledAt);
    line('start', 'called', 'serving', v.ticket.startedAt);
    line('finish', 'serving', 'served', v.ticket.finishedAt);
    if (v.rating) {
      const from = v.ticket.appointmentAt
        ? Math.max(v.ticket.appointmentAt.getTime(), v.ticket.queuedAt.getTime())
        : v.ticket.queuedAt.getTime();
      ratings.push({
        ticketId,
        visit: v,
        rating: v.rating,
        at: v.ticket.finishedAt,
        wait: (v.ticket.calledAt.getTime() - from) / 60_000,
        customerId: person?.id ?? null,
        language: person?.language ?? 'ar',
      });
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < batch.bookings.length; i += CHUNK)
      await tx.insert(bookings).values(batch.bookings.slice(i, i + CHUNK));
    for (let i = 0; i < batch.tickets.length; i += CHUNK)
      await tx.insert(tickets).values(batch.tickets.slice(i, i + CHUNK));
    // The bulk of the rows: one JSON parameter per statement is far quicker on PGlite than
    // thousands of bound parameters.
    await tx.execute(
      sql`INSERT INTO ticket_history (ticket_id, centre_id, event, from_status, to_status, actor_kind, at)
          SELECT "ticketId", "centreId", event, "fromStatus", "toStatus", "actorKind", at
          FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb)
            AS x("ticketId" uuid, "centreId" uuid, event text, "fromStatus" text, "toStatus" text, "actorKind" text, at timestamptz)`,
    );
    await tx.execute(
      sql`INSERT INTO booking_history (booking_id, event, from_status, to_status, starts_at, actor, at)
          SELECT "bookingId", event, "fromStatus", "toStatus", "startsAt", 'system:demo', at
          FROM jsonb_to_recordset(${JSON.stringify(bookingLines)}::jsonb)
            AS x("bookingId" uuid, event text, "fromStatus" text, "toStatus" text, "startsAt" timestamptz, at timestamptz)`,
    );
    for (let i = 0; i < ratings.length; i += CHUNK) {
      const part = ratings.slice(i, i + CHUNK);
      const invitations = await tx
        .insert(feedbackInvitations)
        .values(
          part.map((r) => ({
            // Spent links: a random hash no token gives.
            tokenHash: randomBytes(32).toString('base64url'),
            ticketId: r.ticketId,
            centreId: r.visit.centreId,
            serviceId: r.visit.serviceId,
            customerId: r.customerId,
            waitingMinutes: Math.max(0, r.wait),
            language: r.language,
            visitedAt: r.at,
            expiresAt: new Date(r.at.getTime() + 7 * 86_400_000),
            usedAt: new Date(r.at.getTime() + 3_600_000),
          })),
        )
        .returning({ id: feedbackInvitations.id });
      await tx.insert(feedback).values(
        part.map((r, j) => ({
          ...toFeedback(r.rating),
          invitationId: invitations[j]?.id as string,
          centreId: r.visit.centreId,
          serviceId: r.visit.serviceId,
          customerId: r.customerId,
          waitingMinutes: Math.max(0, r.wait),
          language: r.language,
          visitedAt: r.at,
          createdAt: new Date(r.at.getTime() + 3_600_000),
        })),
      );
    }
  });
  return { visits, tickets: batch.tickets.length, bookings: batch.bookings.length, ratings: ratings.length };
}

function toFeedback(r: {
  performance: number;
  organisation: number;
  quality: number;
  comment: string | null;
}) {
  return { performance: r.performance, organisation: r.organisation, quality: r.quality, comment: r.comment };
}
