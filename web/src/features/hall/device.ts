import type { DeviceKind } from '@mawaeed/core/contracts/staff';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../../api/http';

type DeviceCentre = {
  device: { id: string; kind: DeviceKind; name: string };
  centre: { id: string; name: { en: string; ar: string }; timeZone: string };
};

const storageKey = (kind: DeviceKind) => `mawaeed.device.${kind}`;

/**
 * A kiosk's or board's device token. It is set up once: opened as `/display#token=mwd_dev_…`
 * (a fragment never reaches the server or its logs), kept in this browser's storage, and the
 * address is cleaned at once; or pasted into the setup form.
 */
export function readDeviceToken(kind: DeviceKind): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    saveDeviceToken(kind, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  try {
    return localStorage.getItem(storageKey(kind));
  } catch {
    return null;
  }
}

export function saveDeviceToken(kind: DeviceKind, token: string | null) {
  try {
    if (token) localStorage.setItem(storageKey(kind), token);
    else localStorage.removeItem(storageKey(kind));
  } catch {
    // Storage off: the token lasts for this page only.
  }
}

/** The device's token and centre; `token` null means the screen still needs setting up. */
export function useDevice(kind: DeviceKind) {
  const [token, setToken] = useState(() => readDeviceToken(kind));
  const centre = useQuery({
    queryKey: ['device', kind, token],
    enabled: Boolean(token),
    queryFn: ({ signal }) => getJson<DeviceCentre>('/api/v1/device/centre', { signal, token: token ?? '' }),
    retry: (count, err) =>
      count < 5 && !(err && 'status' in err && (err.status === 401 || err.status === 403)),
    retryDelay: 5_000,
  });
  const forget = (err: unknown) =>
    Boolean(err && typeof err === 'object' && 'status' in err && (err.status === 401 || err.status === 403));
  return {
    token,
    centre,
    /** The token was refused (revoked, or another kind of device): set the screen up again. */
    refused: centre.isError && forget(centre.error),
    setToken: (value: string | null) => {
      saveDeviceToken(kind, value);
      setToken(value);
    },
  };
}
