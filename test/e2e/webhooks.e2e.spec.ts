import Bull from 'bull';
import { createHmac, randomUUID } from 'node:crypto';
import { type Harness, KEYS, startHarness, until } from '../support/hub-harness';
import { TEST_REDIS_URL } from '../support/redis-prefix';

/**
 * Inbound webhooks over HTTP: each vendor's request is built and signed here the way the vendor
 * does (independently of the hub's verifiers), with the demo secrets of config/sandbox.yaml.
 */
interface Signed {
  headers: Record<string, string>;
  body: string;
  deliveryId: string;
}
interface SignOptions {
  /** Signing time, ms since the epoch (default: now). */
  at?: number;
  secret?: string;
  deliveryId?: string;
}
type Vendor = (hub: Harness, options?: SignOptions) => Signed;

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text);
const secretOf = (hub: Harness, id: string) => String(hub.config.connectors[id].webhookSecret);

const VENDORS: Record<string, Vendor> = {
  shopify(hub, o = {}) {
    const deliveryId = o.deliveryId ?? randomUUID();
    const body = JSON.stringify({
      id: 5001001,
      name: '#1001',
      order_number: 1001,
      email: 'alice.martin@example.com',
    });
    return {
      deliveryId,
      body,
      headers: {
        'x-shopify-topic': 'orders/updated',
        'x-shopify-webhook-id': deliveryId,
        'x-shopify-hmac-sha256': hmac(o.secret ?? secretOf(hub, 'shopify'), body).digest('base64'),
      },
    };
  },
  stripe(hub, o = {}) {
    const deliveryId = o.deliveryId ?? `evt_${randomUUID().replace(/-/g, '')}`;
    const t = Math.floor((o.at ?? Date.now()) / 1000);
    const body = JSON.stringify({
      id: deliveryId,
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { object: 'payment_intent', id: 'pi_1', metadata: { order_number: '1001' } } },
    });
    const v1 = hmac(o.secret ?? secretOf(hub, 'stripe'), `${t}.${body}`).digest('hex');
    return { deliveryId, body, headers: { 'stripe-signature': `t=${t},v1=${v1}` } };
  },
  easypost(hub, o = {}) {
    const deliveryId = o.deliveryId ?? `evt_${randomUUID().replace(/-/g, '')}`;
    const body = JSON.stringify({
      id: deliveryId,
      object: 'Event',
      description: 'tracker.updated',
      result: { object: 'Tracker', tracking_code: '1Z999AA10123456784', status: 'in_transit' },
    });
    const key = Buffer.from((o.secret ?? secretOf(hub, 'easypost')).normalize('NFKD'), 'utf8');
    return {
      deliveryId,
      body,
      headers: { 'x-hmac-signature': `hmac-sha256-hex=${hmac(key, body).digest('hex')}` },
    };
  },
  aftership(hub, o = {}) {
    const deliveryId = o.deliveryId ?? randomUUID();
    const body = JSON.stringify({
      event: 'tracking_update',
      event_id: deliveryId,
      msg: { id: 'trk_1', tracking_number: '1Z999AA10123456784', tag: 'InTransit' },
      ts: Math.floor(Date.now() / 1000),
    });
    const signature = hmac(o.secret ?? secretOf(hub, 'aftership'), body).digest('base64');
    return { deliveryId, body, headers: { 'aftership-hmac-sha256': signature } };
  },
  shipbob(hub, o = {}) {
    const deliveryId = o.deliveryId ?? `msg_${randomUUID()}`;
    const t = Math.floor((o.at ?? Date.now()) / 1000);
    const body = JSON.stringify({ order_id: 287001001, reference_id: '1001', shipments: [] });
    const key = Buffer.from((o.secret ?? secretOf(hub, 'shipbob')).replace(/^whsec_/, ''), 'base64');
    return {
      deliveryId,
      body,
      headers: {
        'webhook-id': deliveryId,
        'webhook-timestamp': String(t),
        'webhook-signature': `v1,${hmac(key, `${deliveryId}.${t}.${body}`).digest('base64')}`,
        'x-webhook-topic': 'order.shipped',
      },
    };
  },
  hubspot(hub, o = {}) {
    const deliveryId = o.deliveryId ?? String(Math.floor(Math.random() * 1e12));
    const t = String(o.at ?? Date.now());
    const body = JSON.stringify([
      {
        eventId: Number(deliveryId),
        subscriptionType: 'contact.propertyChange',
        objectId: 101,
        propertyName: 'email',
        propertyValue: 'alice.martin@example.com',
      },
    ]);
    // HubSpot signs the URL it calls: the hub's own (no webhooks.publicUrl in this config).
    const source = `POST${hub.hubUrl}/webhooks/hubspot${body}${t}`;
    return {
      deliveryId,
      body,
      headers: {
        'x-hubspot-signature-v3': hmac(o.secret ?? secretOf(hub, 'hubspot'), source).digest('base64'),
        'x-hubspot-request-timestamp': t,
      },
    };
  },
  zendesk(hub, o = {}) {
    const deliveryId = o.deliveryId ?? randomUUID();
    const t = new Date(o.at ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const body = JSON.stringify({
      type: 'zen:event-type:ticket.status_changed',
      id: randomUUID(),
      detail: { id: '35' },
    });
    return {
      deliveryId,
      body,
      headers: {
        'x-zendesk-webhook-signature': hmac(o.secret ?? secretOf(hub, 'zendesk'), `${t}${body}`).digest(
          'base64',
        ),
        'x-zendesk-webhook-signature-timestamp': t,
        'x-zendesk-webhook-invocation-id': deliveryId,
      },
    };
  },
};
/** The schemes that sign a timestamp (EasyPost, AfterShip and Shopify do not: repeats are caught by id). */
const TIMESTAMPED = ['stripe', 'shipbob', 'hubspot', 'zendesk'];
const SIX_MINUTES = 6 * 60_000;

describe('inbound webhooks (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  let queue: Bull.Queue;

  beforeAll(async () => {
    // Copies stay fresh for a minute: only a webhook can make the next answer see a change sooner.
    hub = await startHarness((c) => (c.lastGood.freshSeconds = 60));
    queue = new Bull('webhooks', { prefix: `${hub.config.redis.keyPrefix}:bull`, redis: TEST_REDIS_URL });
    // Connected before any test reads it: closing a queue still connecting rejects later, in
    // whichever test runs then ("Connection is closed").
    await queue.isReady();
  });
  afterAll(async () => {
    // The hub first: its worker stops taking jobs, then this reader of the same queue goes.
    await hub.close();
    await queue.close();
  });

  const send = (connector: string, signed: Pick<Signed, 'headers' | 'body'>) =>
    hub.post(`/webhooks/${connector}`, signed.body, undefined, signed.headers);
  const jobCount = async () => {
    const counts = await queue.getJobCounts();
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };
  const settled = (jobId: string) =>
    until(
      async () => (await queue.getJob(jobId))?.getState(),
      (state) => state === 'completed' || state === 'failed',
    );

  describe.each(Object.keys(VENDORS))('%s', (connector) => {
    const sign = VENDORS[connector];

    it('accepts a validly signed delivery without an API key and queues one job for it', async () => {
      const signed = sign(hub);
      const res = await send(connector, signed);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'queued', connector, deliveryId: signed.deliveryId });
      expect(await settled(`${connector}:${signed.deliveryId}`)).toBe('completed');
    });

    it('acknowledges a repeated delivery and ignores it: the queue got one job', async () => {
      const signed = sign(hub);
      const before = await jobCount();
      expect((await send(connector, signed)).status).toBe(202);
      const again = await send(connector, signed);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ status: 'duplicate', connector, deliveryId: signed.deliveryId });
      expect(await jobCount()).toBe(before + 1);
    });

    it('refuses a forged signature with 401 problem+json', async () => {
      const res = await send(connector, sign(hub, { secret: 'whsec_Zm9yZ2VkLXNlY3JldA==' }));
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'webhook_signature_invalid', reason: 'signature_invalid' });
    });

    it('refuses a body changed after signing, even by one space the JSON does not care about', async () => {
      const signed = sign(hub);
      const respaced = `${signed.body[0]} ${signed.body.slice(1)}`;
      expect(JSON.parse(respaced)).toEqual(JSON.parse(signed.body));
      expect((await send(connector, { ...signed, body: respaced })).status).toBe(401);
      const parsed = JSON.parse(signed.body);
      const changed = JSON.stringify(Array.isArray(parsed) ? [...parsed, {}] : { ...parsed, extra: 1 });
      expect((await send(connector, { ...signed, body: changed })).status).toBe(401);
    });

    it('refuses a delivery without the signature header', async () => {
      const res = await hub.post(`/webhooks/${connector}`, sign(hub).body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'webhook_signature_invalid', reason: 'signature_missing' });
    });

    if (TIMESTAMPED.includes(connector)) {
      it('refuses a delivery signed more than five minutes ago (a replay)', async () => {
        const before = await jobCount();
        const res = await send(connector, sign(hub, { at: Date.now() - SIX_MINUTES }));
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ code: 'webhook_signature_invalid', reason: 'timestamp_stale' });
        expect(await jobCount()).toBe(before);
      });
    }
  });

  it('answers 404 for a connector the config does not have', async () => {
    const res = await send('acme', VENDORS.shopify(hub));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'connector_not_found' });
  });

  it('leaves other JSON routes as they were (a bad body is still a 400 problem)', async () => {
    const res = await hub.post('/v1/orders/1001/actions', '{"type":', KEYS.helpdesk, {
      'idempotency-key': 'k-1',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('documents POST /webhooks/{connectorId} in the OpenAPI document', async () => {
    const doc = await hub.get('/docs/openapi.json');
    const op = doc.body.paths['/webhooks/{connectorId}']?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '202', '401', '404']));
    expect(op.security ?? []).toEqual([]);
  });

  describe('a parcel that hits an exception', () => {
    const context = async (orderNumber: string) =>
      (await hub.get(`/v1/orders/${orderNumber}/context`, KEYS.helpdesk)).body;
    const shipmentOf = (body: any, trackingNumber: string) =>
      body.order.shipments.find((s: { trackingNumber?: string }) => s.trackingNumber === trackingNumber);
    const flags = (body: any) => body.insights.flags.map((f: { code: string }) => f.code);
    const inTransit = (orderNumber: string) =>
      hub.world.orders
        .find((o) => String(o.number) === orderNumber)!
        .parcels.find((p) => p.status === 'in_transit')!.trackingNumber;
    const scan = async (trackingNumber: string, body: object) => {
      const res = await fetch(`${hub.sandboxUrl}/_sandbox/parcels/${trackingNumber}/scans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('shows in the next context answer once EasyPost says so, without waiting for the copy to age', async () => {
      const trackingNumber = inTransit('1004');
      const before = await context('1004');
      expect(shipmentOf(before, trackingNumber).status).toBe('in_transit');
      expect(flags(before)).not.toContain('delivery_exception');

      // The carrier scans a failed delivery: the trackers know, the hub's copies (fresh for 60 s) do not yet.
      expect((await scan(trackingNumber, { status: 'failure' })).status).toBe(200);
      expect(shipmentOf(await context('1004'), trackingNumber).status).toBe('in_transit');

      const deliveryId = `evt_${randomUUID().replace(/-/g, '')}`;
      const body = JSON.stringify({
        id: deliveryId,
        object: 'Event',
        description: 'tracker.updated',
        result: { object: 'Tracker', tracking_code: trackingNumber, status: 'failure' },
      });
      const key = Buffer.from(secretOf(hub, 'easypost').normalize('NFKD'), 'utf8');
      const res = await send('easypost', {
        body,
        headers: { 'x-hmac-signature': `hmac-sha256-hex=${hmac(key, body).digest('hex')}` },
      });
      expect(res.status).toBe(202);
      expect(await settled(`easypost:${deliveryId}`)).toBe('completed');

      const after = await context('1004');
      expect(shipmentOf(after, trackingNumber).status).toBe('exception');
      expect(flags(after)).toContain('delivery_exception');
      expect(after.insights.escalate).toBe(true);
    });

    it('works the same when the sandbox delivers its own signed AfterShip webhook', async () => {
      const trackingNumber = inTransit('1042');
      expect(flags(await context('1042'))).not.toContain('delivery_exception');
      const scanned = await scan(trackingNumber, {
        status: 'lost',
        notify: [{ vendor: 'aftership', url: `${hub.hubUrl}/webhooks/aftership` }],
      });
      expect(scanned.status).toBe(200);
      expect(scanned.body).toMatchObject({ orderNumber: '1042', status: 'lost' });
      expect(scanned.body.webhooks).toEqual([expect.objectContaining({ vendor: 'aftership', status: 202 })]);
      expect(await settled(`aftership:${scanned.body.webhooks[0].deliveryId}`)).toBe('completed');
      const after = await context('1042');
      expect(shipmentOf(after, trackingNumber).status).toBe('exception');
      expect(flags(after)).toContain('delivery_exception');
    });

    it('the sandbox refuses unknown parcels and statuses, and a reset puts scanned parcels back', async () => {
      const scanned = hub.world.orders.find((o) => o.number === 1004)!.parcels[0];
      expect((await scan('NO-SUCH-PARCEL', { status: 'failure' })).status).toBe(404);
      expect((await scan(scanned.trackingNumber, { status: 'exploded' })).body).toMatchObject({
        field: 'status',
      });
      expect(scanned.status).toBe('failure');
      await fetch(`${hub.sandboxUrl}/_sandbox/reset`, { method: 'POST' });
      expect(scanned.status).toBe('in_transit');
      const trackers = await fetch(`${hub.sandboxUrl}/v2/trackers?tracking_code=${scanned.trackingNumber}`, {
        headers: { authorization: `Basic ${Buffer.from('EZTK_sandbox:').toString('base64')}` },
      });
      expect(((await trackers.json()) as any).trackers[0].status).toBe('in_transit');
    });
  });
});

describe('a connector without a webhook secret', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => delete c.connectors.shopify.webhookSecret, { only: ['shopify'] });
  });
  afterAll(() => hub.close());

  it('answers 404 webhook_not_configured, naming the missing setting', async () => {
    const res = await hub.post('/webhooks/shopify', '{}', undefined, { 'x-shopify-hmac-sha256': 'x' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'webhook_not_configured' });
    expect(res.body.detail).toContain('connectors.shopify.webhookSecret');
  });
});
