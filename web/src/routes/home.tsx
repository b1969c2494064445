import { Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title';
import { RouterAnchor, RouterButton } from '../components/router-link';
import { CentreList } from '../features/catalogue/centre-list';
import { useServices } from '../features/catalogue/use-catalogue';
import { useLanguage } from '../i18n/i18n';
import { rootRoute } from './root';

const CENTRES_HEADING_ID = 'centres-heading';
const SERVICES_HEADING_ID = 'services-heading';

function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const services = useServices();
  usePageTitle(t('home.heading'));
  return (
    <Stack gap="xl">
      <Stack gap="md" align="flex-start">
        <Title order={1}>{t('home.heading')}</Title>
        <Text size="lg" maw="42rem">
          {t('home.intro')}
        </Text>
        <Group gap="md">
          <RouterButton to="/book/service" size="lg" data-testid="start">
            {t('home.start')}
          </RouterButton>
          <RouterButton to="/manage" size="lg" variant="outline">
            {t('footer.manage')}
          </RouterButton>
        </Group>
      </Stack>
      <Stack component="section" gap="xs" aria-labelledby="how-heading">
        <Title order={2} id="how-heading">
          {t('home.howHeading')}
        </Title>
        <List type="ordered" spacing="xs">
          <List.Item>{t('home.how1')}</List.Item>
          <List.Item>{t('home.how2')}</List.Item>
          <List.Item>{t('home.how3')}</List.Item>
          <List.Item>{t('home.how4')}</List.Item>
        </List>
      </Stack>
      <Stack component="section" gap="md" aria-labelledby={SERVICES_HEADING_ID}>
        <Title order={2} id={SERVICES_HEADING_ID}>
          {t('home.servicesHeading')}
        </Title>
        <SimpleGrid
          component="ul"
          cols={{ base: 1, sm: 2, lg: 3 }}
          spacing="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-labelledby={SERVICES_HEADING_ID}
        >
          {(services.data ?? []).map((s) => (
            <Card component="li" key={s.id} withBorder padding="md">
              <RouterAnchor to="/services/$serviceId" params={{ serviceId: s.id }} fw={700}>
                {s.name[language]}
              </RouterAnchor>
              <Text size="sm" mt={4}>
                {s.description[language]}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
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
