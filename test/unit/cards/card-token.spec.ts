import { CardTokenError, mintCardToken, verifyCardToken } from '../../../src/cards/card-token';

const SECRET = 'a-card-link-secret-of-32-characters!!';
const NOW = new Date('2026-12-03T12:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const subject = { email: 'ann@example.com', key: 'helpdesk', fingerprint: '0123456789abcdef' };

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CardTokenError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('card link tokens', () => {
  it('open their subject until they expire, and not a second longer', () => {
    const token = mintCardToken(SECRET, subject, 300, NOW);
    expect(verifyCardToken(SECRET, token, 300, at(0))).toEqual(subject);
    expect(verifyCardToken(SECRET, token, 300, at(299))).toEqual(subject);
    expect(reason(() => verifyCardToken(SECRET, token, 300, at(300)))).toBe('expired');
  });

  it('end at the configured limit when it shrank after they were minted', () => {
    const token = mintCardToken(SECRET, subject, 3_600, NOW);
    expect(reason(() => verifyCardToken(SECRET, token, 60, at(61)))).toBe('expired');
    expect(verifyCardToken(SECRET, token, 60, at(59))).toEqual(subject);
  });

  it('refuse one minted in the future (a clock far ahead, or a forged time)', () => {
    const token = mintCardToken(SECRET, subject, 300, at(120));
    expect(reason(() => verifyCardToken(SECRET, token, 300, NOW))).toBe('expired');
  });

  it('do not show whom they open: no email in the link', () => {
    const token = mintCardToken(SECRET, subject, 300, NOW);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('ann@example.com');
    expect(token).not.toContain(Buffer.from('ann@example.com').toString('base64url').slice(0, 12));
    // Two links to the same customer look unrelated.
    expect(mintCardToken(SECRET, subject, 300, NOW)).not.toBe(token);
  });

  it('are forged when any byte changes or another secret made them', () => {
    const token = mintCardToken(SECRET, subject, 300, NOW);
    const raw = Buffer.from(token, 'base64url');
    for (const index of [0, 12, raw.length - 17, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index] ^= 0x01;
      expect(reason(() => verifyCardToken(SECRET, tampered.toString('base64url'), 300, NOW))).toBe('forged');
    }
    const other = mintCardToken('another-secret-of-at-least-32-chars!!', subject, 300, NOW);
    expect(reason(() => verifyCardToken(SECRET, other, 300, NOW))).toBe('forged');
  });

  it.each(['', 'short', 'not base64url!'.repeat(5), 'a'.repeat(5_000)])('are malformed: %#', (token) => {
    expect(reason(() => verifyCardToken(SECRET, token, 300, NOW))).toBe('malformed');
  });
});
