import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { AdminCentre } from '@mawaeed/core/contracts/admin';
import type { DeviceKind, DeviceView } from '@mawaeed/core/contracts/staff';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { useLanguage } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format';
import { useDevices, useRegisterDevice, useRevokeDevice } from '../api/centre-setup';
import { ScrollTable } from '../components/scroll-table';
import { applyProblem, fieldErrorList } from '../form';

/** The address each kind of screen opens; it asks for its token on first start. */
export const DEVICE_SCREEN_PATH: Record<DeviceKind, string> = { kiosk: '/kiosk', board: '/display' };

type Values = { kind: DeviceKind; name: string };
/** A key or address breaks anywhere rather than push the page sideways on a phone. */
const WRAP = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;
type Registered = DeviceView & { token: string };

/** Kiosks and hall boards of a centre: register one (its token shown once), see them, revoke one. */
export function DevicesSection({ centre }: { centre: AdminCentre }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const devices = useDevices(centre.id);
  const register = useRegisterDevice(centre.id);
  const revoke = useRevokeDevice(centre.id);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const [revoking, setRevoking] = useState<DeviceView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { kind: 'kiosk', name: '' } });
  const errors = fieldErrorList(form.formState.errors);
  const summary = problem ? [{ field: 'name', message: problem }, ...errors] : errors;
  const when = (instant: string | null) =>
    instant ? formatDateTime(instant, centre.timeZone, language) : t('centres.devices.never');

  const submit = form.handleSubmit(async (v) => {
    setProblem(null);
    setRegistered(null);
    try {
      setRegistered(await register.mutateAsync({ kind: v.kind, name: v.name.trim() }));
      form.reset({ kind: v.kind, name: '' });
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    }
  });

  const confirmRevoke = async () => {
    if (!revoking) return;
    setProblem(null);
    try {
      await revoke.mutateAsync(revoking.id);
    } catch (err) {
      setProblem(applyProblem(err, form, t));
    } finally {
      setRevoking(null);
    }
  };

  const list = devices.data?.items ?? [];
  // The key rides in the fragment: it never reaches a server log, and the screen keeps it and
  // clears the address at once (features/hall/device.ts).
  const screenUrl = registered
    ? `${window.location.origin}${DEVICE_SCREEN_PATH[registered.kind]}#token=${registered.token}`
    : '';
  return (
    <Stack gap="md">
      <Title order={2}>{t('centres.devices.title')}</Title>
      <Text>{t('centres.devices.intro')}</Text>
      {registered && (
        <Alert
          color="red"
          variant="outline"
          title={t('centres.devices.tokenTitle')}
          data-testid="device-token"
        >
          <Stack gap="sm">
            <Text fw={700}>{t('centres.devices.tokenOnce')}</Text>
            <Code block dir="ltr" data-testid="device-token-value" style={WRAP}>
              {registered.token}
            </Code>
            <CopyButton value={registered.token}>
              {({ copied, copy }) => (
                <Button variant="outline" onClick={copy} style={{ alignSelf: 'flex-start' }}>
                  {copied ? t('centres.devices.copied') : t('centres.devices.copy')}
                </Button>
              )}
            </CopyButton>
            <Text>{t('centres.devices.openOnDevice')}</Text>
            <Code block dir="ltr" style={WRAP}>
              {screenUrl}
            </Code>
            <Button variant="subtle" onClick={() => setRegistered(null)} style={{ alignSelf: 'flex-start' }}>
              {t('centres.devices.tokenDone')}
            </Button>
          </Stack>
        </Alert>
      )}
      {devices.data && list.length === 0 && <Text>{t('centres.devices.none')}</Text>}
      {list.length > 0 && (
        <ScrollTable
          label={t('centres.devices.title')}
          minWidth={640}
          testId="devices-table"
          columns={[
            t('centres.devices.name'),
            t('centres.devices.kind'),
            t('centres.devices.created'),
            t('centres.devices.lastSeen'),
            t('centres.devices.status'),
          ]}
        >
          {list.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.name}</Table.Td>
              <Table.Td>{t(`centres.devices.kinds.${d.kind}`)}</Table.Td>
              <Table.Td>{when(d.createdAt)}</Table.Td>
              <Table.Td>{when(d.lastSeenAt)}</Table.Td>
              <Table.Td>
                {d.revokedAt ? (
                  t('centres.devices.revokedAt', { when: when(d.revokedAt) })
                ) : (
                  <Button variant="outline" color="red" onClick={() => setRevoking(d)}>
                    {t('centres.devices.revoke', { name: d.name })}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      <Title order={3}>{t('centres.devices.addTitle')}</Title>
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={480}>
          <NativeSelect
            id="kind"
            label={t('centres.devices.kind')}
            data={[
              { value: 'kiosk', label: t('centres.devices.kinds.kiosk') },
              { value: 'board', label: t('centres.devices.kinds.board') },
            ]}
            {...form.register('kind')}
          />
          <TextInput
            id="name"
            label={t('centres.devices.name')}
            description={t('centres.devices.nameHint')}
            error={form.formState.errors.name?.message}
            {...form.register('name', {
              validate: (v) => v.trim() !== '' || t('shell.form.required'),
            })}
          />
          <Button type="submit" loading={register.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('centres.devices.register')}
          </Button>
        </Stack>
      </form>
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('centres.devices.revokeTitle', { name: revoking?.name ?? '' })}
      >
        <Stack gap="md">
          <Text>{t('centres.devices.revokeIntro')}</Text>
          <Group>
            <Button color="red" loading={revoke.isPending} onClick={() => void confirmRevoke()}>
              {t('centres.devices.revokeConfirm')}
            </Button>
            <Button variant="subtle" onClick={() => setRevoking(null)}>
              {t('shell.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
