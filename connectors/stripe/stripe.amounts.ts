import { ConnectorError } from '../../src/connectors/contract';

/**
 * Stripe amounts are integers in the currency's smallest unit, with Stripe's own exponents:
 * zero-decimal currencies take whole units (1500 JPY → 1500), three-decimal ones take thousandths
 * that must end in 0 (12.340 KWD → 12340), everything else hundredths (12.34 USD → 1234).
 * https://docs.stripe.com/currencies#zero-decimal, #three-decimal
 */
const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '));

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export function stripeExponent(currency: string): number {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
}

/** "12.34" USD → 1234. A value Stripe cannot take exactly is a bad_request, never rounded. */
export function toMinorUnits(amount: string, currency: string): number {
  const refuse = (why: string) =>
    new ConnectorError('bad_request', `Amount "${amount}" ${currency.toUpperCase()}: ${why}`, {
      retryable: false,
    });
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw refuse('not a plain positive decimal');
  const exp = stripeExponent(currency);
  const fraction = (m[2] ?? '').replace(/(?<!0)0+$/, '');
  if (fraction.length > exp) throw refuse(`more decimals than the currency has (${exp})`);
  const minor = Number(m[1] + fraction.padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor) || minor <= 0) throw refuse('must be greater than zero');
  if (exp === 3 && minor % 10 !== 0) throw refuse('Stripe takes three-decimal amounts in steps of 0.010');
  return minor;
}

/** 1234 USD → "12.34"; for sentences people read. */
export function fromMinorUnits(minor: number, currency: string): string {
  const exp = stripeExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const text = exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
  return `${minor < 0 ? '-' : ''}${text} ${currency.toUpperCase()}`;
}
