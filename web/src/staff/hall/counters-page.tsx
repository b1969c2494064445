import { Badge, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor } from '../../components/router-link';
import { useLanguage } from '../../i18n/i18n';
import { useCounters } from './api';

/** An agent picks the counter they sit at; one already open by someone else is marked. */
export function CountersPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const counters = useCounters();
  usePageTitle(t('hall.counters.title'));
  return (
    <>
      <Title order={1}>{t('hall.counters.title')}</Title>
      {!counters.data ? (
        <Loading query={counters} />
      ) : counters.data.items.length === 0 ? (
        <Text>{t('hall.counters.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {counters.data.items.map((c) => (
            <Card component="li" withBorder key={c.id} padding="md">
              <RouterAnchor
                to="/staff/counter/$counterId"
                params={{ counterId: c.id }}
                fw={700}
                fz="lg"
                data-testid={`counter-${c.number}`}
              >
                {c.name[language]}
              </RouterAnchor>
              <Text mt="xs">
                {c.openedBy === null ? (
                  <Badge color="gray.8">{t('hall.counters.closed')}</Badge>
                ) : (
                  <Badge color={c.openedBy === 'me' ? 'teal.9' : 'blue.9'}>
                    {t(c.openedBy === 'me' ? 'hall.counters.openByMe' : 'hall.counters.openByOther')}
                  </Badge>
                )}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
