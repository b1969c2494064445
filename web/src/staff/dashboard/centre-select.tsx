import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { useStaff } from '../api/use-staff';

/**
 * The centre a dashboard view shows: the one chosen, else all (administrators) or the manager's
 * first centre. Returns the centre in force and its picker.
 */
export function useCentreChoice(
  chosen: string | undefined,
  onChange: (centreId: string | undefined) => void,
) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const staff = useStaff();
  const centres = useAdminCentres();
  const items = centres.data?.items ?? [];
  const centreId = chosen ?? (staff.role === 'administrator' ? undefined : items[0]?.id);
  const centreName = items.find((c) => c.id === centreId)?.name[language] ?? t('dashboard.allCentres');
  const picker = (
    <Select
      label={t('dashboard.centre')}
      data={[
        ...(staff.role === 'administrator' ? [{ value: '', label: t('dashboard.allCentres') }] : []),
        ...items.map((c) => ({ value: c.id, label: c.name[language] })),
      ]}
      value={centreId ?? ''}
      onChange={(v) => onChange(v || undefined)}
      allowDeselect={false}
      data-testid="dashboard-centre"
    />
  );
  return { centreId, centreName, picker };
}
