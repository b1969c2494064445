import { Stack, Text, Title } from '@mantine/core';
import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CentreList } from '../features/catalogue/centre-list';
import { rootRoute } from './root';

const CENTRES_HEADING_ID = 'centres-heading';

function HomePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('home.heading')}</Title>
        <Text size="lg" maw="42rem">
          {t('home.intro')}
        </Text>
      </Stack>
      <Stack component="section" gap="md" aria-labelledby={CENTRES_HEADING_ID}>
        <Title order={2} id={CENTRES_HEADING_ID}>
          {t('home.centresHeading')}
        </Title>
        <CentreList labelledBy={CENTRES_HEADING_ID} />
      </Stack>
    </Stack>
  );
}

export const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
