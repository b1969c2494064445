import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title';
import { RouterAnchor } from '../components/router-link';

/** Anything that broke while showing a page: say so plainly, and offer a way on. */
export function ErrorPage() {
  const { t } = useTranslation();
  usePageTitle(t('errorPage.heading'));
  return (
    <Stack gap="md" align="flex-start">
      <Title order={1}>{t('errorPage.heading')}</Title>
      <Text>{t('errorPage.body')}</Text>
      <Anchor href={window.location.href}>{t('errorPage.retry')}</Anchor>
      <RouterAnchor to="/">{t('notFound.home')}</RouterAnchor>
    </Stack>
  );
}
