import http from 'node:http';
import https from 'node:https';
import Stripe from 'stripe';
import { OneAttemptHttpClient } from './stripe.http-client';
import { type StripeOptions } from './stripe.options';

/**
 * The API version the payload schemas and mappings were written against: pinned, so an account's
 * default version (or an SDK upgrade) never changes the shapes under us. https://docs.stripe.com/api/versioning
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';

export interface StripeClient {
  stripe: Stripe;
  agent: http.Agent;
}

/**
 * Builds the official SDK client. `baseUrl` (sandbox, tests, egress proxy) becomes host, port and
 * protocol; the SDK adds `/v1`. SDK retries stay off (`maxNetworkRetries: 0`, and a closed
 * connection too: stripe.http-client.ts): transient failures belong to the core's resilience
 * policy, so retries never stack.
 */
export function createStripeClient(options: StripeOptions): StripeClient {
  const base = options.baseUrl ? new URL(options.baseUrl) : undefined;
  const protocol = base?.protocol === 'http:' ? 'http' : 'https';
  const agent =
    protocol === 'http'
      ? new http.Agent({ keepAlive: true, maxSockets: 64 })
      : new https.Agent({ keepAlive: true, maxSockets: 64 });
  const stripe = new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 0,
    timeout: options.timeoutMs,
    httpClient: new OneAttemptHttpClient(agent),
    telemetry: false,
    appInfo: { name: 'context-hub' },
    ...(base
      ? {
          protocol,
          // URL keeps IPv6 brackets in hostname; http.request wants the bare address.
          host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: base.port || (protocol === 'http' ? 80 : 443),
        }
      : {}),
  });
  return { stripe, agent };
}
