import type { KpiDirection } from './formulas';

/**
 * The KPIs of the self-assessment scorecard, which way is better for each, and the target a
 * fresh installation starts with (administrators change them). Rates are fractions, times minutes.
 */
export const SCORECARD = {
  appointmentCompliance: { direction: 'higher_is_better', target: 0.9 },
  waitMedian: { direction: 'lower_is_better', target: 15 },
  waitP90: { direction: 'lower_is_better', target: 30 },
  noShowRate: { direction: 'lower_is_better', target: 0.1 },
  utilisation: { direction: 'higher_is_better', target: 0.7 },
  performance: { direction: 'higher_is_better', target: 4 },
  organisation: { direction: 'higher_is_better', target: 4 },
  quality: { direction: 'higher_is_better', target: 4 },
  csat: { direction: 'higher_is_better', target: 0.8 },
} as const satisfies Record<string, { direction: KpiDirection; target: number }>;

export type ScorecardKpi = keyof typeof SCORECARD;
export const SCORECARD_KPIS = Object.keys(SCORECARD) as ScorecardKpi[];
