import pino, { type LoggerOptions } from 'pino';
import { loggerOptions } from '../../../src/logging/logger.options';
import { MAX_LOGGED_CHARS, redact, scrub, scrubText } from '../../../src/logging/scrub';

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

/**
 * Issue 10, defect 1: one long request must not stall the hub. Every pattern runs in linear time,
 * which the lint proves (eslint-plugin-regexp: no super-linear backtracking, no super-linear move;
 * test/integration/lint/regex-guard.spec.ts proves it applies) rather than a stopwatch; here, that the
 * worst inputs come out settled. What is scrubbed is bounded anyway.
 */
describe('scrubbing cost', () => {
  /** Inputs built to make a backtracking pattern restart or backtrack at every character. */
  const ATTACKS: Record<string, (n: number) => string> = {
    'address characters without an @': (n) => 'a'.repeat(n),
    'dots and dashes without an @': (n) => 'a.-'.repeat(n / 3),
    'many @ without a domain': (n) => 'a@'.repeat(n / 2),
    'an @ and a long domain without a dot': (n) => `x@${'a'.repeat(n)}`,
    'a long domain of single letters': (n) => `x@${'a.'.repeat(n / 2)}1`,
    'plus signs and digits': (n) => '+1'.repeat(n / 2),
    'a digit run after a plus': (n) => `+${'1 '.repeat(n / 2)}`,
    'Bearer and spaces': (n) => `Bearer${' '.repeat(n)}`,
    'repeated Bearer': (n) => 'Bearer '.repeat(n / 7),
    'token prefixes': (n) => 'sk_live_'.repeat(n / 8),
    'a URL-encoded run': (n) => '%40a'.repeat(n / 4),
  };

  it.each(Object.keys(ATTACKS))('scrubs 4 MB of %s in one pass that a second pass leaves alone', (name) => {
    const once = redact(ATTACKS[name](4_000_000));
    // Compared as booleans: a failure must not print megabytes.
    expect(redact(once) === once).toBe(true);
  });

  it('scrubs at most MAX_LOGGED_CHARS of a string and says what it cut', () => {
    const out = scrubText(`${'word '.repeat(400_000)}jane@example.com`);
    expect(out.length).toBeLessThan(MAX_LOGGED_CHARS + 40);
    expect(out).toMatch(/…\[\d+ characters cut\]$/);
  });

  it('drops an email the cut goes through rather than logging a piece of it', () => {
    const filler = 'x '.repeat((MAX_LOGGED_CHARS - 6) / 2);
    const out = scrubText(`${filler}jane.doe@example.com and more`);
    expect(out).not.toContain('jane');
    expect(out).not.toContain('@exa');
  });

  it('bounds arrays, objects and depth, and never logs what is too deep unscrubbed', () => {
    const wide = scrub({ list: Array.from({ length: 1_000 }, (_, i) => i) }) as { list: unknown[] };
    expect(wide.list).toHaveLength(101);
    expect(wide.list[100]).toBe('[900 more items]');
    let deep: Record<string, unknown> = { email: 'jane@example.com' };
    for (let i = 0; i < 10; i++) deep = { next: deep };
    expect(JSON.stringify(scrub(deep))).not.toContain('jane@example.com');
  });

  it('scrubs at most 2,000 values of one log object, however it nests', () => {
    const level = (n: number): unknown =>
      n === 0 ? 'jane@example.com' : Array.from({ length: 100 }, () => level(n - 1));
    const out = JSON.stringify(scrub({ wide: level(3) }));
    expect(out.match(/\[email\]/g)?.length).toBeLessThan(2_000);
    expect(out).toContain('[cut]');
    expect(out).not.toContain('jane@example.com');
  });

  it('finds URL-encoded emails too', () => {
    expect(scrubText('/v1/customers/jane.doe%40example.com')).toBe('/v1/customers/[email]');
  });
});
