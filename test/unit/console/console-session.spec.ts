import {
  clearedCookie,
  cookieValue,
  formTokenMatches,
  mintSession,
  openSession,
  sessionCookie,
  sessionSecret,
} from '../../../src/console/console-session';
import { safeNext } from '../../../src/console/console-access';

const SECRET = 'x'.repeat(32);
const WHO = { key: 'demo-backoffice', fingerprint: 'f'.repeat(32), person: 'Dana' };
const NOW = new Date('2026-12-03T10:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('console sessions (sealed cookies)', () => {
  it('opens what it sealed, until the session ends', () => {
    const { token, session } = mintSession(SECRET, WHO, 60, NOW);
    expect(openSession(SECRET, token, 60, later(59))).toEqual(session);
    expect(session).toMatchObject({ key: 'demo-backoffice', person: 'Dana', exp: session.iat + 3_600 });
    expect(openSession(SECRET, token, 60, later(60))).toBeUndefined();
    // A shorter limit configured since ends older sessions at the new limit.
    expect(openSession(SECRET, token, 30, later(31))).toBeUndefined();
    // Minted in the future (a clock far ahead): no.
    expect(openSession(SECRET, token, 60, later(-5))).toBeUndefined();
  });

  it('opens nothing sealed under another secret, changed, or not a token at all', () => {
    const { token } = mintSession(SECRET, WHO, 60, NOW);
    expect(openSession('y'.repeat(32), token, 60, NOW)).toBeUndefined();
    const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    expect(openSession(SECRET, flipped, 60, NOW)).toBeUndefined();
    for (const junk of ['', 'abc', '!'.repeat(60), 'A'.repeat(5_000)]) {
      expect(openSession(SECRET, junk, 60, NOW)).toBeUndefined();
    }
    // Neither the key's name nor the person can be read from the cookie.
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toMatch(/backoffice|Dana/);
  });

  it('gives each session its own form token, compared in full', () => {
    const a = mintSession(SECRET, WHO, 60, NOW).session;
    const b = mintSession(SECRET, WHO, 60, NOW).session;
    expect(a.csrf).not.toBe(b.csrf);
    expect(formTokenMatches(a, a.csrf)).toBe(true);
    expect(formTokenMatches(a, b.csrf)).toBe(false);
    expect(formTokenMatches(a, a.csrf.slice(0, -1))).toBe(false);
    expect(formTokenMatches(a, undefined)).toBe(false);
    expect(formTokenMatches(a, [a.csrf])).toBe(false);
  });

  it('derives the default secret from every key, the same in every process, whatever their order', () => {
    const keys = [
      { name: 'a', key: 'key-a-0001' },
      { name: 'b', key: 'key-b-0001' },
    ];
    expect(sessionSecret(undefined, keys)).toBe(sessionSecret(undefined, [...keys].reverse()));
    expect(sessionSecret(undefined, keys)).not.toBe(
      sessionSecret(undefined, [keys[0], { name: 'b', key: 'key-b-0002' }]),
    );
    expect(sessionSecret(SECRET, keys)).toBe(SECRET);
  });

  it('reads and writes the cookie', () => {
    expect(cookieValue('a=1; hub_console=tok-en; b=2', 'hub_console')).toBe('tok-en');
    expect(cookieValue('xhub_console=1', 'hub_console')).toBeUndefined();
    expect(cookieValue('hub_console=', 'hub_console')).toBeUndefined();
    expect(cookieValue(undefined, 'hub_console')).toBeUndefined();
    expect(sessionCookie('tok', 600, true)).toBe(
      'hub_console=tok; Path=/console; Max-Age=600; HttpOnly; SameSite=Strict; Secure',
    );
    expect(clearedCookie(false)).toBe('hub_console=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict');
  });

  it('sends a browser back after sign-in only to console pages', () => {
    for (const ok of [
      '/console',
      '/console/tasks',
      '/console/tasks?status=open&offset=50',
      '/console/audit?outcome=forbidden',
    ]) {
      expect(safeNext(ok)).toBe(ok);
    }
    for (const bad of [
      '//evil.example',
      '/console//evil.example',
      'https://evil.example/console',
      '/console/../v1/tasks',
      '/v1/tasks',
      '/consoleevil',
      '/console/tasks#x',
      `/console/${'a'.repeat(400)}`,
      42,
      undefined,
    ]) {
      expect([bad, safeNext(bad)]).toEqual([bad, undefined]);
    }
  });
});
