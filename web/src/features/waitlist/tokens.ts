import { readJson, writeJson } from '../../lib/storage';

const KEY = 'mawaeed.waitlist';
type Kind = 'entry' | 'offer';

/**
 * The token of a waitlist entry or offer: from the message link's fragment (#token=…, which the
 * browser never sends to the server), kept for this tab, then dropped from the address so it is
 * neither in history nor shared by copying the address.
 */
export function takeWaitlistToken(kind: Kind): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    rememberWaitlistToken(kind, decodeURIComponent(match[1]));
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }
  return readJson<Partial<Record<Kind, string>>>('session', KEY)?.[kind] ?? null;
}

export function rememberWaitlistToken(kind: Kind, token: string): void {
  const tokens = readJson<Partial<Record<Kind, string>>>('session', KEY) ?? {};
  writeJson('session', KEY, { ...tokens, [kind]: token });
}
