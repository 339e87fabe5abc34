import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * JSON sealed with AES-256-GCM: whoever holds the token can neither read nor change it. One
 * base64url string: 12-byte nonce, ciphertext, 16-byte tag. The key is derived from a secret and
 * a purpose, so a token sealed for one use (a card link) never opens another (a console session).
 */
export function sealJson(key: Buffer, value: unknown): string {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

export class SealError extends Error {
  constructor(readonly reason: 'malformed' | 'forged') {
    super(`sealed token ${reason}`);
    this.name = 'SealError';
  }
}

/** What sealJson sealed under the same key, parsed; throws SealError otherwise. */
export function openJson(key: Buffer, token: string): unknown {
  if (!/^[\w-]{40,4096}$/.test(token)) throw new SealError('malformed');
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= NONCE + TAG) throw new SealError('malformed');
  let json: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    json = Buffer.concat([decipher.update(raw.subarray(NONCE, raw.length - TAG)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealError('forged');
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new SealError('malformed');
  }
}

/** The 256-bit key for one purpose (e.g. "context-hub card link") under a secret. */
export function sealingKey(purpose: string, secret: string): Buffer {
  return createHash('sha256').update(`${purpose}\0`).update(secret).digest();
}

const NONCE = 12;
const TAG = 16;
