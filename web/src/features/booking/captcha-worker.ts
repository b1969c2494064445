// ALTCHA's own worker loop with the Web Crypto key derivation (no Node built-ins in the browser).
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });
