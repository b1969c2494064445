import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentre } from '../api/centres';
import { CalendarSection } from '../calendar/calendar-section';
import { CallPolicyForm } from '../hall/call-policy-form';
import type { CentreTab } from '../routes';
import { CountersSection } from './counters-section';
import { DetailsForm } from './details-form';
import { DevicesSection } from './devices-section';
import { HoursEditor } from './hours-editor';
import { OfferingsSection } from './offerings-section';

/** One centre: details, hours, offerings, counters, devices and calendar, each a tab kept in the address (?tab=). */
export function CentrePage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const { centreId } = useParams({ strict: false }) as { centreId: string };
  const { tab = 'details' } = useSearch({ strict: false }) as { tab?: CentreTab };
  const navigate = useNavigate();
  const centre = useAdminCentre(centreId);
  usePageTitle(centre.data ? centre.data.name[language] : t('shell.loading'));
  if (!centre.data) return <Loading query={centre} />;
  const c = centre.data;
  return (
    <>
      <Title order={1}>{c.name[language]}</Title>
      <Tabs
        value={tab}
        onChange={(value) =>
          void navigate({
            to: '/staff/centres/$centreId',
            params: { centreId },
            search: { tab: value } as never,
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="details">{t('centres.tabs.details')}</Tabs.Tab>
          <Tabs.Tab value="hours">{t('centres.tabs.hours')}</Tabs.Tab>
          <Tabs.Tab value="offerings">{t('centres.tabs.offerings')}</Tabs.Tab>
          <Tabs.Tab value="counters">{t('centres.tabs.counters')}</Tabs.Tab>
          <Tabs.Tab value="devices">{t('centres.tabs.devices')}</Tabs.Tab>
          <Tabs.Tab value="calendar">{t('centres.tabs.calendar')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <DetailsForm key={c.id} centre={c} />
          <CallPolicyForm key={c.id} centre={c} />
        </Tabs.Panel>
        <Tabs.Panel value="hours" pt="md">
          <Stack gap="md">
            <Title order={2}>{t('centres.hours.title')}</Title>
            <HoursEditor key={c.id} centre={c} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="offerings" pt="md">
          <OfferingsSection centre={c} />
        </Tabs.Panel>
        <Tabs.Panel value="counters" pt="md">
          <CountersSection centre={c} />
        </Tabs.Panel>
        <Tabs.Panel value="devices" pt="md">
          <DevicesSection centre={c} />
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md">
          <CalendarSection centre={c} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
