import { Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import {
  WEBHOOK_EVENTS,
  type WebhookEventType,
  type WebhookView,
} from '@mawaeed/core/contracts/integrations';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { Ltr } from '../../components/ltr';
import {
  useCreateWebhook,
  useDeliveries,
  useResendDelivery,
  useUpdateWebhook,
  useWebhooks,
} from '../api/integrations';
import { ScrollTable } from '../components/scroll-table';
import { applyProblem, fieldErrorList } from '../form';
import { CodeBadges } from './parts';
import { ShownOnce } from './shown-once';
import { When } from './when';

const EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
type Values = { name: string; url: string; events: WebhookEventType[] };

/** Webhook endpoints: registered with their events, the signing secret shown once, turned off and on. */
export function WebhooksSection() {
  const { t } = useTranslation('staff');
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [open, setOpen] = useState<WebhookView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { name: '', url: '', events: [] } });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'name', message: problem }, ...errors] : errors;

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      const hook = await create.mutateAsync({ name: v.name.trim(), url: v.url.trim(), events: v.events });
      setCreated({ name: hook.name, secret: hook.secret });
      form.reset();
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });

  return (
    <Stack gap="md">
      <Title order={2}>{t('integrations.hooks.title')}</Title>
      <Text>{t('integrations.hooks.intro')}</Text>
      {created && (
        <ShownOnce
          title={t('integrations.hooks.created', { name: created.name })}
          value={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      {hooks.data && hooks.data.items.length === 0 && <Text>{t('integrations.hooks.none')}</Text>}
      {hooks.data && hooks.data.items.length > 0 && (
        <ScrollTable
          label={t('integrations.hooks.title')}
          minWidth={720}
          testId="webhooks"
          columns={[
            t('integrations.hooks.name'),
            t('integrations.hooks.url'),
            t('integrations.hooks.events'),
            t('integrations.status'),
            t('integrations.actions'),
          ]}
        >
          {hooks.data.items.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{h.name}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>
                <Ltr>{h.url}</Ltr>
              </Table.Td>
              <Table.Td>
                <CodeBadges values={h.events} />
              </Table.Td>
              <Table.Td>
                {h.enabled ? (
                  <Text>{t('integrations.hooks.on')}</Text>
                ) : (
                  <Text c="red.9">
                    {t('integrations.hooks.off')}
                    {h.disabledAt &&
                      ` — ${
                        h.consecutiveFailures > 0
                          ? t('integrations.hooks.offFailing', { count: h.consecutiveFailures })
                          : t('integrations.hooks.offByAdmin')
                      }`}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="compact-md"
                    variant="outline"
                    onClick={() => setOpen(h)}
                    aria-label={t('integrations.hooks.deliveriesOf', { name: h.name })}
                  >
                    {t('integrations.hooks.deliveries')}
                  </Button>
                  <Button
                    size="compact-md"
                    variant="subtle"
                    loading={update.isPending && update.variables?.id === h.id}
                    onClick={() => update.mutate({ id: h.id, body: { enabled: !h.enabled } })}
                    aria-label={t(
                      h.enabled ? 'integrations.hooks.disableOne' : 'integrations.hooks.enableOne',
                      {
                        name: h.name,
                      },
                    )}
                  >
                    {h.enabled ? t('integrations.hooks.disable') : t('integrations.hooks.enable')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {open && <Deliveries hook={open} onClose={() => setOpen(null)} />}

      <Title order={3}>{t('integrations.hooks.add')}</Title>
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={560}>
          <TextInput
            id="name"
            label={t('integrations.hooks.name')}
            error={form.formState.errors.name?.message}
            {...form.register('name', { required: t('shell.form.required') })}
          />
          <TextInput
            id="url"
            dir="ltr"
            type="url"
            label={t('integrations.hooks.url')}
            description={t('integrations.hooks.urlHint')}
            error={form.formState.errors.url?.message}
            {...form.register('url', {
              required: t('shell.form.required'),
              pattern: { value: /^https?:\/\/\S+$/i, message: t('integrations.hooks.urlInvalid') },
            })}
          />
          <Controller
            control={form.control}
            name="events"
            rules={{ validate: (v) => v.length > 0 || t('integrations.hooks.eventRequired') }}
            render={({ field, fieldState }) => (
              <Checkbox.Group
                id="events"
                label={t('integrations.hooks.events')}
                error={fieldState.error?.message}
                value={field.value}
                onChange={(v) => field.onChange(v as WebhookEventType[])}
              >
                <Stack gap="xs" mt="xs">
                  {EVENT_TYPES.map((e) => (
                    <Checkbox key={e} value={e} label={<Ltr>{e}</Ltr>} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('integrations.hooks.create')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/** One endpoint's recent deliveries, every attempt with its answer, each one sendable again. */
function Deliveries({ hook, onClose }: { hook: WebhookView; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const deliveries = useDeliveries(hook.id);
  const resend = useResendDelivery();
  return (
    <Stack gap="sm" data-testid="deliveries">
      <Group justify="space-between">
        <Title order={3}>{t('integrations.hooks.deliveriesOf', { name: hook.name })}</Title>
        <Group gap="xs">
          <Button variant="subtle" onClick={() => void deliveries.refetch()}>
            {t('integrations.hooks.refresh')}
          </Button>
          <Button variant="subtle" onClick={onClose}>
            {t('integrations.hooks.close')}
          </Button>
        </Group>
      </Group>
      {deliveries.data && deliveries.data.items.length === 0 && (
        <Text>{t('integrations.hooks.noDeliveries')}</Text>
      )}
      {deliveries.data && deliveries.data.items.length > 0 && (
        <ScrollTable
          label={t('integrations.hooks.deliveriesOf', { name: hook.name })}
          minWidth={720}
          columns={[
            t('integrations.hooks.event'),
            t('integrations.hooks.when'),
            t('integrations.status'),
            t('integrations.hooks.attempts'),
            t('integrations.actions'),
          ]}
        >
          {deliveries.data.items.map((d) => (
            <Table.Tr key={d.id} data-status={d.status}>
              <Table.Td>
                <Ltr>{d.eventType}</Ltr>
              </Table.Td>
              <Table.Td>
                <When at={d.createdAt} never="" />
              </Table.Td>
              <Table.Td>{t(`integrations.delivery.${d.status}`)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {d.attempts.map((a) => (
                    <Text key={a.at} size="sm">
                      <When at={a.at} never="" /> ·{' '}
                      <Ltr>{a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? '')}</Ltr>
                      {a.responseSnippet && (
                        <>
                          {' '}
                          · <Ltr>{a.responseSnippet.slice(0, 120)}</Ltr>
                        </>
                      )}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-md"
                  variant="outline"
                  loading={resend.isPending && resend.variables === d.id}
                  onClick={() => resend.mutate(d.id, { onSuccess: () => void deliveries.refetch() })}
                >
                  {t('integrations.hooks.resend')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}
