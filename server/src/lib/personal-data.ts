import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keeps CPRs (and any other identifier that must be found but never read casually) out of the
 * database in clear: a keyed HMAC for look-ups and limits, AES-256-GCM for reading it back.
 * Both keys are derived from the one MAWAEED_DATA_KEY, each for its own purpose.
 */
export function createPersonalData(masterKey: Buffer) {
  if (masterKey.length < 32) throw new Error('MAWAEED_DATA_KEY must hold at least 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const lookupKey = derive('mawaeed/lookup/v1');
  const encryptionKey = derive('mawaeed/encryption/v1');

  return {
    /** Deterministic: the same CPR always gives the same hash, so it can be looked up. */
    lookupHash(value: string): string {
      return createHmac('sha256', lookupKey).update(value).digest('base64url');
    },
    encrypt(value: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(sealed: string): string {
      const [version, payload] = sealed.split('.');
      if (version !== 'v1' || !payload) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
export type PersonalData = ReturnType<typeof createPersonalData>;

/** A secret for one purpose derived from the data key, so one key is all an operator keeps. */
export function deriveSecret(masterKey: Buffer, purpose: string): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `mawaeed/${purpose}`, 32)).toString(
    'base64url',
  );
}

/** A secret for a client (manage tokens): random, and stored only as its SHA-256. */
export function makeSecret(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecret(token) };
}

export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** MAWAEED_DATA_KEY as 64 hex characters or base64 of 32+ bytes. */
export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length < 32)
    throw new Error('MAWAEED_DATA_KEY must be 64 hex characters or base64 of at least 32 bytes');
  return key;
}
