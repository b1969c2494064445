import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../components/back-link';
import { usePageTitle } from '../components/page-title';
import { CentreList } from '../features/catalogue/centre-list';

export function CentresPage() {
  const { t } = useTranslation();
  usePageTitle(t('centres.title'));
  return (
    <Stack gap="lg">
      <BackLink to="/">{t('notFound.home')}</BackLink>
      <Stack gap="xs">
        <Title order={1} id="centres-title">
          {t('centres.title')}
        </Title>
        <Text>{t('centres.intro')}</Text>
      </Stack>
      <CentreList labelledBy="centres-title" withDetails />
    </Stack>
  );
}
