import { Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { HubMetrics } from '../../../src/monitoring/hub-metrics';
import { Test } from '@nestjs/testing';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { type Connector, type WebhookRequest, WebhookRejected } from '../../../src/connectors/contract';
import { type HubException } from '../../../src/common/problem';
import { DeliveryLog } from '../../../src/webhooks/delivery-log';
import { type WebhookJobData, WebhookQueue } from '../../../src/webhooks/webhook-queue';
import { WebhooksService } from '../../../src/webhooks/webhooks.service';
import { RECEIVED_AT, request } from './webhook-request';

const accepted = { deliveryId: 'd-1', kind: 'orders/updated', subjects: [{ orderNumber: '1001' }] };

async function setup(
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
  const registry: Pick<ConnectorRegistry, 'get'> = { get: (id: string) => connectors.get(id) as Connector };
  const seen = new Set<string>(options.seen ? ['shopify:d-1'] : []);
  /** What happened, in order: "queued <job id>", "remembered <connector>:<id>". */
  const events: string[] = [];
  const log: Pick<DeliveryLog, 'seen' | 'remember'> = {
    seen: async (c: string, id: string) => {
      if (options.redisDown) throw new Error('Connection is closed.');
      return seen.has(`${c}:${id}`);
    },
    remember: async (c: string, id: string) => {
      if (options.rememberFails) throw new Error('Connection is closed.');
      seen.add(`${c}:${id}`);
      events.push(`remembered ${c}:${id}`);
    },
  };
  const added: { data: WebhookJobData; jobId: unknown }[] = [];
  const queue = {
    add: async (data: WebhookJobData, opts: { jobId: unknown }) => {
      if (options.queueDown) throw new Error('Connection is closed.');
      added.push({ data, jobId: opts.jobId });
      events.push(`queued ${String(opts.jobId)}`);
    },
  };
  // The service as the container wires it, with its collaborators replaced (metrics kept real).
  const moduleRef = await Test.createTestingModule({
    providers: [
      WebhooksService,
      { provide: HubMetrics, useValue: new HubMetrics() },
      { provide: ConnectorRegistry, useValue: registry },
      { provide: DeliveryLog, useValue: log },
      { provide: getQueueToken(WebhookQueue.Name), useValue: queue },
    ],
  }).compile();
  return { service: moduleRef.get(WebhooksService), added, events };
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
    const { service, added } = await setup();
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
    const { service, added } = await setup({ seen: true });
    expect(await service.receive('shopify', req)).toEqual({
      status: 'duplicate',
      connector: 'shopify',
      deliveryId: 'd-1',
    });
    expect(added).toEqual([]);
  });

  it('maps rejections: signature problems 401 with the reason, an unusable payload 400', async () => {
    const stale = await setup({
      verify: () => {
        throw new WebhookRejected('timestamp_stale', 'old');
      },
    });
    expect(await problem(stale.service.receive('shopify', req))).toMatchObject({
      status: 401,
      code: 'webhook_signature_invalid',
      extensions: { reason: 'timestamp_stale' },
    });
    const bad = await setup({
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
    const { service } = await setup();
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
    const { service, events } = await setup();
    await service.receive('shopify', req);
    expect(events).toEqual(['queued shopify:d-1', 'remembered shopify:d-1']);
    expect((await service.receive('shopify', req)).status).toBe('duplicate');
  });

  it('answers 503 with Retry-After when Redis cannot dedupe, and remembers nothing it could not queue', async () => {
    const down = await setup({ redisDown: true });
    expect(await problem(down.service.receive('shopify', req))).toMatchObject({
      status: 503,
      code: 'webhook_queue_unavailable',
      headers: { 'retry-after': '30' },
    });
    const queueDown = await setup({ queueDown: true });
    expect(await problem(queueDown.service.receive('shopify', req))).toMatchObject({ status: 503 });
    // The vendor's retry is taken, not acknowledged as a repeat.
    expect(queueDown.events).toEqual([]);
  });

  it('answers queued when the job is queued but the delivery cannot be remembered', async () => {
    const { service, added } = await setup({ rememberFails: true });
    expect((await service.receive('shopify', req)).status).toBe('queued');
    expect(added).toHaveLength(1);
  });
});
