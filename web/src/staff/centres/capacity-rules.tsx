import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FieldValues, type Path, type UseFormReturn, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { normaliseDigits, parseTimeOfDay } from './time-input';

export type CapacityRuleValues = { from: string; to: string; capacity: string };
type WithRules = FieldValues & { capacityRules: CapacityRuleValues[] };

/** The form's rules as the API takes them (times as HH:mm, Arabic-Indic digits read). */
export function capacityRulesBody(rules: CapacityRuleValues[]) {
  return rules.map((r) => ({
    from: parseTimeOfDay(r.from) ?? r.from,
    to: parseTimeOfDay(r.to) ?? r.to,
    capacity: Number(normaliseDigits(r.capacity)),
  }));
}

/**
 * Seats per slot by time of day: between `from` and `to` a slot has this many seats instead of
 * the offering's usual number (fewer at lunch, more in the morning rush).
 */
export function CapacityRulesFields<T extends WithRules>({ form }: { form: UseFormReturn<T> }) {
  const { t } = useTranslation('staff');
  // react-hook-form's generic paths cannot see through T here; the field names are checked by WithRules.
  const f = form as unknown as UseFormReturn<WithRules>;
  const rules = useFieldArray({ control: f.control, name: 'capacityRules' });
  const errors = f.formState.errors.capacityRules;
  const input = (i: number, key: keyof CapacityRuleValues, label: string) => {
    const name = `capacityRules.${i}.${key}` as Path<WithRules>;
    return (
      <TextInput
        id={name}
        label={label}
        dir="ltr"
        inputMode="numeric"
        placeholder={key === 'capacity' ? '1' : key === 'from' ? '12:00' : '13:00'}
        w={110}
        error={errors?.[i]?.[key]?.message}
        {...f.register(name, {
          validate: (v: string) => {
            if (key === 'capacity') {
              const n = Number(normaliseDigits(v).trim());
              return (v.trim() !== '' && Number.isInteger(n) && n >= 0) || t('shell.form.number');
            }
            const time = parseTimeOfDay(v);
            if (time === null) return t('shell.form.time');
            if (key === 'to') {
              const from = parseTimeOfDay(String(f.getValues(`capacityRules.${i}.from` as Path<WithRules>)));
              if (from !== null && from >= time) return t('centres.capacity.order');
            }
            return true;
          },
        })}
      />
    );
  };
  return (
    <Fieldset legend={t('centres.capacity.title')} data-testid="capacity-rules">
      <Stack gap="xs">
        <Text size="sm">{t('centres.capacity.intro')}</Text>
        {rules.fields.length === 0 && <Text c="dimmed">{t('centres.capacity.none')}</Text>}
        {rules.fields.map((r, i) => (
          <Group key={r.id} align="flex-end" gap="sm">
            {input(i, 'from', t('centres.capacity.from'))}
            {input(i, 'to', t('centres.capacity.to'))}
            {input(i, 'capacity', t('centres.capacity.seats'))}
            <Button variant="subtle" color="red" onClick={() => rules.remove(i)}>
              {t('centres.capacity.remove')}
            </Button>
          </Group>
        ))}
        <Button
          variant="light"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => rules.append({ from: '', to: '', capacity: '' })}
        >
          {t('centres.capacity.add')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
