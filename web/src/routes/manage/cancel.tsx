import { Alert, Button, Group, Text } from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelBooking } from '../../api/bookings';
import { Ltr } from '../../components/ltr';
import { RouterButton } from '../../components/router-link';
import { useErrorText } from '../../features/booking/error-text';
import { WizardStep } from '../../features/booking/wizard-step';
import { refreshSavedBooking, tokenFor } from '../../features/manage/manage-token';
import { bookingQueryKey } from '../../features/manage/use-booking';

/** "Are you sure?" before a cancellation, which frees the slot at once. */
export function ManageCancelPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { reference } = useParams({ strict: false }) as { reference: string };
  const token = tokenFor(reference);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (!token) return <Navigate to="/manage" />;
  return (
    <WizardStep
      title={t('manage.cancel.title')}
      back={`/manage/${reference}`}
      busy={busy}
      before={failure && <Alert color="red" variant="outline" role="alert" title={failure} />}
    >
      <Text>
        {t('confirmation.reference')}: <Ltr>{formatReference(reference)}</Ltr>
      </Text>
      <Text>{t('manage.cancel.body')}</Text>
      <Group gap="md">
        <Button
          color="red"
          loading={busy}
          data-testid="confirm-cancel"
          onClick={async () => {
            setBusy(true);
            try {
              const booking = await cancelBooking(reference, token);
              refreshSavedBooking(booking);
              queryClient.setQueryData(bookingQueryKey(reference), booking);
              await queryClient.invalidateQueries({ queryKey: ['availability'] });
              await navigate({
                to: '/manage/$reference',
                params: { reference },
                search: { done: 'cancelled' },
              });
            } catch (err) {
              setFailure(errorText(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('manage.cancel.confirm')}
        </Button>
        <RouterButton to="/manage/$reference" params={{ reference }} variant="subtle">
          {t('manage.cancel.keep')}
        </RouterButton>
      </Group>
    </WizardStep>
  );
}
