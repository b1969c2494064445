import { useEffect } from 'react';

/** Keeps a board's or kiosk's screen on (Screen Wake Lock; HTTPS only), taken again when the page shows again. */
export function useWakeLock() {
  useEffect(() => {
    let lock: { release: () => Promise<void> } | null = null;
    const nav = navigator as Navigator & {
      wakeLock?: { request: (type: 'screen') => Promise<{ release: () => Promise<void> }> };
    };
    const take = () => {
      if (document.visibilityState === 'visible' && nav.wakeLock)
        nav.wakeLock
          .request('screen')
          .then((l) => {
            lock = l;
          })
          .catch(() => {});
    };
    take();
    document.addEventListener('visibilitychange', take);
    return () => {
      document.removeEventListener('visibilitychange', take);
      void lock?.release().catch(() => {});
    };
  }, []);
}
