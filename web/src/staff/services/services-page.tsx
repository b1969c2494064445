import { Badge, Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor, RouterButton } from '../../components/router-link';
import { useLanguage } from '../../i18n/i18n';
import { useServiceList } from '../api/services';
import { useStaff } from '../api/use-staff';
import { ScrollTable } from '../components/scroll-table';

/** The ministry's catalogue of services: every one, withdrawn ones included. */
export function ServicesPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const services = useServiceList();
  // Managers may read the catalogue (their offerings use it); only administrators change it.
  const isAdministrator = useStaff().role === 'administrator';
  usePageTitle(t('services.list.title'));
  return (
    <>
      <Group justify="space-between">
        <Title order={1}>{t('services.list.title')}</Title>
        {isAdministrator && <RouterButton to="/staff/services/new">{t('services.list.add')}</RouterButton>}
      </Group>
      {!services.data ? (
        <Loading query={services} />
      ) : services.data.items.length === 0 ? (
        <Text>{t('services.list.none')}</Text>
      ) : (
        <ScrollTable
          label={t('services.list.title')}
          minWidth={600}
          testId="services-table"
          columns={[
            t('services.fields.letter'),
            t('services.list.name'),
            t('services.list.code'),
            t('services.list.duration'),
            t('services.list.walkIns'),
            t('services.list.status'),
          ]}
        >
          {services.data.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Ltr>{s.letter}</Ltr>
              </Table.Td>
              <Table.Td>
                <RouterAnchor to="/staff/services/$serviceId" params={{ serviceId: s.id }}>
                  {s.name[language]}
                </RouterAnchor>
              </Table.Td>
              <Table.Td>
                <Ltr>{s.code}</Ltr>
              </Table.Td>
              <Table.Td>{t('services.list.minutes', { count: s.durationMinutes })}</Table.Td>
              <Table.Td>{s.walkIns ? t('services.list.yes') : t('services.list.no')}</Table.Td>
              <Table.Td>
                {s.active ? (
                  t('services.list.active')
                ) : (
                  <Badge color="gray" variant="outline">
                    {t('services.list.withdrawn')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </>
  );
}
