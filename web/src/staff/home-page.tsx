import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title';
import { RouterAnchor } from '../components/router-link';
import { useStaff } from './api/use-staff';
import { navFor } from './nav';

export function StaffHomePage() {
  const { t } = useTranslation('staff');
  const staff = useStaff();
  usePageTitle(t('shell.home.title'));
  return (
    <>
      <Title order={1}>{t('shell.home.title')}</Title>
      <Text>{t('shell.home.intro')}</Text>
      <ul>
        {navFor(staff.role)
          .filter((item) => item.to !== '/staff')
          .map((item) => (
            <li key={item.to}>
              <RouterAnchor to={item.to}>{t(item.labelKey)}</RouterAnchor>
            </li>
          ))}
      </ul>
    </>
  );
}
