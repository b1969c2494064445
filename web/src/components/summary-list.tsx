import type { ReactNode } from 'react';
import { RouterAnchor } from './router-link';
import classes from './summary-list.module.css';

export type SummaryRow = {
  key: string;
  label: string;
  value: ReactNode;
  change?: { to: string; hidden: string };
};

/** GOV.UK's summary list: each answer with a "Change" link whose hidden text names the answer. */
export function SummaryList({ rows, changeLabel }: { rows: SummaryRow[]; changeLabel?: string }) {
  return (
    <dl className={classes.list}>
      {rows.map((row) => (
        <div key={row.key} className={classes.row} data-testid={`summary-${row.key}`}>
          <dt className={classes.key}>{row.label}</dt>
          <dd className={classes.value}>{row.value}</dd>
          {row.change && changeLabel && (
            <dd className={classes.action}>
              <RouterAnchor to={row.change.to} search={{ from: 'check' } as never}>
                {changeLabel}
                <span className="visually-hidden"> {row.change.hidden}</span>
              </RouterAnchor>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
