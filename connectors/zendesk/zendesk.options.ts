import { z } from 'zod';
import { baseConnectorOptions } from '../../src/connectors/contract';

/**
 * Zendesk Support. Authenticate with an API token (`email` + `apiToken`, sent as Basic
 * `{email}/token:{apiToken}`) or an OAuth access token (`oauthToken`, sent as Bearer): exactly one.
 * https://developer.zendesk.com/api-reference/introduction/security-and-auth/
 */
export const zendeskOptionsSchema = baseConnectorOptions
  .extend({
    /** The account's subdomain: `acme` for https://acme.zendesk.com. */
    subdomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, 'must be the subdomain alone, e.g. acme for acme.zendesk.com'),
    /** The agent the API token belongs to. */
    email: z.email().optional(),
    apiToken: z.string().min(1).optional(),
    oauthToken: z.string().min(1).optional(),
    /** The webhook's signing secret (X-Zendesk-Webhook-Signature); without it, POST /webhooks/{id} answers 404. */
    webhookSecret: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const token = o.email !== undefined || o.apiToken !== undefined;
    if (token && o.oauthToken !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['oauthToken'],
        message: 'use either email + apiToken or oauthToken, not both',
      });
    } else if (!token && o.oauthToken === undefined) {
      ctx.addIssue({ code: 'custom', path: ['apiToken'], message: 'set email + apiToken, or oauthToken' });
    } else if (token && o.email === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'apiToken needs the email of the agent it belongs to',
      });
    } else if (token && o.apiToken === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['apiToken'],
        message: 'email needs an apiToken (or use oauthToken)',
      });
    }
  });
export type ZendeskOptions = z.infer<typeof zendeskOptionsSchema>;

/** The Authorization header the options call for. */
export function zendeskAuthorization(o: ZendeskOptions): string {
  if (o.oauthToken) return `Bearer ${o.oauthToken}`;
  return `Basic ${Buffer.from(`${o.email}/token:${o.apiToken}`).toString('base64')}`;
}
