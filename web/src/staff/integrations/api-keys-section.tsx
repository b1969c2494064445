import { Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { API_SCOPES, type ApiKeyView, type ApiScope } from '@mawaeed/core/contracts/integrations';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { Ltr } from '../../components/ltr';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/integrations';
import { normaliseDigits } from '../centres/time-input';
import { ScrollTable } from '../components/scroll-table';
import { applyProblem, fieldErrorList } from '../form';
import { CodeBadges } from './parts';
import { ShownOnce } from './shown-once';
import { When } from './when';

type Values = { name: string; scopes: ApiScope[]; centreIds: string[]; rateLimitPerMinute: string };

/** Partner API keys: made with scopes, shown once, listed by prefix, revoked at once. */
export function ApiKeysSection() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const keys = useApiKeys();
  const centres = useAdminCentres();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: { name: '', scopes: [], centreIds: [], rateLimitPerMinute: '600' },
  });
  const scopes = form.watch('scopes');
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'name', message: problem }, ...errors] : errors;

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      const key = await create.mutateAsync({
        name: v.name.trim(),
        scopes: v.scopes,
        centreIds: v.scopes.includes('hall:read') ? v.centreIds : [],
        rateLimitPerMinute: Number(normaliseDigits(v.rateLimitPerMinute)),
      });
      setCreated({ name: key.name, key: key.key });
      form.reset();
    } catch (err) {
      setProblem(
        applyProblem(err, form, t, {
          codes: { ALREADY_EXISTS: { field: 'name', message: t('integrations.keys.nameTaken') } },
        }),
      );
    }
  });

  return (
    <Stack gap="md">
      <Title order={2}>{t('integrations.keys.title')}</Title>
      <Text>{t('integrations.keys.intro')}</Text>
      {created && (
        <ShownOnce
          title={t('integrations.keys.created', { name: created.name })}
          value={created.key}
          onDone={() => setCreated(null)}
        />
      )}
      {keys.data && keys.data.items.length === 0 && <Text>{t('integrations.keys.none')}</Text>}
      {keys.data && keys.data.items.length > 0 && (
        <ScrollTable
          label={t('integrations.keys.title')}
          minWidth={640}
          testId="api-keys"
          columns={[
            t('integrations.keys.name'),
            t('integrations.keys.prefix'),
            t('integrations.keys.scopes'),
            t('integrations.keys.lastUsed'),
            t('integrations.status'),
          ]}
        >
          {keys.data.items.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{k.name}</Table.Td>
              <Table.Td>
                <Ltr>{k.prefix}…</Ltr>
              </Table.Td>
              <Table.Td>
                <CodeBadges values={k.scopes} />
              </Table.Td>
              <Table.Td>
                <When at={k.lastUsedAt} never={t('integrations.keys.neverUsed')} />
              </Table.Td>
              <Table.Td>
                {k.revokedAt ? (
                  <Text c="red.9">{t('integrations.keys.revoked')}</Text>
                ) : (
                  <Button
                    variant="outline"
                    color="red"
                    size="compact-md"
                    onClick={() => setRevoking(k)}
                    aria-label={t('integrations.keys.revokeOne', { name: k.name })}
                  >
                    {t('integrations.keys.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}

      <Title order={3}>{t('integrations.keys.add')}</Title>
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={560}>
          <TextInput
            id="name"
            label={t('integrations.keys.name')}
            error={form.formState.errors.name?.message}
            {...form.register('name', { required: t('shell.form.required') })}
          />
          <Controller
            control={form.control}
            name="scopes"
            rules={{ validate: (v) => v.length > 0 || t('integrations.keys.scopeRequired') }}
            render={({ field, fieldState }) => (
              <Checkbox.Group
                id="scopes"
                label={t('integrations.keys.scopes')}
                error={fieldState.error?.message}
                value={field.value}
                onChange={(v) => field.onChange(v as ApiScope[])}
              >
                <Stack gap="xs" mt="xs">
                  {API_SCOPES.map((s) => (
                    <Checkbox
                      key={s}
                      value={s}
                      label={
                        <>
                          <Ltr>{s}</Ltr> —{' '}
                          {t(`integrations.scope.${s.replace(':', '_')}` as 'integrations.scope.hall_read')}
                        </>
                      }
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          />
          {scopes.includes('hall:read') && (
            <Controller
              control={form.control}
              name="centreIds"
              rules={{ validate: (v) => v.length > 0 || t('integrations.keys.centresRequired') }}
              render={({ field, fieldState }) => (
                <Checkbox.Group
                  id="centreIds"
                  label={t('integrations.keys.centres')}
                  error={fieldState.error?.message}
                  value={field.value}
                  onChange={field.onChange}
                >
                  <Stack gap="xs" mt="xs">
                    {(centres.data?.items ?? []).map((c) => (
                      <Checkbox key={c.id} value={c.id} label={c.name[language]} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            />
          )}
          <TextInput
            id="rateLimitPerMinute"
            dir="ltr"
            inputMode="numeric"
            label={t('integrations.keys.rate')}
            error={form.formState.errors.rateLimitPerMinute?.message}
            {...form.register('rateLimitPerMinute', {
              validate: (v) => {
                const n = Number(normaliseDigits(v));
                return (Number.isInteger(n) && n >= 1 && n <= 100_000) || t('shell.form.number');
              },
            })}
          />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('integrations.keys.create')}
          </Button>
        </Stack>
      </form>

      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('integrations.keys.confirmTitle', { name: revoking?.name ?? '' })}
      >
        <Stack gap="md">
          <Text>{t('integrations.keys.confirm')}</Text>
          <Group>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={async () => {
                if (revoking) await revoke.mutateAsync(revoking.id).catch(() => undefined);
                setRevoking(null);
              }}
            >
              {t('integrations.keys.revoke')}
            </Button>
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('shell.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
