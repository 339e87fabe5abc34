import {
  ConnectorError,
  fromStripeAmount,
  toStripeAmount,
  UnknownCurrencyError,
} from '../../src/connectors/contract';

/**
 * Refund amounts in Stripe's own units (src/money/stripe-units.ts: its zero- and three-decimal
 * lists, ISK in whole krónur written in hundredths). A value Stripe cannot take exactly is a
 * bad_request, never rounded. https://docs.stripe.com/currencies
 */
export function toMinorUnits(amount: string, currency: string): number {
  const refuse = (why: string) =>
    new ConnectorError('bad_request', `Amount "${amount}" ${currency.toUpperCase()}: ${why}`, {
      retryable: false,
    });
  let taken: ReturnType<typeof toStripeAmount>;
  try {
    taken = toStripeAmount(amount, currency);
  } catch (error) {
    if (error instanceof UnknownCurrencyError) throw refuse('not an ISO 4217 currency');
    throw error;
  }
  if ('refused' in taken) throw refuse(taken.refused);
  return taken.minor;
}

/** 1234 USD → "12.34 USD"; for sentences people read. */
export function fromMinorUnits(minor: number, currency: string): string {
  return `${fromStripeAmount(minor, currency) ?? String(minor)} ${currency.toUpperCase()}`;
}
