import pino, { type LoggerOptions } from 'pino';
import { loggerOptions } from '../../../src/logging/logger.options';
import { scrub, scrubText } from '../../../src/logging/scrub';

describe('log scrubbing', () => {
  it('replaces emails, international phones and credentials, and leaves the rest', () => {
    expect(scrubText('lookup jane.doe+vip@example.co.uk failed for order 1001')).toBe(
      'lookup [email] failed for order 1001',
    );
    expect(scrubText('call +44 20 7946 0958 or +14155550123')).toBe('call [phone] or [phone]');
    expect(scrubText('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(
      scrubText('tokens shpat_1234abcd sk_live_ABC123 sk_test_x1 whsec_Zm9v pat-na1-11aa-22bb EZAK123abc'),
    ).toBe('tokens [redacted] [redacted] [redacted] [redacted] [redacted] [redacted]');
    expect(scrubText('order #1001, tracking 1Z999AA10123456784, 2026-11-30T10:00:00Z')).toBe(
      'order #1001, tracking 1Z999AA10123456784, 2026-11-30T10:00:00Z',
    );
  });

  it('scrubs nested objects and errors without changing them in place', () => {
    const error = new Error('HubSpot said: no contact a@b.co');
    const input = { msg: 'x', meta: { to: ['a@b.co'], n: 3 }, err: error };
    const out = scrub(input) as { meta: { to: string[]; n: number }; err: { message: string } };
    expect(out.meta).toEqual({ to: ['[email]'], n: 3 });
    expect(out.err.message).toBe('HubSpot said: no contact [email]');
    expect(input.meta.to[0]).toBe('a@b.co');
  });
});

describe('the hub logger', () => {
  it('scrubs messages, objects and errors, and censors credential headers', () => {
    const lines: string[] = [];
    const options = loggerOptions({ LOG_LEVEL: 'debug' }).pinoHttp as LoggerOptions;
    const log = pino(options, { write: (l: string) => void lines.push(l) });
    log.info('customer jane@example.com called from +14155550123');
    log.warn({ customer: { email: 'jane@example.com' }, token: 'shpat_abc123' }, 'vendor said no');
    log.error(
      { err: new Error('HubSpot: contact jane@example.com not found (Bearer sk_live_X1)') },
      'failed',
    );
    log.info({ req: { method: 'GET', url: '/v1/customers/context?email=jane@example.com' } }, 'request');
    const text = lines.join('');
    expect(lines).toHaveLength(4);
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('+14155550123');
    expect(text).not.toMatch(/shpat_abc123|sk_live_X1/);
    expect(text).toContain('[email]');
    expect(text).toContain('/v1/customers/context"');
  });
});
