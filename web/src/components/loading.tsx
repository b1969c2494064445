import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A query still loading, or failed with a way to try again. */
export function Loading({ query }: { query: { isError: boolean; refetch: () => unknown } }) {
  const { t } = useTranslation();
  if (query.isError) {
    return (
      <Alert color="red" title={t('errors.load')} data-testid="load-error">
        <Button variant="outline" color="red" mt="sm" onClick={() => void query.refetch()}>
          {t('centres.retry')}
        </Button>
      </Alert>
    );
  }
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden />
      <Text>{t('common.loading')}</Text>
    </Group>
  );
}
