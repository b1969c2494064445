import { useEffect, useRef } from 'react';

/**
 * Single-key shortcuts for a screen, by physical key (`KeyN`), so they work the same with an
 * Arabic keyboard layout. Ignored while typing in a field, with a modifier held, or while a
 * dialog is open.
 */
export function useShortcuts(map: Record<string, (() => void) | undefined>) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      const run = ref.current[e.code];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The letter a KeyX code stands for, as printed on the button. */
export const keyLabel = (code: string) => code.replace(/^Key/, '');
