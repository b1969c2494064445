/**
 * Small JSON stores in the browser's storage. Storage can be off (private modes, kiosk policies):
 * then a value lasts for this page only, which is still enough to finish a booking.
 */
export function readJson<T>(storage: 'session' | 'local', key: string): T | null {
  try {
    const raw = (storage === 'session' ? sessionStorage : localStorage).getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeJson(storage: 'session' | 'local', key: string, value: unknown): void {
  try {
    const store = storage === 'session' ? sessionStorage : localStorage;
    if (value === null || value === undefined) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    // See above.
  }
}
