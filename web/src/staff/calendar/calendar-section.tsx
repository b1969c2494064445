import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../components/ltr';
import { useLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import {
  type Closure,
  type SpecialPeriod,
  useCalendar,
  useDeleteClosure,
  useDeletePeriod,
} from '../api/calendar';
import { StaffApiError } from '../api/http';
import { useStaff } from '../api/use-staff';
import { useAffectedBookings } from '../components/affected-bookings';
import { ScrollTable } from '../components/scroll-table';
import { ClosureForm } from './closure-form';
import { DateWithHijri } from './dates';
import { PeriodForm } from './period-form';

/** A centre's special periods (Ramadan hours) and closures, and the forms to add them. */
export function CalendarSection({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const { periods, closures } = useCalendar(centre.id);
  const guard = useAffectedBookings(centre.timeZone);
  const deletePeriod = useDeletePeriod();
  const deleteClosure = useDeleteClosure();
  const [adding, setAdding] = useState<'period' | 'closure' | null>(null);

  const [problem, setProblem] = useState<string | null>(null);
  const failed = (err: unknown) =>
    setProblem(
      err instanceof StaffApiError && err.status === 403 ? t('shell.form.forbidden') : t('shell.form.failed'),
    );
  const removePeriod = (p: SpecialPeriod) => {
    setProblem(null);
    guard
      .send((onAffected) => deletePeriod.mutateAsync({ id: p.id, ...(onAffected ? { onAffected } : {}) }))
      .catch(failed);
  };
  const removeClosure = (c: Closure) => {
    setProblem(null);
    deleteClosure.mutateAsync(c.id).catch(failed);
  };

  return (
    <Stack gap="lg">
      <Group>
        <Button
          variant={adding === 'closure' ? 'filled' : 'light'}
          onClick={() => setAdding('closure')}
          data-testid="add-closure"
        >
          {t('calendar.closures.addTitle')}
        </Button>
        <Button
          variant={adding === 'period' ? 'filled' : 'light'}
          onClick={() => setAdding('period')}
          data-testid="add-period"
        >
          {t('calendar.periods.addTitle')}
        </Button>
      </Group>
      {problem && (
        <Alert color="red" variant="outline" role="alert">
          {problem}
        </Alert>
      )}
      {/* One form at a time: both have a name and dates, and field ids must stay unique. */}
      {adding === 'closure' && <ClosureForm centre={centre} guard={guard} />}
      {adding === 'period' && <PeriodForm centre={centre} guard={guard} />}
      <Stack gap="sm">
        <Title order={2}>{t('calendar.periods.title')}</Title>
        {periods.data && periods.data.items.length === 0 && <Text>{t('calendar.periods.none')}</Text>}
        {periods.data && periods.data.items.length > 0 && (
          <PeriodsTable items={periods.data.items} onRemove={removePeriod} />
        )}
      </Stack>
      <Stack gap="sm">
        <Title order={2}>{t('calendar.closures.title')}</Title>
        {closures.data && closures.data.items.length === 0 && <Text>{t('calendar.closures.none')}</Text>}
        {closures.data && closures.data.items.length > 0 && (
          <ClosuresTable items={closures.data.items} onRemove={removeClosure} />
        )}
      </Stack>
      {guard.dialog}
    </Stack>
  );
}

function Provisional({ provisional }: { provisional: boolean }) {
  const { t } = useTranslation('staff');
  return provisional ? (
    <Badge color="yellow" variant="outline" c="dark">
      {t('calendar.provisionalBadge')}
    </Badge>
  ) : null;
}

function PeriodsTable({ items, onRemove }: { items: SpecialPeriod[]; onRemove: (p: SpecialPeriod) => void }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  return (
    <ScrollTable
      label={t('calendar.periods.title')}
      minWidth={640}
      testId="periods-table"
      columns={[
        t('calendar.name'),
        t('calendar.periods.startsOn'),
        t('calendar.periods.endsOn'),
        t('calendar.actions'),
      ]}
    >
      {items.map((p) => (
        <Table.Tr key={p.id}>
          <Table.Td>
            {p.name[language]} <Provisional provisional={p.provisional} />
          </Table.Td>
          <Table.Td>
            <DateWithHijri date={p.startsOn} />
          </Table.Td>
          <Table.Td>
            <DateWithHijri date={p.endsOn} />
          </Table.Td>
          <Table.Td>
            <RemoveButton name={p.name[language]} date={p.startsOn} onClick={() => onRemove(p)} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

function ClosuresTable({ items, onRemove }: { items: Closure[]; onRemove: (c: Closure) => void }) {
  const { t } = useTranslation('staff');
  // A national holiday is the ministry's: only an administrator may remove it.
  const isAdministrator = useStaff().role === 'administrator';
  const language = useLanguage();
  return (
    <ScrollTable
      label={t('calendar.closures.title')}
      minWidth={640}
      testId="closures-table"
      columns={[
        t('calendar.closures.date'),
        t('calendar.closures.reason'),
        t('calendar.closures.kind'),
        t('calendar.closures.hours'),
        t('calendar.actions'),
      ]}
    >
      {items.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Td>
            <DateWithHijri date={c.date} />
          </Table.Td>
          <Table.Td>
            {c.name[language]} <Provisional provisional={c.provisional} />
          </Table.Td>
          <Table.Td>
            {t(`calendar.closures.kinds.${c.kind}`)}
            {c.centreId === null && ` (${t('calendar.closures.nationalShort')})`}
          </Table.Td>
          <Table.Td>
            {c.openHours && c.openHours.length > 0
              ? c.openHours.map((h) => (
                  <Ltr key={h.open}>
                    {h.open}–{h.close}
                  </Ltr>
                ))
              : t('calendar.closures.allDay')}
          </Table.Td>
          <Table.Td>
            {(c.centreId !== null || isAdministrator) && (
              <RemoveButton name={c.name[language]} date={c.date} onClick={() => onRemove(c)} />
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

/** "Remove", read out with what and when, since every row has one. */
function RemoveButton({ name, date, onClick }: { name: string; date: string; onClick: () => void }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  return (
    <Button
      variant="outline"
      color="red"
      onClick={onClick}
      aria-label={t('calendar.removeNamed', { name, date: formatDate(date, language) })}
    >
      {t('calendar.remove')}
    </Button>
  );
}
