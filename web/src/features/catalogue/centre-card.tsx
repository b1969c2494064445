import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Centre, CentreDetail, Service } from '../../api/catalogue';
import { Ltr } from '../../components/ltr';
import { RouterAnchor } from '../../components/router-link';
import { useLanguage } from '../../i18n/i18n';
import { mapLink } from '../../lib/maps';
import { zoneName } from '../../lib/time-zone';
import { useWaitingNow } from '../hall/use-waiting-now';
import { hoursNow } from './hours';
import { HoursText } from './hours-text';

/** One centre: name, address, today's hours and whether it is open now, phone, services, map. */
export function CentreCard({
  centre,
  services,
}: {
  centre: Centre | CentreDetail;
  services?: Map<string, Service>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { today, isOpen } = hoursNow(centre);
  const waiting = useWaitingNow().data?.get(centre.id) ?? centre.waitingNow;
  const offered = services ? centre.services.flatMap((id) => services.get(id) ?? []) : [];
  return (
    <Card component="li" withBorder radius="md" padding="lg" data-testid="centre-card">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h4">
            <RouterAnchor to="/centres/$centreId" params={{ centreId: centre.id }} underline="hover">
              {centre.name[language]}
            </RouterAnchor>
          </Title>
          <Badge color={isOpen ? 'teal.9' : 'gray.8'} variant="filled" data-testid="open-now">
            {isOpen ? t('hours.openNow') : t('hours.closedNow')}
          </Badge>
        </Group>
        <Text>
          <span>{t('centres.address')}: </span>
          {centre.address[language]}
        </Text>
        <Text>
          <span>{t('hours.today')}: </span>
          <HoursText hours={today} />{' '}
          <Text span size="sm" c="dimmed">
            ({zoneName(centre.timeZone, language)})
          </Text>
        </Text>
        {isOpen && waiting !== undefined && (
          <Text data-testid="waiting-now">
            <span>{t('hall.waitingNow')}: </span>
            <Ltr>{waiting}</Ltr>
          </Text>
        )}
        <Text>
          <span>{t('centres.phone')}: </span>
          <Anchor href={`tel:${centre.phone.replace(/[^\d+]/g, '')}`}>
            <Ltr>{centre.phone}</Ltr>
          </Anchor>
        </Text>
        {offered.length > 0 && (
          <Text>
            <span>{t('centres.services')}: </span>
            {offered.map((s) => s.name[language]).join(t('list.separator'))}
          </Text>
        )}
        <Anchor href={mapLink(centre.location)} target="_blank" rel="noopener noreferrer">
          {t('centres.map', { name: centre.name[language] })}
        </Anchor>
      </Stack>
    </Card>
  );
}
