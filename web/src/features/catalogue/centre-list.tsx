import { Alert, Button, Group, Loader, SimpleGrid, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CentreCard } from './centre-card';
import { useCentreDetails, useServices } from './use-catalogue';
import { useCentres } from './use-centres';

/** The service centres, as the catalogue lists them; `labelledBy` names the list for screen readers. */
export function CentreList({
  labelledBy,
  withDetails = false,
}: {
  labelledBy: string;
  withDetails?: boolean;
}) {
  const { t } = useTranslation();
  const centres = useCentres();
  const services = useServices();
  const details = useCentreDetails(withDetails && centres.data ? centres.data.map((c) => c.id) : []);
  const servicesById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);

  if (centres.isPending) {
    return (
      <Group gap="sm" role="status" data-testid="centres" data-state="loading">
        <Loader size="sm" aria-hidden />
        <Text>{t('centres.loading')}</Text>
      </Group>
    );
  }
  if (centres.isError) {
    return (
      <Alert color="red" title={t('centres.error')} data-testid="centres" data-state="error">
        <Button variant="outline" color="red" mt="sm" onClick={() => void centres.refetch()}>
          {t('centres.retry')}
        </Button>
      </Alert>
    );
  }
  if (centres.data.length === 0) {
    return (
      <Text data-testid="centres" data-state="empty">
        {t('centres.empty')}
      </Text>
    );
  }
  return (
    <SimpleGrid
      component="ul"
      cols={{ base: 1, sm: 2, lg: 3 }}
      spacing="md"
      aria-labelledby={labelledBy}
      data-testid="centres"
      data-state="ready"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {centres.data.map((centre, i) => (
        <CentreCard key={centre.id} centre={details[i]?.data ?? centre} services={servicesById} />
      ))}
    </SimpleGrid>
  );
}
