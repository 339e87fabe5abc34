import http from 'node:http';
import https from 'node:https';
import Shopify from 'shopify-api-node';
import { type ShopifyOptions } from './shopify.options';

/**
 * Builds the shopify-api-node client. It always targets https://<shop>; `baseUrl` (sandbox, tests,
 * egress proxy) is applied in got's beforeRequest hook, which must rewrite url, protocol, hostname
 * and port together or got keeps the https request function ("Protocol http: not supported").
 * Retries stay off here: throttling is handled by the connector and transient failures by the
 * core's resilience policy, so retries never stack.
 */
export function createShopifyClient(options: ShopifyOptions): Shopify {
  const agent = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  const base = options.baseUrl ? new URL(options.baseUrl) : undefined;
  const hooks = base
    ? {
        beforeRequest: [
          (req: { url: URL; protocol?: string; hostname?: string; port?: string | number }) => {
            const prefix = base.pathname.replace(/\/$/, '');
            const target = new URL(`${prefix}${req.url.pathname}${req.url.search}`, base.origin);
            req.url = target;
            req.protocol = target.protocol;
            req.hostname = target.hostname;
            req.port = target.port;
          },
        ],
      }
    : undefined;
  return new Shopify({
    shopName: options.shop,
    accessToken: options.accessToken,
    apiVersion: options.apiVersion,
    timeout: options.timeoutMs,
    maxRetries: 0,
    agent,
    ...(hooks ? { hooks } : {}),
  } as unknown as Shopify.IPrivateShopifyConfig);
}

export function destroyAgents(client: Shopify): void {
  const agent = (client as unknown as { options: { agent?: { http: http.Agent; https: https.Agent } } })
    .options.agent;
  agent?.http.destroy();
  agent?.https.destroy();
}
