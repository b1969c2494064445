import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import type { StaffRole, StaffView } from '@mawaeed/core/contracts/staff';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useLanguage } from '../../i18n/i18n';
import { useCreateAccount, useUpdateAccount } from '../api/people';
import { useStaff } from '../api/use-staff';
import { applyProblem, fieldErrorList } from '../form';

type Values = { name: string; email: string; role: StaffRole; centreIds: string[]; password: string };

const ALL_ROLES: readonly StaffRole[] = ['administrator', 'centre_manager', 'counter_agent', 'receptionist'];
/** What a centre manager may hand out (the server's rule: agents and receptionists of their centres). */
const MANAGER_ROLES: readonly StaffRole[] = ['counter_agent', 'receptionist'];

/**
 * A new account, or changes to one (`account`): name, role, the centres of a scoped role and a
 * password. Only what changed is sent, so saving your own name never touches your own role.
 */
export function AccountForm({
  account,
  centres,
  onDone,
  onCancel,
}: {
  account?: StaffView;
  centres: AdminCentre[];
  onDone: (saved: StaffView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const me = useStaff();
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: {
      name: account?.name ?? '',
      email: account?.email ?? '',
      role: account?.role ?? 'counter_agent',
      centreIds: account?.centreIds ?? [],
      password: '',
    },
  });
  const role = form.watch('role');
  const scoped = role !== 'administrator';
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'name', message: problem }, ...errors] : errors;
  const roles = me.role === 'administrator' ? ALL_ROLES : MANAGER_ROLES;
  const required = { required: t('shell.form.required') };
  const password = {
    validate: (v: string) => (account && v === '') || v.length >= 12 || t('people.accounts.passwordShort'),
  };
  const mapping = {
    codes: { ALREADY_EXISTS: { field: 'email' as const, message: t('people.accounts.emailTaken') } },
  };

  const submit = form.handleSubmit((v) => {
    setProblem(null);
    const centreIds = scoped ? v.centreIds : [];
    const onError = (err: unknown) => setProblem(applyProblem(err, form, t, mapping));
    if (!account) {
      create.mutate(
        { name: v.name.trim(), email: v.email.trim(), role: v.role, centreIds, password: v.password },
        { onSuccess: onDone, onError },
      );
      return;
    }
    const sameCentres = [...centreIds].sort().join() === [...account.centreIds].sort().join();
    update.mutate(
      {
        id: account.id,
        body: {
          ...(v.name.trim() !== account.name ? { name: v.name.trim() } : {}),
          ...(v.role !== account.role ? { role: v.role } : {}),
          ...(sameCentres ? {} : { centreIds }),
          ...(v.password ? { password: v.password } : {}),
        },
      },
      { onSuccess: onDone, onError },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={560}>
        <ErrorSummary errors={summary} />
        <TextInput
          id="name"
          label={t('people.accounts.name')}
          autoComplete="off"
          error={form.formState.errors.name?.message}
          {...form.register('name', required)}
        />
        {!account && (
          <TextInput
            id="email"
            type="email"
            dir="ltr"
            label={t('people.accounts.email')}
            autoComplete="off"
            error={form.formState.errors.email?.message}
            {...form.register('email', required)}
          />
        )}
        <NativeSelect
          id="role"
          label={t('people.accounts.role')}
          data={roles.map((r) => ({ value: r, label: t(`shell.role.${r}`) }))}
          {...form.register('role')}
        />
        {scoped && (
          <Controller
            control={form.control}
            name="centreIds"
            rules={{ validate: (ids) => ids.length > 0 || t('people.accounts.centresRequired') }}
            render={({ field, fieldState }) => (
              <Fieldset legend={t('people.accounts.centres')}>
                <Stack gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('people.accounts.centresHint')}
                  </Text>
                  {centres.map((c, index) => (
                    <Checkbox
                      key={c.id}
                      id={index === 0 ? 'centreIds' : `centreIds-${c.id}`}
                      label={c.name[language]}
                      checked={field.value.includes(c.id)}
                      onChange={(e) =>
                        field.onChange(
                          e.currentTarget.checked
                            ? [...field.value, c.id]
                            : field.value.filter((id) => id !== c.id),
                        )
                      }
                    />
                  ))}
                  {fieldState.error?.message && (
                    <Text size="sm" c="red.8">
                      {fieldState.error.message}
                    </Text>
                  )}
                </Stack>
              </Fieldset>
            )}
          />
        )}
        <PasswordInput
          id="password"
          label={account ? t('people.accounts.newPassword') : t('people.accounts.password')}
          description={t('people.accounts.passwordHint')}
          autoComplete="new-password"
          error={form.formState.errors.password?.message}
          {...form.register('password', password)}
        />
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {account ? t('people.accounts.save') : t('people.accounts.create')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('people.accounts.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
