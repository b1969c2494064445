import { Anchor, Badge, Button, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { BackLink } from '../components/back-link';
import { Loading } from '../components/loading';
import { Ltr } from '../components/ltr';
import { usePageTitle } from '../components/page-title';
import { RouterAnchor } from '../components/router-link';
import { resetAnswers, updateAnswers } from '../features/booking/wizard-store';
import { hoursNow, weekAhead } from '../features/catalogue/hours';
import { HoursText } from '../features/catalogue/hours-text';
import { useCentre, useServices } from '../features/catalogue/use-catalogue';
import { useLanguage } from '../i18n/i18n';
import { formatDate } from '../lib/format';
import { directionsLink, mapLink } from '../lib/maps';
import { zoneName } from '../lib/time-zone';
import { NotFoundPage } from './not-found';

/** One centre: this week's hours, coming closures and holidays, services with documents, contact. */
export function CentrePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { centreId } = useParams({ strict: false }) as { centreId: string };
  const centre = useCentre(centreId);
  const services = useServices();
  usePageTitle(centre.data?.name[language] ?? t('centres.title'));
  if (centre.error instanceof ApiError && (centre.error.status === 404 || centre.error.status === 400))
    return <NotFoundPage />;
  if (!centre.data) return <Loading query={centre} />;
  const c = centre.data;
  const { isOpen, date: today } = hoursNow(c);
  const offered = (services.data ?? []).filter((s) => c.services.includes(s.id));
  const closures = c.closures.filter((x) => x.date >= today).slice(0, 10);
  return (
    <Stack gap="xl">
      <BackLink to="/centres">{t('centres.title')}</BackLink>
      <Stack gap="xs">
        <Title order={1}>{c.name[language]}</Title>
        <Text>{c.address[language]}</Text>
        <Text>
          {t('centres.phone')}:{' '}
          <Anchor href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>
            <Ltr>{c.phone}</Ltr>
          </Anchor>
        </Text>
        <Anchor href={mapLink(c.location)} target="_blank" rel="noopener noreferrer">
          {t('centres.map', { name: c.name[language] })}
        </Anchor>
        <Anchor href={directionsLink(c.location)} target="_blank" rel="noopener noreferrer">
          {t('centre.directions')}
        </Anchor>
        <div>
          <Badge color={isOpen ? 'teal.9' : 'gray.8'} variant="filled">
            {isOpen ? t('hours.openNow') : t('hours.closedNow')}
          </Badge>
        </div>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="week-hours">
        <Title order={2} id="week-hours">
          {t('centre.week')}
        </Title>
        <Text size="sm">{t('centre.timesIn', { zone: zoneName(c.timeZone, language) })}</Text>
        <Table withTableBorder striped data-testid="week-hours">
          <Table.Tbody>
            {weekAhead(c).map(({ date, hours }) => (
              <Table.Tr key={date}>
                <Table.Th scope="row">{formatDate(date, language)}</Table.Th>
                <Table.Td>
                  <HoursText hours={hours} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="closures">
        <Title order={2} id="closures">
          {t('centre.closures')}
        </Title>
        {closures.length === 0 ? (
          <Text>{t('centre.noClosures')}</Text>
        ) : (
          <List data-testid="closures">
            {closures.map((x) => (
              <List.Item key={x.date}>
                {formatDate(x.date, language)}: {x.name[language]}
                {x.openHours?.length ? ` (${t('centre.halfDay')})` : ''}
                {x.provisional && ` — ${t('centre.provisional')}`}
              </List.Item>
            ))}
          </List>
        )}
        {c.specialPeriods
          .filter((p) => p.to >= today)
          .map((p) => (
            <Text key={p.from}>
              {t('centre.period', {
                name: p.name[language],
                from: formatDate(p.from, language),
                to: formatDate(p.to, language),
              })}
              {p.provisional && ` — ${t('centre.provisional')}`}
            </Text>
          ))}
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="services">
        <Title order={2} id="services">
          {t('centres.services')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {offered.map((s) => (
            <Card component="li" key={s.id} withBorder padding="lg">
              <Stack gap="xs">
                <Title order={3} size="h4">
                  <RouterAnchor to="/services/$serviceId" params={{ serviceId: s.id }}>
                    {s.name[language]}
                  </RouterAnchor>
                </Title>
                <Text size="sm">{t('confirmation.documents')}:</Text>
                <List size="sm">
                  {s.documents[language].map((d) => (
                    <List.Item key={d}>{d}</List.Item>
                  ))}
                </List>
                <div>
                  <Button
                    variant="outline"
                    onClick={() => {
                      resetAnswers();
                      updateAnswers({ serviceId: s.id, centreId: c.id });
                      void navigate({ to: '/book/date' });
                    }}
                  >
                    {t('centre.bookHere', { service: s.name[language] })}
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
