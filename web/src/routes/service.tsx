import { Button, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../components/back-link';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';
import { RouterAnchor } from '../components/router-link';
import { resetAnswers, updateAnswers } from '../features/booking/wizard-store';
import { EarliestFreeText } from '../features/catalogue/earliest-free';
import { useAvailabilities, useServices } from '../features/catalogue/use-catalogue';
import { useCentres } from '../features/catalogue/use-centres';
import { useLanguage } from '../i18n/i18n';

/** One service: what it is, what to bring, and where it is offered with each centre's earliest free day. */
export function ServicePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { serviceId } = useParams({ strict: false }) as { serviceId: string };
  const services = useServices();
  const centres = useCentres();
  const service = services.data?.find((s) => s.id === serviceId);
  const offering = (centres.data ?? []).filter((c) => c.services.includes(serviceId));
  const availabilities = useAvailabilities(offering, serviceId);
  usePageTitle(service?.name[language] ?? t('home.servicesHeading'));
  if (!services.data) return <Loading query={services} />;
  if (!service) {
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>{t('notFound.heading')}</Title>
        <RouterAnchor to="/">{t('notFound.home')}</RouterAnchor>
      </Stack>
    );
  }
  const book = (centreId?: string) => {
    resetAnswers();
    updateAnswers({ serviceId: service.id, centreId });
    void navigate({ to: centreId ? '/book/date' : '/book/centre' });
  };
  return (
    <Stack gap="xl">
      <BackLink to="/">{t('notFound.home')}</BackLink>
      <Stack gap="xs">
        <Title order={1}>{service.name[language]}</Title>
        <Text size="lg">{service.description[language]}</Text>
        <Text>{t('service.duration', { minutes: service.durationMinutes })}</Text>
        <div>
          <Button size="md" onClick={() => book()} data-testid="book-service">
            {t('service.book')}
          </Button>
        </div>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="bring">
        <Title order={2} id="bring">
          {t('confirmation.documents')}
        </Title>
        <List>
          {service.documents[language].map((d) => (
            <List.Item key={d}>{d}</List.Item>
          ))}
        </List>
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="where">
        <Title order={2} id="where">
          {t('service.where')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {offering.map((c, i) => (
            <Card component="li" key={c.id} withBorder padding="lg" data-testid="service-centre">
              <Stack gap="xs">
                <Title order={3} size="h4">
                  <RouterAnchor to="/centres/$centreId" params={{ centreId: c.id }}>
                    {c.name[language]}
                  </RouterAnchor>
                </Title>
                <Text size="sm">{c.address[language]}</Text>
                <Text>
                  <EarliestFreeText query={availabilities[i]} timeZone={c.timeZone} />
                </Text>
                <div>
                  <Button variant="outline" onClick={() => book(c.id)}>
                    {t('service.bookAt', { centre: c.name[language] })}
                  </Button>
                </div>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
