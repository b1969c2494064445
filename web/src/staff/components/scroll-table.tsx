import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls inside its own region on a narrow screen (never the page), reachable by
 * keyboard, with its column headings.
 */
export function ScrollTable({
  label,
  minWidth,
  columns,
  testId,
  striped,
  children,
}: {
  label: string;
  minWidth: number;
  columns: string[];
  testId?: string;
  striped?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      <Table data-testid={testId} striped={striped}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
