import { Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv, toCsv } from './csv';
import classes from './figure.module.css';

export type Column = { label: string; numeric?: boolean };

/**
 * One figure of the dashboard: a bar chart of one column and, a click away, the same numbers as a
 * table (what screen readers are offered first), with a CSV of the table. Bars grow from the
 * start edge, so the chart mirrors itself in Arabic.
 */
export function Figure({
  title,
  columns,
  rows,
  barColumn,
  chart,
  filename,
  testId,
  children,
}: {
  title: string;
  columns: Column[];
  rows: (string | number | null)[][];
  /** The column drawn as bars; without it (or `chart`) the figure is a table only. */
  barColumn?: number;
  /** A chart of its own instead of bars (the heat map). */
  chart?: ReactNode;
  filename: string;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('staff');
  const headingId = useId();
  const hasChart = barColumn !== undefined || chart !== undefined;
  const [view, setView] = useState<'chart' | 'table'>(hasChart ? 'chart' : 'table');
  const max = barColumn === undefined ? 0 : Math.max(0, ...rows.map((r) => Number(r[barColumn] ?? 0)));
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} data-testid={testId}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        <Group gap="xs" data-print="hide">
          {hasChart && (
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as 'chart' | 'table')}
              aria-label={t('dashboard.view')}
              data={[
                { value: 'chart', label: t('dashboard.chart') },
                { value: 'table', label: t('dashboard.table') },
              ]}
            />
          )}
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              downloadCsv(
                filename,
                toCsv(
                  columns.map((c) => c.label),
                  rows,
                ),
              )
            }
          >
            {t('dashboard.csv')}
          </Button>
        </Group>
      </Group>
      {children}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('dashboard.noData')}</Text>
      ) : view === 'chart' && chart !== undefined ? (
        chart
      ) : view === 'chart' && barColumn !== undefined ? (
        <ul className={classes.bars}>
          {rows.map((r) => {
            const value = Number(r[barColumn] ?? 0);
            return (
              <li key={String(r[0])} className={classes.bar}>
                <span className={classes.label}>{r[0]}</span>
                <span className={classes.track} aria-hidden>
                  <span
                    className={classes.fill}
                    style={{ inlineSize: `${max ? (value / max) * 100 : 0}%` }}
                  />
                </span>
                <span className={classes.value}>{r[barColumn] ?? '–'}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        // A wide table scrolls on a phone; the keyboard must reach it too (WCAG 2.1.1).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keyboards can scroll it
        <section className={classes.scroll} tabIndex={0} aria-labelledby={headingId}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.label} scope="col">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r[0]}|${r[1]}`}>
                  {r.map((v, i) => (
                    <Table.Td key={columns[i]?.label}>{v ?? '–'}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
    </Stack>
  );
}
