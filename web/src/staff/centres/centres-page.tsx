import { Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor, RouterButton } from '../../components/router-link';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { useStaff } from '../api/use-staff';
import { ScrollTable } from '../components/scroll-table';

/** The centres the signed-in person runs (all of them for an administrator). */
export function CentresPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const staff = useStaff();
  const centres = useAdminCentres();
  usePageTitle(t('centres.list.title'));
  return (
    <>
      <Group justify="space-between">
        <Title order={1}>{t('centres.list.title')}</Title>
        {staff.role === 'administrator' && (
          <RouterButton to="/staff/centres/new">{t('centres.list.add')}</RouterButton>
        )}
      </Group>
      {!centres.data ? (
        <Loading query={centres} />
      ) : centres.data.items.length === 0 ? (
        <Text>{t('centres.list.none')}</Text>
      ) : (
        <ScrollTable
          label={t('centres.list.title')}
          minWidth={320}
          testId="centres-table"
          columns={[t('centres.list.name'), t('centres.list.code'), t('centres.list.timeZone')]}
        >
          {centres.data.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <RouterAnchor to="/staff/centres/$centreId" params={{ centreId: c.id }}>
                  {c.name[language]}
                </RouterAnchor>
              </Table.Td>
              <Table.Td>
                <Ltr>{c.code}</Ltr>
              </Table.Td>
              <Table.Td>
                <Ltr>{c.timeZone}</Ltr>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </>
  );
}
