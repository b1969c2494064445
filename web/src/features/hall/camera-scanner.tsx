import { Alert, Button, type MantineSize, Stack, Text } from '@mantine/core';
import { readScannedReference } from '@mawaeed/core/booking/check-in-code';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QrReader } from './barcode-reader';

/** How often a frame is read: enough to feel instant, light on a kiosk's CPU. */
const READ_EVERY_MS = 200;

type Failure = 'noCamera' | 'refused' | 'failed';
type State = { kind: 'off' } | { kind: 'starting' } | { kind: 'on' } | { kind: 'failed'; failure: Failure };
type Session = { stopped: boolean; stream?: MediaStream; timer?: ReturnType<typeof setTimeout> };

/** Ends one camera session: no more reading, and the camera's light goes off. */
function release(s: Session) {
  s.stopped = true;
  clearTimeout(s.timer);
  for (const track of s.stream?.getTracks() ?? []) track.stop();
}

function failureOf(err: unknown): Failure {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'noCamera';
  return 'failed';
}

/**
 * "Scan with the camera": asks for the camera only when pressed, shows what it sees, and hands the
 * booking's reference to `onReference` as soon as it reads a booking's QR code, stopping the camera
 * then, when pressed again, and whenever it leaves the screen (unmounts). A refusal or a device
 * without a camera is said in Arabic and English: a kiosk speaks to everyone at once.
 */
export function CameraScanner({
  onReference,
  size = 'md',
}: {
  onReference: (reference: string) => void;
  size?: MantineSize;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'off' });
  const [foreign, setForeign] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<Session | null>(null);
  const handOver = useRef(onReference);
  handOver.current = onReference;

  const stop = useCallback(() => {
    if (session.current) release(session.current);
    session.current = null;
  }, []);

  // Leaving the screen (another kiosk screen, the inactivity reset, another page) stops the camera.
  useEffect(() => stop, [stop]);
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden' && session.current) {
        stop();
        setState({ kind: 'off' });
      }
    };
    document.addEventListener('visibilitychange', hidden);
    return () => document.removeEventListener('visibilitychange', hidden);
  }, [stop]);

  const start = async () => {
    stop();
    const s: Session = { stopped: false };
    session.current = s;
    setForeign(false);
    setState({ kind: 'starting' });
    let reader: QrReader;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('no camera', 'NotFoundError');
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
      s.stream = stream;
      // Stopped (or started again) while the browser asked for permission.
      if (s.stopped) return release(s);
      reader = await import('./barcode-reader').then((m) => m.createQrReader());
      if (s.stopped) return;
      if (video.current) {
        video.current.srcObject = stream;
        await video.current.play();
      }
    } catch (err) {
      if (s.stopped) return;
      stop();
      setState({ kind: 'failed', failure: failureOf(err) });
      return;
    }
    setState({ kind: 'on' });
    const read = async () => {
      const v = video.current;
      if (s.stopped) return;
      if (v && v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
        const codes = await reader.detect(v).catch(() => []);
        if (s.stopped) return;
        for (const code of codes) {
          const reference = readScannedReference(code.rawValue);
          if (reference) {
            stop();
            setState({ kind: 'off' });
            handOver.current(reference);
            return;
          }
        }
        if (codes.length > 0) setForeign(true);
      }
      s.timer = setTimeout(read, READ_EVERY_MS);
    };
    void read();
  };

  const live = state.kind === 'starting' || state.kind === 'on';
  return (
    <Stack gap="sm" data-testid="camera" data-state={state.kind}>
      {live ? (
        <Button
          size={size}
          variant="outline"
          onClick={() => {
            stop();
            setState({ kind: 'off' });
          }}
          data-testid="camera-stop"
          w="fit-content"
        >
          {t('hall.camera.stop')}
        </Button>
      ) : (
        <Button
          size={size}
          variant="outline"
          onClick={() => void start()}
          data-testid="camera-open"
          w="fit-content"
        >
          {t('hall.camera.open')}
        </Button>
      )}
      {live && (
        <>
          <video
            ref={video}
            muted
            playsInline
            aria-label={t('hall.camera.preview')}
            data-testid="camera-preview"
            style={{ inlineSize: '100%', maxInlineSize: 480, background: 'black', borderRadius: 8 }}
          />
          <Text size={size} aria-live="polite">
            {state.kind === 'starting'
              ? t('hall.camera.starting')
              : foreign
                ? t('hall.camera.foreign')
                : t('hall.camera.hint')}
          </Text>
        </>
      )}
      {state.kind === 'failed' && (
        <Alert variant="outline" color="red.9" role="alert" data-testid="camera-failed">
          {(['ar', 'en'] as const).map((lng) => (
            <Text key={lng} lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'} size={size}>
              {t(`hall.camera.${state.failure}`, { lng })}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
