import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rescheduleBooking } from '../../api/bookings';
import { ChoiceList } from '../../components/choice-list';
import { Loading } from '../../components/loading';
import { useDayChoices } from '../../features/booking/day-choices';
import { useErrorText } from '../../features/booking/error-text';
import { TimeChoices } from '../../features/booking/time-choices';
import { LegendHeading, WizardStep } from '../../features/booking/wizard-step';
import { useAvailability } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import { refreshSavedBooking, tokenFor } from '../../features/manage/manage-token';
import { bookingQueryKey, useBooking } from '../../features/manage/use-booking';
import { useLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { zoneName } from '../../lib/time-zone';

/** Another date, then another time, for the same service and centre; the reference stays. */
export function ManageReschedulePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { reference } = useParams({ strict: false }) as { reference: string };
  const { date } = useSearch({ strict: false }) as { date?: string };
  const token = tokenFor(reference);
  const booking = useBooking(reference, token);
  const centre = useCentres().data?.find((c) => c.id === booking.data?.centreId);
  const availability = useAvailability(centre, booking.data?.serviceId);
  const choices = useDayChoices(availability.data?.days ?? []);
  const [picked, setPicked] = useState<string | undefined>(date);
  const [start, setStart] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (!token) return <Navigate to="/manage" />;
  if (!availability.data || !centre || !booking.data)
    return <Loading query={booking.isError ? booking : availability} />;
  const day = date ? availability.data.days.find((d) => d.date === date) : undefined;

  if (!day) {
    const title = t('manage.reschedule.dateTitle');
    return (
      <WizardStep
        title={title}
        back={`/manage/${reference}`}
        headingInside
        errors={error ? [{ field: 'date', message: error }] : []}
        onContinue={() => {
          if (!picked) return setError(t('book.date.required'));
          setError(undefined);
          void navigate({
            to: '/manage/$reference/reschedule',
            params: { reference },
            search: { date: picked },
          });
        }}
      >
        <ChoiceList
          id="date"
          name="date"
          legend={<LegendHeading>{title}</LegendHeading>}
          error={error}
          value={picked}
          onChange={setPicked}
          choices={choices}
        />
      </WizardStep>
    );
  }

  return (
    <WizardStep
      title={t('book.time.title')}
      back={`/manage/${reference}/reschedule`}
      errors={error ? [{ field: 'time', message: error }] : []}
      busy={busy}
      continueLabel={t('manage.reschedule.confirm')}
      onContinue={async () => {
        if (!start) return setError(t('book.time.required'));
        setBusy(true);
        try {
          const moved = await rescheduleBooking(reference, token, start);
          refreshSavedBooking(moved);
          queryClient.setQueryData(bookingQueryKey(reference), moved);
          await queryClient.invalidateQueries({ queryKey: ['availability'] });
          await navigate({
            to: '/manage/$reference',
            params: { reference },
            search: { done: 'rescheduled' },
          });
        } catch (err) {
          setStart(undefined);
          setError(errorText(err));
          await availability.refetch();
        } finally {
          setBusy(false);
        }
      }}
    >
      <Text>
        {t('book.time.context', {
          date: formatDate(day.date, language),
          centre: centre.name[language],
          zone: zoneName(centre.timeZone, language),
        })}
      </Text>
      <TimeChoices
        day={day}
        timeZone={centre.timeZone}
        value={start}
        error={error}
        onChange={(s) => {
          setError(undefined);
          setStart(s);
        }}
      />
    </WizardStep>
  );
}
