import '../features/hall/hall.css';
import {
  Alert,
  Button,
  Container,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { readCheckInCode } from '@mawaeed/core/booking/check-in-code';
import type { CheckInResult, IssuedTicket } from '@mawaeed/core/contracts/hall';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, postJson } from '../api/http';
import { LanguageSwitch } from '../components/language-switch';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';
import { useCentre, useServices } from '../features/catalogue/use-catalogue';
import { CameraScanner } from '../features/hall/camera-scanner';
import { useDevice } from '../features/hall/device';
import { DeviceSetup } from '../features/hall/device-setup';
import { PrintedTicket } from '../features/hall/printed-ticket';
import { useWakeLock } from '../features/hall/wake-lock';
import { useLanguage } from '../i18n/i18n';
import { formatTime } from '../lib/format';
import classes from './kiosk.module.css';

/** Without a touch or a key for this long, the kiosk warns; after the warning, it starts over. */
const IDLE_WARN_MS = 40_000;
const IDLE_RESET_MS = 15_000;

type Screen =
  | { name: 'start' }
  | { name: 'check-in' }
  | { name: 'walk-in' }
  | { name: 'ticket'; ticket: IssuedTicket; again: boolean }
  | { name: 'window'; code: string; opensAt: string; closesAt: string; walkIn: string | null };

/**
 * The self-service kiosk at the entrance (a kiosk's device token): check in by scanning the
 * booking's QR code or typing the reference or CPR, or take a walk-in ticket; the ticket prints.
 * After inactivity it warns, then returns to the start with nothing personal left on screen.
 */
export function KioskPage() {
  const { t } = useTranslation();
  const device = useDevice('kiosk');
  usePageTitle(t('hall.kiosk.title'));
  if (!device.token || device.refused)
    return <DeviceSetup refused={device.refused} onToken={device.setToken} />;
  if (!device.centre.data) return <Loading query={device.centre} />;
  return <Kiosk token={device.token} centre={device.centre.data.centre} />;
}

type KioskCentre = { id: string; name: { en: string; ar: string }; timeZone: string };

function Kiosk({ token, centre }: { token: string; centre: KioskCentre }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [screen, setScreen] = useState<Screen>({ name: 'start' });
  const [session, setSession] = useState(0);
  const [warning, setWarning] = useState<number | null>(null);
  const detail = useCentre(centre.id);
  const services = useServices();
  useWakeLock();

  const reset = useCallback(() => {
    setWarning(null);
    setScreen({ name: 'start' });
    // A new key remounts the screens: typed text and answers are gone.
    setSession((n) => n + 1);
  }, []);

  // Inactivity: any key, touch or click restarts the count; the start screen has nothing to clear.
  useEffect(() => {
    if (screen.name === 'start') return;
    let warnTimer: ReturnType<typeof setTimeout>;
    let tick: ReturnType<typeof setInterval> | undefined;
    const arm = () => {
      clearTimeout(warnTimer);
      clearInterval(tick);
      setWarning(null);
      warnTimer = setTimeout(() => {
        let left = Math.round(IDLE_RESET_MS / 1000);
        setWarning(left);
        tick = setInterval(() => {
          left -= 1;
          if (left <= 0) reset();
          else setWarning(left);
        }, 1000);
      }, IDLE_WARN_MS);
    };
    arm();
    const events = ['keydown', 'pointerdown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, arm);
    return () => {
      clearTimeout(warnTimer);
      clearInterval(tick);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [screen.name, reset]);

  const walkInServices = (services.data ?? []).filter(
    (s) => s.walkIns && (detail.data?.services ?? []).includes(s.id),
  );

  const issueWalkIn = async (serviceId: string) => {
    try {
      const ticket = await postJson<IssuedTicket>(
        `/api/v1/centres/${centre.id}/walk-ins`,
        { serviceId },
        { token, idempotencyKey: crypto.randomUUID() },
      );
      setScreen({ name: 'ticket', ticket, again: false });
    } catch (err) {
      return err instanceof ApiError && err.status === 409 ? err.message : t('hall.kiosk.failed');
    }
    return null;
  };

  return (
    <div className={classes.kiosk}>
      <header className={classes.header}>
        <Text fw={700} size="xl">
          {centre.name[language]}
        </Text>
        <LanguageSwitch />
      </header>
      <Container component="main" size="md" py="xl" key={session} className={classes.main}>
        {screen.name === 'start' && (
          <Stack gap="xl" align="center" ta="center">
            <Title order={1}>{t('hall.kiosk.title')}</Title>
            <Text size="xl">{t('hall.kiosk.intro')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} w="100%">
              <Button
                size="xl"
                h={140}
                onClick={() => setScreen({ name: 'check-in' })}
                data-testid="kiosk-check-in"
              >
                {t('hall.kiosk.haveAppointment')}
              </Button>
              <Button
                size="xl"
                h={140}
                variant="outline"
                onClick={() => setScreen({ name: 'walk-in' })}
                data-testid="kiosk-walk-in"
              >
                {t('hall.kiosk.noAppointment')}
              </Button>
            </SimpleGrid>
            <Text>{t('hall.kiosk.priorityAtDesk')}</Text>
          </Stack>
        )}
        {screen.name === 'check-in' && (
          <KioskCheckIn
            token={token}
            centreId={centre.id}
            onTicket={(result) =>
              setScreen({ name: 'ticket', ticket: result.ticket, again: result.alreadyCheckedIn })
            }
            onWindow={(w) => setScreen({ name: 'window', ...w })}
            onBack={reset}
          />
        )}
        {screen.name === 'walk-in' && (
          <WalkIn
            services={walkInServices}
            loading={!services.data || !detail.data}
            onIssue={issueWalkIn}
            onBack={reset}
          />
        )}
        {screen.name === 'window' && (
          <Stack gap="lg">
            <Title order={1}>{t('hall.kiosk.outsideWindow')}</Title>
            <Alert variant="outline" color="blue.9" data-testid="kiosk-window">
              {(['ar', 'en'] as const).map((lng) => (
                <Text key={lng} lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'} size="lg">
                  {t(screen.code === 'CHECK_IN_TOO_EARLY' ? 'hall.kiosk.tooEarly' : 'hall.kiosk.tooLate', {
                    lng,
                    from: formatTime(screen.opensAt, centre.timeZone, lng),
                    to: formatTime(screen.closesAt, centre.timeZone, lng),
                  })}
                </Text>
              ))}
            </Alert>
            <Group>
              {screen.walkIn && (
                <Button size="xl" onClick={() => screen.walkIn && void issueWalkIn(screen.walkIn)}>
                  {t('hall.kiosk.walkInOffer')}
                </Button>
              )}
              <Button size="xl" variant="outline" onClick={reset}>
                {t('hall.kiosk.start')}
              </Button>
            </Group>
          </Stack>
        )}
        {screen.name === 'ticket' && (
          <KioskTicket ticket={screen.ticket} again={screen.again} centre={centre} onDone={reset} />
        )}
      </Container>
      <Modal
        opened={warning !== null}
        onClose={() => setWarning(null)}
        title={t('hall.kiosk.title')}
        centered
        size="lg"
      >
        <Stack>
          <Text size="xl" role="alert">
            {t('hall.kiosk.stillThere', { seconds: warning ?? 0 })}
          </Text>
          <Button size="xl" onClick={() => setWarning(null)}>
            {t('hall.kiosk.continue')}
          </Button>
        </Stack>
      </Modal>
    </div>
  );
}

function KioskCheckIn({
  token,
  centreId,
  onTicket,
  onWindow,
  onBack,
}: {
  token: string;
  centreId: string;
  onTicket: (r: CheckInResult) => void;
  onWindow: (w: { code: string; opensAt: string; closesAt: string; walkIn: string | null }) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // Typed, typed by a USB scanner (which presses Enter), or read by the camera: the same check-in.
  const submit = async (typed: string) => {
    const body = readCheckInCode(typed);
    if (!body) {
      setError(t('hall.kiosk.required'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onTicket(await postJson<CheckInResult>(`/api/v1/centres/${centreId}/check-ins`, body, { token }));
    } catch (err) {
      setCode('');
      if (
        err instanceof ApiError &&
        (err.code === 'CHECK_IN_TOO_EARLY' || err.code === 'CHECK_IN_TOO_LATE')
      ) {
        const p = err.problem as {
          window: { opensAt: string; closesAt: string };
          walkInAvailable: boolean;
          serviceId?: string;
        };
        onWindow({
          code: err.code,
          opensAt: p.window.opensAt,
          closesAt: p.window.closesAt,
          walkIn: p.walkInAvailable && p.serviceId ? p.serviceId : null,
        });
      } else
        setError(
          err instanceof ApiError && err.status === 404 ? t('hall.kiosk.notFound') : t('hall.kiosk.failed'),
        );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(code);
      }}
    >
      <Stack gap="lg">
        <Title order={1}>{t('hall.kiosk.checkInTitle')}</Title>
        <TextInput
          ref={input}
          size="xl"
          label={t('hall.kiosk.code')}
          description={t('hall.kiosk.codeHint')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={error}
          dir="ltr"
          autoComplete="off"
          autoFocus
          spellCheck={false}
          data-testid="kiosk-code"
        />
        <Group>
          <Button size="xl" type="submit" loading={busy}>
            {t('hall.kiosk.submit')}
          </Button>
          <Button size="xl" variant="outline" onClick={onBack}>
            {t('hall.kiosk.back')}
          </Button>
        </Group>
        <CameraScanner
          size="xl"
          onReference={(reference) => {
            setCode(reference);
            void submit(reference);
          }}
        />
      </Stack>
    </form>
  );
}

function WalkIn({
  services,
  loading,
  onIssue,
  onBack,
}: {
  services: { id: string; name: { en: string; ar: string } }[];
  loading: boolean;
  onIssue: (serviceId: string) => Promise<string | null>;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('hall.kiosk.chooseService')}</Title>
      {error && (
        <Alert variant="outline" color="red.9" role="alert">
          {error}
        </Alert>
      )}
      {loading ? null : services.length === 0 ? (
        <Text size="xl">{t('hall.kiosk.noWalkIns')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {services.map((s) => (
            <Button
              key={s.id}
              size="xl"
              h={110}
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(await onIssue(s.id));
                setBusy(false);
              }}
            >
              {s.name[language]}
            </Button>
          ))}
        </SimpleGrid>
      )}
      <Button size="xl" variant="outline" onClick={onBack} w="fit-content">
        {t('hall.kiosk.back')}
      </Button>
    </Stack>
  );
}

function KioskTicket({
  ticket,
  again,
  centre,
  onDone,
}: {
  ticket: IssuedTicket;
  again: boolean;
  centre: KioskCentre;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  // Printed at once (Chromium started with --kiosk-printing prints without a dialog).
  useEffect(() => {
    const id = setTimeout(() => window.print(), 300);
    return () => clearTimeout(id);
  }, []);
  return (
    <Stack gap="lg" align="center">
      <Title order={1}>{t('hall.kiosk.yourTicket')}</Title>
      {again && (
        <Alert variant="outline" color="blue.9">
          {t('hall.kiosk.again')}
        </Alert>
      )}
      <PrintedTicket ticket={ticket} centreName={centre.name} timeZone={centre.timeZone} />
      <Text size="xl">{t('hall.kiosk.printed')}</Text>
      <Button size="xl" onClick={onDone} data-testid="kiosk-done">
        {t('hall.kiosk.done')}
      </Button>
    </Stack>
  );
}
