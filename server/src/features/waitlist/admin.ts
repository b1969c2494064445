import type { WaitlistOfferHistory, WaitlistSummary } from '@mawaeed/core/contracts/waitlist';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { formatInZone, todayIn } from '@mawaeed/core/time/local';
import type { Db } from '../../db/client';
import { type Actor, CENTRE_ADMINS, isAdministrator, requireStaff } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { CatalogueService } from '../catalogue/service';
import * as repo from './repository';

const country = BAHRAIN;

/** Yesterday in UTC: no zone is more than a day behind, so an entry whose range ended before it is over everywhere. */
function yesterdayOf(now: Date) {
  return todayIn('UTC', new Date(now.getTime() - 86_400_000));
}

/**
 * What staff see of the waitlist: its length per service, how many freed seats it refilled and
 * how fast, and the offers made (masked mobile, never the CPR or name). Centre managers see the
 * refills and offers of their own centres.
 */
export function createWaitlistAdmin(deps: { db: Db; clock: Clock; catalogue: CatalogueService }) {
  const { db, clock, catalogue } = deps;
  const yesterday = () => yesterdayOf(clock.now());

  async function summary(actor: Actor, query: { serviceId?: string | undefined }): Promise<WaitlistSummary> {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const centreIds = isAdministrator(staff) ? null : staff.centreIds;
    const [active, refills] = await Promise.all([
      repo.countActiveByService(db, yesterday()),
      repo.refillByService(db, centreIds),
    ]);
    const ids = new Set([...active.map((a) => a.serviceId), ...refills.map((r) => r.serviceId)]);
    const items = [...ids]
      .filter((id) => !query.serviceId || id === query.serviceId)
      .sort()
      .map((serviceId) => {
        const a = active.find((x) => x.serviceId === serviceId);
        const r = refills.find((x) => x.serviceId === serviceId);
        return {
          serviceId,
          waiting: a?.waiting ?? 0,
          offered: a?.offered ?? 0,
          filledFromWaitlist: r?.filled ?? 0,
          medianMinutesToRebook:
            r?.median === null || r?.median === undefined ? null : Math.round(Number(r.median) * 10) / 10,
        };
      });
    return { items };
  }

  async function offers(
    actor: Actor,
    query: { serviceId?: string | undefined; limit?: number | undefined },
  ): Promise<WaitlistOfferHistory> {
    const staff = requireStaff(actor, { roles: CENTRE_ADMINS });
    const rows = await repo.listOffers(db, {
      serviceId: query.serviceId,
      centreIds: isAdministrator(staff) ? null : staff.centreIds,
      limit: query.limit ?? 100,
    });
    const zones = new Map<string, string>();
    for (const r of rows)
      if (!zones.has(r.centreId)) zones.set(r.centreId, await catalogue.findCentreZone(r.centreId));
    return {
      items: rows.map((r) => ({
        id: r.hold.id,
        entryId: r.hold.entryId ?? '',
        serviceId: r.serviceId,
        centreId: r.centreId,
        start: formatInZone(r.hold.startsAt, zones.get(r.centreId) ?? 'UTC'),
        status:
          r.hold.status === 'active'
            ? 'offered'
            : (r.hold.status as WaitlistOfferHistory['items'][number]['status']),
        offeredAt: r.hold.createdAt.toISOString(),
        expiresAt: r.hold.expiresAt.toISOString(),
        decidedAt: r.hold.decidedAt?.toISOString() ?? null,
        bookingReference: r.bookingReference,
        mobileMasked: country.maskMobile(r.mobile),
      })),
    };
  }

  return { summary, offers };
}
export type WaitlistAdmin = ReturnType<typeof createWaitlistAdmin>;
