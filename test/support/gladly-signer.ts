import { createHash, createHmac } from 'node:crypto';

/**
 * Signs a request as Gladly does (docs/doors/gladly.md "Signature"), for tests that play Gladly.
 * The verifier is checked against a vector signed by someone else (test/unit/doors); this signer
 * only produces requests for the hub to judge.
 */
export function gladlySignature(options: {
  secret: string;
  time: Date;
  method?: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}): { 'gladly-time': string; 'gladly-authorization': string } {
  const time = options.time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const headers: Record<string, string> = { ...options.headers, 'gladly-time': time };
  const signed = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical =
    `${options.method ?? 'POST'}\n${options.path}\n\n` +
    signed.map((h) => `${h}:${headers[h]}\n`).join('') +
    `\n${signed.join(';')}\n${sha(options.body)}`;
  const key = createHmac('sha256', options.secret).update(time.slice(0, 8)).digest();
  const signature = createHmac('sha256', key)
    .update(`hmac-sha256\n${time}\n${sha(canonical)}`)
    .digest('hex');
  return {
    'gladly-time': time,
    'gladly-authorization': `SigningAlgorithm=hmac-sha256, SignedHeaders=${signed.join(';')}, Signature=${signature}`,
  };
}
