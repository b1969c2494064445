import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title';
import { RouterAnchor } from '../components/router-link';

/** Any address the app does not know; the server answers every page address with the app. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.heading'));
  return (
    <Stack gap="md" align="flex-start">
      <Title order={1}>{t('notFound.heading')}</Title>
      <Text>{t('notFound.body')}</Text>
      <RouterAnchor to="/">{t('notFound.home')}</RouterAnchor>
    </Stack>
  );
}
