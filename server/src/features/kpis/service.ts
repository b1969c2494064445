import type { KpiQuery, KpiReport } from '@mawaeed/core/contracts/integrations';
import { noShowRate } from '@mawaeed/core/kpi/formulas';
import type { Db } from '../../db/client';
import { type Actor, CENTRE_ADMINS, requireStaffOrKey } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import * as repo from './repository';

/**
 * The KPIs that bookings alone answer (no-show rate and the counts behind it), per centre and
 * period; the hall's figures (waiting time, compliance) join when tickets exist. Formulas live
 * in core/src/kpi/formulas.ts.
 */
export function createKpis(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function bookingKpis(query: KpiQuery): Promise<KpiReport> {
    const rows = await repo.countBookings(db, { ...query, now: clock.now() });
    return {
      from: query.from,
      to: query.to,
      items: rows.map((r) => ({
        ...r,
        noShows: Math.max(0, r.due - r.checkedIn),
        noShowRate: noShowRate(r.due, r.checkedIn),
      })),
    };
  }

  /** Partner keys with kpis:read see every centre; staff the centres they run. */
  async function readKpis(actor: Actor, query: KpiQuery) {
    const caller = requireStaffOrKey(actor, {
      roles: CENTRE_ADMINS,
      ...(query.centreId ? { centreId: query.centreId } : {}),
    });
    const report = await bookingKpis(query);
    if (caller.kind === 'staff' && caller.role !== 'administrator') {
      return { ...report, items: report.items.filter((r) => caller.centreIds.includes(r.centreId)) };
    }
    return report;
  }

  return { bookingKpis, readKpis };
}
export type Kpis = ReturnType<typeof createKpis>;
