import '../../features/hall/hall.css';
import { Alert, Button, Card, Group, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { readCheckInCode } from '@mawaeed/core/booking/check-in-code';
import type { IssuedTicket, PriorityCategory } from '@mawaeed/core/contracts/hall';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useServices } from '../../features/catalogue/use-catalogue';
import { useCentres } from '../../features/catalogue/use-centres';
import { CameraScanner } from '../../features/hall/camera-scanner';
import { PrintedTicket } from '../../features/hall/printed-ticket';
import { useLanguage } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { StaffApiError } from '../api/http';
import { useStaff } from '../api/use-staff';
import { useCheckIn, useWalkIn } from './api';

const PRIORITIES: PriorityCategory[] = ['senior', 'disability', 'pregnancy'];

type Outcome =
  | { kind: 'ticket'; ticket: IssuedTicket; again: boolean }
  | {
      kind: 'window';
      code: 'CHECK_IN_TOO_EARLY' | 'CHECK_IN_TOO_LATE';
      opensAt: string;
      closesAt: string;
      walkIn: string | null;
    }
  | { kind: 'error'; message: string };

/**
 * The reception desk: check a booking in by its reference (typed, or scanned from the QR code by a
 * USB scanner, which types it and presses Enter) or by the person's CPR, or issue a walk-in ticket;
 * then print the ticket. A priority category, when the receptionist sees one applies, goes with it.
 */
export function CheckInPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const staff = useStaff();
  const centres = useCentres();
  const services = useServices();
  const mine = (centres.data ?? []).filter(
    (c) => staff.role === 'administrator' || staff.centreIds.includes(c.id),
  );
  const [centreId, setCentreId] = useState<string | null>(null);
  const centre = mine.find((c) => c.id === centreId) ?? (mine.length === 1 ? mine[0] : undefined);
  usePageTitle(t('hall.checkIn.title'));

  return (
    <>
      <Title order={1}>{t('hall.checkIn.title')}</Title>
      {!centres.data || !services.data ? (
        <Loading query={!centres.data ? centres : services} />
      ) : (
        <>
          {mine.length > 1 && (
            <Select
              label={t('hall.checkIn.centre')}
              data={mine.map((c) => ({ value: c.id, label: c.name[language] }))}
              value={centre?.id ?? null}
              onChange={setCentreId}
              w={320}
              data-testid="centre-select"
            />
          )}
          {mine.length === 0 && <Text>{t('hall.checkIn.noCentre')}</Text>}
          {centre && (
            <Desk
              key={centre.id}
              centre={centre}
              services={services.data.filter((s) => centre.services.includes(s.id))}
            />
          )}
        </>
      )}
    </>
  );
}

type CentreLike = { id: string; name: { en: string; ar: string }; timeZone: string };
type ServiceLike = { id: string; name: { en: string; ar: string }; walkIns: boolean };

function Desk({ centre, services }: { centre: CentreLike; services: ServiceLike[] }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const checkIn = useCheckIn(centre.id);
  const walkIn = useWalkIn(centre.id);
  const [code, setCode] = useState('');
  const [priority, setPriority] = useState<string>('none');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const chosenPriority = priority === 'none' ? undefined : (priority as PriorityCategory);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const failed = (err: unknown): Outcome => ({
    kind: 'error',
    message:
      err instanceof StaffApiError && err.status === 0
        ? t('shell.form.network')
        : err instanceof StaffApiError && err.status === 404
          ? t('hall.checkIn.notFound')
          : err instanceof StaffApiError && err.status === 409
            ? err.detail
            : t('shell.form.failed'),
  });

  // Typed, typed by a USB scanner (which presses Enter), or read by the camera: the same check-in.
  const submit = (typed: string) => {
    const body = readCheckInCode(typed);
    if (!body) {
      setFieldError(t('hall.checkIn.required'));
      input.current?.focus();
      return;
    }
    setFieldError(null);
    checkIn.mutate(
      { ...body, ...(chosenPriority ? { priority: chosenPriority } : {}) },
      {
        onSuccess: (result) => {
          setCode('');
          setPriority('none');
          setOutcome({ kind: 'ticket', ticket: result.ticket, again: result.alreadyCheckedIn });
        },
        onError: (err) => {
          if (
            err instanceof StaffApiError &&
            (err.code === 'CHECK_IN_TOO_EARLY' || err.code === 'CHECK_IN_TOO_LATE')
          ) {
            const p = err.problem as {
              window: { opensAt: string; closesAt: string };
              walkInAvailable: boolean;
              serviceId?: string;
            };
            setOutcome({
              kind: 'window',
              code: err.code,
              opensAt: p.window.opensAt,
              closesAt: p.window.closesAt,
              walkIn: p.walkInAvailable && p.serviceId ? p.serviceId : null,
            });
          } else setOutcome(failed(err));
        },
      },
    );
  };

  const issueWalkIn = (serviceId: string) => {
    walkIn.mutate(
      { serviceId, priority: chosenPriority, idempotencyKey: crypto.randomUUID() },
      {
        onSuccess: (ticket) => {
          setCode('');
          setPriority('none');
          setOutcome({ kind: 'ticket', ticket, again: false });
        },
        onError: (err) => setOutcome(failed(err)),
      },
    );
  };

  const walkInServices = services.filter((s) => s.walkIns);
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name[language] ?? '';
  const time = (instant: string, lng: 'en' | 'ar') => formatTime(instant, centre.timeZone, lng);

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="check-in-title">
        <Title order={2} size="h3" id="check-in-title">
          {t('hall.checkIn.findTitle')}
        </Title>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit(code);
          }}
        >
          <Stack gap="md" mt="sm">
            <TextInput
              ref={input}
              id="check-in-code"
              label={t('hall.checkIn.code')}
              description={t('hall.checkIn.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fieldError}
              dir="ltr"
              autoComplete="off"
              autoFocus
              spellCheck={false}
              maw={360}
              data-testid="check-in-code"
            />
            <Radio.Group
              label={t('hall.checkIn.priority')}
              description={t('hall.checkIn.priorityHint')}
              value={priority}
              onChange={setPriority}
            >
              <Group gap="md" mt="xs">
                <Radio value="none" label={t('hall.priority.none')} />
                {PRIORITIES.map((p) => (
                  <Radio key={p} value={p} label={t(`hall.priority.${p}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Group>
              <Button type="submit" loading={checkIn.isPending} data-testid="check-in-submit">
                {t('hall.checkIn.submit')}
              </Button>
            </Group>
            <CameraScanner
              onReference={(reference) => {
                setCode(reference);
                submit(reference);
              }}
            />
          </Stack>
        </form>
      </Card>

      <div ref={outcomeRef} tabIndex={-1} aria-live="polite" data-testid="check-in-outcome">
        {outcome?.kind === 'ticket' && (
          <Stack gap="sm">
            <Alert
              variant="outline"
              color={outcome.again ? 'blue.9' : 'teal.9'}
              title={t(outcome.again ? 'hall.checkIn.again' : 'hall.checkIn.issued')}
            >
              {outcome.again ? t('hall.checkIn.againHint') : t('hall.checkIn.issuedHint')}
            </Alert>
            <PrintedTicket ticket={outcome.ticket} centreName={centre.name} timeZone={centre.timeZone} />
            <Group>
              <Button onClick={() => window.print()} data-testid="print-ticket">
                {t('hall.checkIn.print')}
              </Button>
              <Button
                variant="outline"
                onClick={() => {
                  setOutcome(null);
                  input.current?.focus();
                }}
              >
                {t('hall.checkIn.next')}
              </Button>
            </Group>
          </Stack>
        )}
        {outcome?.kind === 'window' && (
          <Alert
            variant="outline"
            color="blue.9"
            title={t('hall.checkIn.outsideWindow')}
            data-testid="window-message"
          >
            {(['ar', 'en'] as const).map((lng) => (
              <Text key={lng} lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'}>
                {t(outcome.code === 'CHECK_IN_TOO_EARLY' ? 'hall.checkIn.tooEarly' : 'hall.checkIn.tooLate', {
                  lng,
                  from: time(outcome.opensAt, lng),
                  to: time(outcome.closesAt, lng),
                })}
              </Text>
            ))}
            {outcome.walkIn && (
              <Button
                mt="sm"
                onClick={() => outcome.walkIn && issueWalkIn(outcome.walkIn)}
                loading={walkIn.isPending}
              >
                {t('hall.checkIn.offerWalkIn', { service: serviceName(outcome.walkIn) })}
              </Button>
            )}
          </Alert>
        )}
        {outcome?.kind === 'error' && (
          <Alert variant="outline" color="red.9" role="alert" data-testid="check-in-error">
            {outcome.message}
          </Alert>
        )}
      </div>

      <Card withBorder padding="lg" component="section" aria-labelledby="walk-in-title">
        <Title order={2} size="h3" id="walk-in-title">
          {t('hall.checkIn.walkInTitle')}
        </Title>
        <Text mt="xs">{t('hall.checkIn.walkInHint')}</Text>
        {walkInServices.length === 0 ? (
          <Text mt="sm">{t('hall.checkIn.noWalkIns')}</Text>
        ) : (
          <Group gap="sm" mt="sm">
            {walkInServices.map((s) => (
              <Button
                key={s.id}
                variant="outline"
                onClick={() => issueWalkIn(s.id)}
                disabled={walkIn.isPending}
                data-testid={`walk-in-${s.id}`}
              >
                {s.name[language]}
              </Button>
            ))}
          </Group>
        )}
      </Card>
    </Stack>
  );
}
