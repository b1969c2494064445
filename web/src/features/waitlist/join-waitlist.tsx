import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterButton } from '../../components/router-link';

/** Where the wizard finds nothing free: the way onto the waitlist instead of refreshing the page. */
export function JoinWaitlist() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid="offer-waitlist">
      <Stack gap="sm" align="flex-start">
        <Text>{t('waitlist.offerJoin')}</Text>
        <RouterButton to="/waitlist/join" variant="outline" data-testid="join-waitlist">
          {t('waitlist.joinButton')}
        </RouterButton>
      </Stack>
    </Paper>
  );
}
