import { Button } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';
import { type Announcer, type AnnouncerState, createAnnouncer } from '../features/hall/announcer';
import { BothLanguages } from '../features/hall/both-languages';
import { useDevice } from '../features/hall/device';
import { DeviceSetup } from '../features/hall/device-setup';
import { useHallStream } from '../features/hall/use-hall-stream';
import { useWakeLock } from '../features/hall/wake-lock';
import { formatDate, formatHijriDate, formatTime, localDateOf } from '../lib/format';
import classes from './display.module.css';

/**
 * The hall's display board (a TV, with a board's device token): the calls as they happen (number →
 * counter, the newest highlighted), the recent calls, and how many wait per service, in Arabic and
 * English; each call rings a chime and is spoken in Arabic then English. Runs unattended.
 */
export function DisplayPage() {
  const { t } = useTranslation();
  const device = useDevice('board');
  usePageTitle(t('hall.board.title'));
  if (!device.token || device.refused)
    return <DeviceSetup refused={device.refused} onToken={device.setToken} />;
  if (!device.centre.data) return <Loading query={device.centre} />;
  return <Board centre={device.centre.data.centre} />;
}

type BoardText = 'reconnecting' | 'nowCalling' | 'counter' | 'noCalls' | 'recent' | 'number' | 'waiting';
type BoardCentre = { id: string; name: { en: string; ar: string }; timeZone: string };

function Board({ centre }: { centre: BoardCentre }) {
  const { t } = useTranslation();
  const announcer = useRef<Announcer | null>(null);
  const [sound, setSound] = useState<AnnouncerState>({
    playing: false,
    queued: 0,
    played: 0,
    blocked: false,
  });
  const [flash, setFlash] = useState(0);
  useEffect(() => {
    const a = createAnnouncer({ onChange: setSound });
    announcer.current = a;
    return () => a.close();
  }, []);
  const { hall, status } = useHallStream(centre.id, {
    onCall: (call, _type, { catchUp }) => {
      setFlash((n) => n + 1);
      if (!catchUp) announcer.current?.announce({ number: call.number, counter: call.counter.number });
    },
  });
  useWakeLock();
  const now = useClock();
  const both = (key: `hall.board.${BoardText}`) => (
    <BothLanguages text={{ ar: t(key, { lng: 'ar' }), en: t(key, { lng: 'en' }) }} />
  );
  const latest = hall?.calls[0];
  const recent = hall?.calls.slice(1, 7) ?? [];
  const today = localDateOf(now, centre.timeZone);

  return (
    <div className={classes.board} data-testid="board" data-announced={sound.played}>
      <header className={classes.header}>
        <div className={classes.centre}>
          <BothLanguages text={centre.name} />
        </div>
        <div className={classes.clock}>
          <span className={classes.time} dir="ltr">
            {formatTime(now, centre.timeZone, 'en')}
          </span>
          <span>
            <span lang="ar">{formatHijriDate(today)}</span> · <span lang="en">{formatDate(today, 'en')}</span>
          </span>
        </div>
      </header>
      {status !== 'live' && (
        <div className={classes.banner} role="status" data-testid="reconnecting">
          {both('hall.board.reconnecting')}
        </div>
      )}
      {sound.blocked && (
        <div className={classes.banner}>
          <Button size="lg" color="yellow.4" c="dark.9" onClick={() => void announcer.current?.unlock()}>
            {t('hall.board.enableSound', { lng: 'ar' })} · {t('hall.board.enableSound', { lng: 'en' })}
          </Button>
        </div>
      )}
      <main className={classes.main}>
        <section className={classes.calls} aria-labelledby="now-calling">
          <h1 id="now-calling" className={classes.heading}>
            {both('hall.board.nowCalling')}
          </h1>
          {latest ? (
            <div
              key={`${latest.number}-${flash}`}
              className={`${classes.latest} ${flash > 0 ? classes.flash : ''}`}
              data-testid="latest-call"
              aria-live="polite"
            >
              <span className={classes.latestNumber} dir="ltr">
                {latest.number}
              </span>
              <span className={classes.arrow} aria-hidden>
                →
              </span>
              <span className={classes.latestCounter}>
                <span className={classes.counterLabel}>{both('hall.board.counter')}</span>
                <span dir="ltr">{latest.counter.number}</span>
              </span>
            </div>
          ) : (
            <p className={classes.empty}>{both('hall.board.noCalls')}</p>
          )}
          {recent.length > 0 && (
            <table className={classes.recent} data-testid="recent-calls">
              <caption className={classes.caption}>{both('hall.board.recent')}</caption>
              <thead>
                <tr>
                  <th scope="col">{both('hall.board.number')}</th>
                  <th scope="col">{both('hall.board.counter')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((c) => (
                  <tr key={`${c.number}-${c.at}`}>
                    <td dir="ltr">{c.number}</td>
                    <td dir="ltr">{c.counter.number}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className={classes.waiting} aria-labelledby="waiting-heading">
          <h2 id="waiting-heading" className={classes.heading}>
            {both('hall.board.waiting')}
          </h2>
          <ul className={classes.services}>
            {hall?.services.map((s) => (
              <li key={s.serviceId} className={classes.service} data-testid={`waiting-${s.letter}`}>
                <span className={classes.letter} dir="ltr">
                  {s.letter}
                </span>
                <span className={classes.serviceName}>
                  <BothLanguages text={s.name} />
                </span>
                <span className={classes.count} dir="ltr">
                  {s.waiting}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}

/** The time now, ticking every 10 s (the board shows minutes). */
function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(id);
  }, []);
  return now;
}
