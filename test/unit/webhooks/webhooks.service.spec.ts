import { Logger } from '@nestjs/common';
import { type Queue } from 'bull';
import { type ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { type Connector, type WebhookRequest, WebhookRejected } from '../../../src/connectors/contract';
import { type HubException } from '../../../src/common/problem';
import { type DeliveryLog } from '../../../src/webhooks/delivery-log';
import { type WebhookJobData } from '../../../src/webhooks/webhook-queue';
import { WebhooksService } from '../../../src/webhooks/webhooks.service';
import { RECEIVED_AT, request } from './webhook-request';

const accepted = { deliveryId: 'd-1', kind: 'orders/updated', subjects: [{ orderNumber: '1001' }] };

function setup(
  options: {
    verify?: () => typeof accepted;
    seen?: boolean;
    redisDown?: boolean;
    queueDown?: boolean;
    rememberFails?: boolean;
  } = {},
) {
  const connectors = new Map<string, Partial<Connector>>([
    ['shopify', { id: 'shopify', webhooks: { verify: options.verify ?? (() => accepted) } }],
    ['zendesk', { id: 'zendesk' }],
  ]);
  const registry = { get: (id: string) => connectors.get(id) } as unknown as ConnectorRegistry;
  const seen = new Set<string>(options.seen ? ['shopify:d-1'] : []);
  /** What happened, in order: "queued <job id>", "remembered <connector>:<id>". */
  const events: string[] = [];
  const log = {
    seen: async (c: string, id: string) => {
      if (options.redisDown) throw new Error('Connection is closed.');
      return seen.has(`${c}:${id}`);
    },
    remember: async (c: string, id: string) => {
      if (options.rememberFails) throw new Error('Connection is closed.');
      seen.add(`${c}:${id}`);
      events.push(`remembered ${c}:${id}`);
    },
  } as unknown as DeliveryLog;
  const added: { data: WebhookJobData; jobId: unknown }[] = [];
  const queue = {
    add: async (data: WebhookJobData, opts: { jobId: unknown }) => {
      if (options.queueDown) throw new Error('Connection is closed.');
      added.push({ data, jobId: opts.jobId });
      events.push(`queued ${String(opts.jobId)}`);
    },
  } as unknown as Queue<WebhookJobData>;
  return { service: new WebhooksService(registry, log, queue), added, events };
}

const req: WebhookRequest = request('{}', {});
const problem = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const { status, code } = e as HubException;
    return { status, code, headers: (e as HubException).headers, extensions: (e as HubException).extensions };
  }
  throw new Error('expected a problem');
};

describe('WebhooksService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  it('queues a verified delivery once, as job <connector>:<delivery id>', async () => {
    const { service, added } = setup();
    expect(await service.receive('shopify', req)).toEqual({
      status: 'queued',
      connector: 'shopify',
      deliveryId: 'd-1',
      kind: 'orders/updated',
    });
    expect(added).toEqual([
      {
        jobId: 'shopify:d-1',
        data: {
          connector: 'shopify',
          deliveryId: 'd-1',
          kind: 'orders/updated',
          subjects: [{ orderNumber: '1001' }],
          receivedAt: RECEIVED_AT.toISOString(),
        },
      },
    ]);
  });

  it('acknowledges a delivery seen before and queues nothing', async () => {
    const { service, added } = setup({ seen: true });
    expect(await service.receive('shopify', req)).toEqual({
      status: 'duplicate',
      connector: 'shopify',
      deliveryId: 'd-1',
    });
    expect(added).toEqual([]);
  });

  it('maps rejections: signature problems 401 with the reason, an unusable payload 400', async () => {
    const stale = setup({
      verify: () => {
        throw new WebhookRejected('timestamp_stale', 'old');
      },
    });
    expect(await problem(stale.service.receive('shopify', req))).toMatchObject({
      status: 401,
      code: 'webhook_signature_invalid',
      extensions: { reason: 'timestamp_stale' },
    });
    const bad = setup({
      verify: () => {
        throw new WebhookRejected('payload_invalid', 'no id');
      },
    });
    expect(await problem(bad.service.receive('shopify', req))).toMatchObject({
      status: 400,
      code: 'webhook_payload_invalid',
    });
  });

  it('404s an unknown connector and one without a webhook secret', async () => {
    const { service } = setup();
    expect(await problem(service.receive('acme', req))).toMatchObject({
      status: 404,
      code: 'connector_not_found',
    });
    expect(await problem(service.receive('zendesk', req))).toMatchObject({
      status: 404,
      code: 'webhook_not_configured',
    });
  });

  it('remembers a delivery only once its job is queued, so the next one is a repeat', async () => {
    const { service, events } = setup();
    await service.receive('shopify', req);
    expect(events).toEqual(['queued shopify:d-1', 'remembered shopify:d-1']);
    expect((await service.receive('shopify', req)).status).toBe('duplicate');
  });

  it('answers 503 with Retry-After when Redis cannot dedupe, and remembers nothing it could not queue', async () => {
    const down = setup({ redisDown: true });
    expect(await problem(down.service.receive('shopify', req))).toMatchObject({
      status: 503,
      code: 'webhook_queue_unavailable',
      headers: { 'retry-after': '30' },
    });
    const queueDown = setup({ queueDown: true });
    expect(await problem(queueDown.service.receive('shopify', req))).toMatchObject({ status: 503 });
    // The vendor's retry is taken, not acknowledged as a repeat.
    expect(queueDown.events).toEqual([]);
  });

  it('answers queued when the job is queued but the delivery cannot be remembered', async () => {
    const { service, added } = setup({ rememberFails: true });
    expect((await service.receive('shopify', req)).status).toBe('queued');
    expect(added).toHaveLength(1);
  });
});
