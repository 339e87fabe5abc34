import { createHmac } from 'node:crypto';
import { type WebhookRejected, type WebhookRequest } from '../../../src/connectors/contract';

/** Every scheme test receives its request at this instant. */
export const RECEIVED_AT = new Date('2026-03-01T10:15:00Z');
export const RECEIVED_S = RECEIVED_AT.getTime() / 1000;

export function request(
  body: string,
  headers: Record<string, string>,
  extra: Partial<WebhookRequest> = {},
): WebhookRequest {
  return {
    method: 'POST',
    url: 'https://hub.example.com/webhooks/test',
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    rawBody: Buffer.from(body, 'utf8'),
    receivedAt: RECEIVED_AT,
    ...extra,
  };
}

export const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text);

/** The rejection code `verify` threw, or 'accepted'. */
export function outcome(verify: () => unknown): string {
  try {
    verify();
    return 'accepted';
  } catch (error) {
    const code = (error as WebhookRejected).code;
    if (!code) throw error;
    return code;
  }
}

/** The same JSON with one more space: equal as data, different as bytes. */
export const respaced = (body: string) => `${body[0]} ${body.slice(1)}`;
