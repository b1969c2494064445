import type { DashboardKpis } from '@mawaeed/core/contracts/dashboard';
import { WEEKDAYS } from '@mawaeed/core/time/local';
import { useTranslation } from 'react-i18next';
import { Figure } from './figure';
import classes from './figure.module.css';

type Cell = DashboardKpis['waitHeatMap'][number];
const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The heat map of waiting: weekdays down, hours of call across, each cell's median wait written
 * in it and shaded by it. It is a real table (row and column headers), so it reads in order to a
 * screen reader and mirrors itself in Arabic; the table view lists the same cells one per row.
 */
export function WaitHeatMap({
  cells,
  nf,
  filename,
}: {
  cells: Cell[];
  nf: (v: number | null) => string;
  filename: string;
}) {
  const { t } = useTranslation('staff');
  const dayName = (day: string) => t(`centres.hours.days.${day}` as 'centres.hours.days.sun');
  const hours = cells.map((c) => c.hour);
  const from = Math.min(...hours);
  const columns = Array.from({ length: Math.max(...hours) - from + 1 }, (_, i) => from + i);
  const days = WEEKDAYS.filter((d) => cells.some((c) => c.weekday === d));
  const worst = Math.max(1, ...cells.map((c) => c.waitMedian ?? 0));
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const chart = (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keyboards can scroll it
    <section className={classes.scroll} tabIndex={0} aria-label={t('dashboard.heatMap')}>
      <table className={classes.heat} data-testid="heat-map-grid">
        <thead>
          <tr>
            <td />
            {columns.map((h) => (
              <th key={h} scope="col">
                {hourLabel(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day}>
              <th scope="row">{dayName(day)}</th>
              {columns.map((h) => {
                const cell = at.get(`${day}:${h}`);
                const share = cell?.waitMedian === null || !cell ? 0 : cell.waitMedian / worst;
                return (
                  <td
                    key={h}
                    className={classes.heatCell}
                    style={{ ['--heat' as string]: `${Math.round(share * 70)}%` }}
                  >
                    {cell ? nf(cell.waitMedian) : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <Figure
      title={t('dashboard.heatMap')}
      testId="dashboard-heat-map"
      filename={filename}
      chart={chart}
      columns={[
        { label: t('dashboard.weekday') },
        { label: t('dashboard.hour') },
        { label: t('dashboard.kpi.visits') },
        { label: t('dashboard.kpi.waitMedian') },
      ]}
      rows={cells.map((c) => [dayName(c.weekday), hourLabel(c.hour), c.visits, nf(c.waitMedian)])}
    />
  );
}
