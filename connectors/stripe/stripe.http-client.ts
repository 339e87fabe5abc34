import type http from 'node:http';
import Stripe from 'stripe';

/** Error codes the Stripe SDK retries once by itself, even with `maxNetworkRetries: 0` (stripe-node#1040). */
const SDK_RETRIED_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * The SDK's own Node HTTP client, with one change: a closed connection reaches the SDK under a code
 * it does not retry. Otherwise the SDK retries it once after sleeping at least 0.5 s, inside each of
 * the hub's own attempts: with Stripe down an answer lost 1.6-2 s to those sleeps. The hub's
 * resilience policy retries such a failure itself, within the request's deadline, so there is one
 * retry policy per call.
 */
export class OneAttemptHttpClient extends Stripe.HttpClient {
  private readonly inner: ReturnType<typeof Stripe.createNodeHttpClient>;

  constructor(agent: http.Agent) {
    super();
    this.inner = Stripe.createNodeHttpClient(agent);
  }

  override getClientName(): string {
    return this.inner.getClientName();
  }

  override makeRequest(
    ...args: Parameters<Stripe.HttpClient['makeRequest']>
  ): ReturnType<Stripe.HttpClient['makeRequest']> {
    return this.inner.makeRequest(...args).catch((error: NodeJS.ErrnoException) => {
      if (!error || !SDK_RETRIED_CODES.has(error.code ?? '')) throw error;
      throw Object.assign(new Error(error.message, { cause: error }), { code: `${error.code}_HUB_RETRIES` });
    });
  }
}
