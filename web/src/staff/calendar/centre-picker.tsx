import { Checkbox, Stack } from '@mantine/core';
import { type Control, Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';

/**
 * Which centres a change applies to: this centre always, and any others the person runs, so the
 * ministry can standardise hours, a special period or a closure across a group in one step.
 */
export function CentrePicker({
  id,
  centreId,
  value,
  onChange,
}: {
  id: string;
  centreId: string;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const centres = useAdminCentres();
  const others = (centres.data?.items ?? []).filter((c) => c.id !== centreId);
  if (others.length === 0) return null;
  return (
    <Checkbox.Group
      id={id}
      label={t('calendar.alsoApply')}
      description={t('calendar.alsoApplyHint')}
      value={value}
      onChange={onChange}
    >
      <Stack gap="xs" mt="xs">
        {others.map((c) => (
          <Checkbox key={c.id} value={c.id} label={c.name[language]} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** The picker as the `alsoCentreIds` field of a form. */
export function CentrePickerField<T extends { alsoCentreIds: string[] }>({
  control,
  centreId,
}: {
  control: Control<T>;
  centreId: string;
}) {
  return (
    <Controller
      // react-hook-form cannot narrow a generic form's paths; T is known to hold this field.
      control={control as unknown as Control<{ alsoCentreIds: string[] }>}
      name="alsoCentreIds"
      render={({ field }) => (
        <CentrePicker id="alsoCentreIds" centreId={centreId} value={field.value} onChange={field.onChange} />
      )}
    />
  );
}
