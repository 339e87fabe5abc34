/**
 * A Stripe write body: `application/x-www-form-urlencoded`, nested hashes and arrays in brackets
 * (`metadata[order_id]=1001`, `expand[]=charge`), as the SDKs encode them. https://docs.stripe.com/api
 */
export interface StripeForm {
  params: Record<string, string>;
  metadata: Record<string, string>;
  expand: string[];
}

export class FormError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

/** Parses the body; a parameter outside `allowed` (besides metadata and expand) is a FormError. */
export function parseForm(body: string, allowed: readonly string[]): StripeForm {
  const form: StripeForm = { params: {}, metadata: {}, expand: [] };
  for (const [name, value] of new URLSearchParams(body)) {
    const meta = /^metadata\[([^\]]+)\]$/.exec(name);
    if (meta) form.metadata[meta[1]] = value;
    else if (/^expand\[\d*\]$/.test(name)) form.expand.push(value);
    else if (allowed.includes(name)) form.params[name] = value;
    else throw new FormError(`Received unknown parameter: ${name}`, name);
  }
  return form;
}

/**
 * The same parameters in any order give the same fingerprint: what an idempotency key is
 * compared on besides the route.
 */
export function fingerprint(path: string, body: string): string {
  const pairs = [...new URLSearchParams(body)].map(([k, v]) => `${k}=${v}`).sort();
  return `${path}?${pairs.join('&')}`;
}
