import { z } from 'zod';
import { PhoneRegionSchema } from '../phones/phone';
import { SCOPES } from '../auth/scopes';
import { wholeNumber } from '../connectors/contract';
import { FLAG_CODES } from '../insights/insights.schema';
import { BudgetsSchema } from '../budgets/budget.schema';
import { DoorsSchema } from '../doors/doors.schema';
import { CardsSchema } from '../cards/cards.schema';
import { ConsoleSchema } from '../console/console.schema';
import { McpSchema } from '../mcp/mcp.schema';
import { TracingSchema } from '../tracing/tracing.schema';
import { ResilienceSchema } from '../resilience/resilience.schema';

const ApiKeySchema = z
  .object({
    name: z.string().min(1).describe('shown in logs and the audit trail; never the key itself'),
    key: z.string().min(12, 'must be at least 12 characters'),
    scopes: z.array(z.enum(SCOPES)).min(1),
    /**
     * The largest refund this key may run without approval, per currency ("USD": "100.00").
     * A refund above it, or in a currency not listed, waits for approval as a task. No limit
     * when absent.
     */
    refundLimit: z
      .record(
        z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD'),
        z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount such as "100.00"'),
      )
      .optional(),
    /** Requests this key may make per `rateLimit.windowSeconds`; default `rateLimit.requests`. */
    rateLimit: wholeNumber().pipe(z.number().min(1).max(1_000_000)).optional(),
  })
  .strict();

const DEFAULT_ESCALATE_ON = [
  'delivery_exception',
  'returned_to_sender',
  'payment_dispute_open',
  'fraud_risk_high',
] as const;

/** A connector section: `type` picks the connector; the rest is validated by that connector's own schema. */
const ConnectorSectionSchema = z.looseObject({ type: z.string().min(1) });

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const HubConfigSchema = z
  .object({
    server: z
      .object({
        port: wholeNumber().pipe(z.number().min(0).max(65535)).default(3000),
        host: z.string().default('0.0.0.0'),
        /**
         * What this process does (env HUB_ROLE): `api` serves HTTP and queues actions, `worker`
         * runs queued actions and interface probes, `all` both. Any number of each may share
         * Redis and PostgreSQL.
         */
        role: z.enum(['api', 'worker', 'all']).default('all'),
        /**
         * How long a client may take (docs in README "Operations"): a connection that has not sent
         * a whole request head within `headersMs`, or a whole request within `requestMs`, is cut
         * off with 408; an idle keep-alive connection is closed after `keepAliveMs` (keep it above
         * the idle timeout of the load balancer in front, e.g. 60 s on AWS ALB).
         */
        timeouts: z
          .object({
            headersMs: wholeNumber().pipe(z.number().min(100).max(120_000)).default(10_000),
            requestMs: wholeNumber().pipe(z.number().min(100).max(600_000)).default(30_000),
            keepAliveMs: wholeNumber().pipe(z.number().min(100).max(600_000)).default(65_000),
          })
          .strict()
          .prefault({})
          .refine((t) => t.requestMs >= t.headersMs, {
            message: 'requestMs must be at least headersMs (the head is part of the request)',
          }),
      })
      .strict()
      .prefault({}),
    redis: z
      .object({
        url: z
          .string()
          .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
          .default('redis://127.0.0.1:6379'),
        keyPrefix: z.string().min(1).default('hub'),
      })
      .strict()
      .default({ url: 'redis://127.0.0.1:6379', keyPrefix: 'hub' }),
    database: z
      .object({
        url: z
          .string()
          .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
          .default('sqlite:./data/hub.sqlite'),
        /** PostgreSQL schema for the hub's tables (created when missing); default `public`. */
        schema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _')
          .optional(),
      })
      .strict()
      .prefault({}),
    actions: z
      .object({
        /** Attempts per action before it becomes a manual-backup task (first try included). */
        attempts: wholeNumber().pipe(z.number().min(1).max(20)).default(6),
        /** Wait before the second attempt; doubles each time, with jitter, up to maxBackoffMs. */
        backoffMs: wholeNumber().pipe(z.number().min(10).max(600_000)).default(2_000),
        maxBackoffMs: wholeNumber().pipe(z.number().min(10).max(3_600_000)).default(60_000),
        /** How long one write may take before it counts as a timeout (its outcome is then unknown). */
        callTimeoutMs: wholeNumber().pipe(z.number().min(100).max(120_000)).default(15_000),
        /** Actions run at once per connector, per worker process. */
        concurrency: wholeNumber().pipe(z.number().min(1).max(100)).default(4),
        /** A running action whose worker stopped answering is picked up again after this. */
        stalledAfterMs: wholeNumber().pipe(z.number().min(500).max(600_000)).default(30_000),
        /** How often a worker re-queues actions the database holds but the queue lost. */
        reconcileIntervalMs: wholeNumber().pipe(z.number().min(0).max(3_600_000)).default(30_000),
      })
      .strict()
      .prefault({}),
    lastGood: z
      .object({
        /** How long a source's last good answer is kept to serve (as stale) when the source fails. */
        retentionSeconds: wholeNumber()
          .pipe(
            z
              .number()
              .min(60)
              .max(90 * 86_400),
          )
          .default(7 * 86_400),
        /** A copy younger than this answers without asking the source (absorbs bursts); 0 always asks. */
        freshSeconds: wholeNumber().pipe(z.number().min(0).max(3_600)).default(10),
      })
      .strict()
      .prefault({}),
    /** The shop's own facts. */
    shop: z
      .object({
        /** IANA time zone the shop's customers read dates in (the bot's "arrives by Thursday 4 December"). */
        timeZone: z
          .string()
          .refine(validTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York')
          .default('UTC'),
      })
      .strict()
      .prefault({}),
    policies: z
      .object({
        /** Days from delivery during which a return is accepted. */
        returnWindowDays: wholeNumber().pipe(z.number().min(0).max(365)).default(30),
        /** Days past the estimated delivery before a parcel is flagged overdue. */
        overdueGraceDays: wholeNumber().pipe(z.number().min(0).max(60)).default(1),
        /** Flags that make an answer say `escalate: true`. */
        escalateOn: z.array(z.enum(FLAG_CODES)).default([...DEFAULT_ESCALATE_ON]),
      })
      .strict()
      .default({ returnWindowDays: 30, overdueGraceDays: 1, escalateOn: [...DEFAULT_ESCALATE_ON] }),
    monitoring: z
      .object({
        /** How often every connector's cheap healthCheck runs; 0 turns probes off. */
        probeIntervalMs: wholeNumber().pipe(z.number().min(0).max(3_600_000)).default(30_000),
        /** The rolling window /v1/interfaces reports. */
        windowMs: wholeNumber().pipe(z.number().min(10_000).max(86_400_000)).default(300_000),
        /** Receives a JSON POST on every interface state change (up ⇄ degraded ⇄ down). */
        alertWebhookUrl: z.url({ protocol: /^https?$/ }).optional(),
        /** Serve /metrics without a key (for a scraper inside the network). */
        metricsPublic: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    rateLimit: z
      .object({
        /** Requests per API key per window, shared by every process (Redis); 429 with Retry-After past it. */
        requests: wholeNumber().pipe(z.number().min(1).max(1_000_000)).default(1_200),
        windowSeconds: wholeNumber().pipe(z.number().min(1).max(3_600)).default(60),
        /**
         * Requests per window one door credential may make: one signed request (Gladly, Intercom)
         * or one card link. Their own traffic differs request by request; a replay or a leaked
         * link sent again and again stops here instead of spending the vendors' budgets.
         */
        perCredential: wholeNumber().pipe(z.number().min(1).max(1_000_000)).default(30),
      })
      .strict()
      .prefault({}),
    audit: z
      .object({
        /** Audit rows older than this are deleted (hourly, by worker processes). */
        retentionDays: wholeNumber().pipe(z.number().min(1).max(3_650)).default(90),
      })
      .strict()
      .prefault({}),
    webhooks: z
      .object({
        /**
         * Where vendors reach the hub, e.g. https://hub.example.com (a path prefix is kept): HubSpot
         * signs the full URL it calls. Default: the request's own scheme and Host header.
         */
        publicUrl: z
          .url({ protocol: /^https?$/ })
          .transform((u) => u.replace(/(?<!\/)\/+$/, ''))
          .optional(),
        /**
         * How long a delivery id is remembered: a repeat within it is acknowledged and ignored.
         * Vendors retry for up to days (ShipBob: 5, Stripe: 3); default 5 days.
         */
        dedupeSeconds: wholeNumber()
          .pipe(
            z
              .number()
              .min(3_600)
              .max(30 * 86_400),
          )
          .default(5 * 86_400),
      })
      .strict()
      .prefault({}),
    /** Timeouts come from each connector's timeoutMs and the request deadline; see src/resilience. */
    resilience: ResilienceSchema.prefault({}),
    /** Each vendor's rate limit, kept by every hub process together (src/budgets, docs/budgets.md). */
    budgets: BudgetsSchema.prefault({}),
    /**
     * How phone numbers written without their country (`020 7946 0958`) are read: in the shop's
     * country, e.g. `GB` (src/phones/phone.ts). Without it such numbers have no E.164 form and
     * match no one; numbers with `+` or `00` need no region.
     */
    phones: z.object({ defaultRegion: PhoneRegionSchema.optional() }).strict().prefault({}),
    apiKeys: z.array(ApiKeySchema).default([]),
    connectors: z.record(
      z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'connector ids are lower-case letters, digits, - and _'),
      ConnectorSectionSchema,
    ),
    mappings: z
      .object({
        /** A folder whose `<vendor>/<resource>.yaml` files replace the built-in ones of the same name. */
        dir: z.string().optional(),
      })
      .strict()
      .default({}),
    playbooks: z
      .object({
        /** A folder whose `<id>.yaml` playbooks replace the built-in ones of the same id, or add to them. */
        dir: z.string().optional(),
      })
      .strict()
      .default({}),
    /** Helpdesks' own ways in, each off until configured (docs/doors/). */
    doors: DoorsSchema.prefault({}),
    /** The customer card at /card, opened by short-lived signed links (docs/doors/card.md); off until set. */
    cards: CardsSchema.optional(),
    /** OpenTelemetry traces over OTLP/HTTP, off by default (docs/operations.md "Traces"). */
    tracing: TracingSchema.prefault({}),
    /** The MCP server for AI agents at /mcp (docs/agents/mcp.md). */
    mcp: McpSchema.prefault({}),
    /** The ops console at /console for the back office and IT (docs/console.md). */
    console: ConsoleSchema.prefault({}),
    context: z
      .object({
        /** Every source is asked in parallel; none may hold the answer past this. */
        deadlineMs: wholeNumber().pipe(z.number().min(50).max(30_000)).default(2_000),
        /**
         * How long ids found for a key (a HubSpot contact id of an email) are remembered, so a later
         * answer starts the calls that need them at once (checked against a fresh lookup every
         * time); 0 remembers nothing.
         */
        rememberIdsSeconds: wholeNumber()
          .pipe(
            z
              .number()
              .min(0)
              .max(30 * 86_400),
          )
          .default(7 * 86_400),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const id of Object.keys(config.budgets.connectors)) {
      if (!(id in config.connectors)) {
        ctx.addIssue({
          code: 'custom',
          path: ['budgets', 'connectors', id],
          message: `no connector "${id}" is configured (connectors: ${Object.keys(config.connectors).join(', ')})`,
        });
      }
    }
    // Each key is one value and one name: audit rows, card links and doors acting as a key name it.
    for (const field of ['key', 'name'] as const) {
      const seen = new Map<string, number>();
      config.apiKeys.forEach((k, i) => {
        if (seen.has(k[field]))
          ctx.addIssue({
            code: 'custom',
            path: ['apiKeys', i, field],
            message: `same ${field} as apiKeys[${seen.get(k[field])}]`,
          });
        seen.set(k[field], i);
      });
    }
  });

export type HubConfig = z.infer<typeof HubConfigSchema>;
