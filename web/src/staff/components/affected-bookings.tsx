import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import type { AffectedBooking, OnAffected } from '@mawaeed/core/contracts/admin';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../components/ltr';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { formatShortDate, formatTime, localDateOf } from '../../lib/format';
import { StaffApiError } from '../api/http';
import { ScrollTable } from './scroll-table';

type Pending = { bookings: AffectedBooking[]; decide: (choice: OnAffected | null) => void };

export type AffectedGuard = {
  /**
   * Sends a change; when it would strand bookings (409 BOOKINGS_AFFECTED) asks the admin what to
   * do with them and sends it again with their choice. Resolves with the answer, or `undefined`
   * when they chose not to change anything; other failures reject as they came.
   */
  send: <R>(change: (onAffected?: OnAffected) => Promise<R>) => Promise<R | undefined>;
  dialog: ReactNode;
};

function affectedOf(error: unknown): AffectedBooking[] | null {
  if (!(error instanceof StaffApiError) || error.code !== 'BOOKINGS_AFFECTED') return null;
  const bookings = error.problem.bookings;
  return Array.isArray(bookings) ? (bookings as AffectedBooking[]) : [];
}

/** The "bookings affected" decision, for any admin change the overbooking guard can refuse. */
export function useAffectedBookings(timeZone: string): AffectedGuard {
  const [pending, setPending] = useState<Pending | null>(null);
  const [sending, setSending] = useState(false);

  const send = useCallback(async <R,>(change: (onAffected?: OnAffected) => Promise<R>) => {
    try {
      return await change();
    } catch (error) {
      const bookings = affectedOf(error);
      if (!bookings) throw error;
      const choice = await new Promise<OnAffected | null>((decide) => setPending({ bookings, decide }));
      if (!choice) {
        setPending(null);
        return undefined;
      }
      setSending(true);
      try {
        return await change(choice);
      } finally {
        setSending(false);
        setPending(null);
      }
    }
  }, []);

  const dialog = (
    <AffectedBookingsDialog
      bookings={pending?.bookings ?? null}
      timeZone={timeZone}
      sending={sending}
      onDecide={(choice) => pending?.decide(choice)}
    />
  );
  return { send, dialog };
}

function AffectedBookingsDialog({
  bookings,
  timeZone,
  sending,
  onDecide,
}: {
  bookings: AffectedBooking[] | null;
  timeZone: string;
  sending: boolean;
  onDecide: (choice: OnAffected | null) => void;
}) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const list = bookings ?? [];
  return (
    <Modal
      opened={bookings !== null}
      onClose={() => !sending && onDecide(null)}
      title={t('shell.affected.title')}
      size="lg"
      data-testid="affected-dialog"
    >
      <Stack gap="md">
        <Text>{t('shell.affected.intro', { count: list.length })}</Text>
        <ScrollTable
          label={t('shell.affected.title')}
          minWidth={360}
          striped
          columns={[t('shell.affected.reference'), t('shell.affected.when'), t('shell.affected.status')]}
        >
          {list.map((b) => (
            <Table.Tr key={b.reference}>
              <Table.Td>
                <Ltr>{formatReference(b.reference)}</Ltr>
              </Table.Td>
              <Table.Td>
                {formatShortDate(localDateOf(b.start, timeZone), language)}{' '}
                <TimeText>{formatTime(b.start, timeZone, language)}</TimeText>
              </Table.Td>
              <Table.Td>
                {t(`shell.status.${b.status}` as 'shell.status.confirmed', { defaultValue: b.status })}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
        <Stack gap="xs">
          <Button color="red" loading={sending} onClick={() => onDecide('cancel')}>
            {t('shell.affected.cancel')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('shell.affected.cancelHint')}
          </Text>
          <Button variant="outline" loading={sending} onClick={() => onDecide('keep')}>
            {t('shell.affected.keep')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('shell.affected.keepHint')}
          </Text>
          <Group>
            <Button variant="subtle" disabled={sending} onClick={() => onDecide(null)}>
              {t('shell.affected.abort')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Modal>
  );
}
