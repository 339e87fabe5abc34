import { Test } from '@nestjs/testing';
import { mergePayments } from '../../../src/context/merge/order.merge';
import { mergeShipments } from '../../../src/context/merge/shipments.merge';
import { Deadline } from '../../../src/context/deadline';
import { SourceCaller } from '../../../src/context/source-caller';
import { type Connector } from '../../../src/connectors/contract';
import { loggerOptions } from '../../../src/logging/logger.options';
import { SnapshotStore } from '../../../src/snapshots/snapshot.store';
import { aPayment, aShipment } from '../../support/canonical.factory';

describe('a declined provider attempt never stands in for a payment that went through', () => {
  it('keeps the PayPal payment that followed a declined card of the same amount', () => {
    const declined = aPayment({ id: 'pi_1', provider: 'stripe', status: 'failed' });
    const paypal = aPayment({
      id: 'gid://shopify/OrderTransaction/9',
      provider: 'paypal',
      status: 'succeeded',
    });
    expect(mergePayments([paypal], [declined])).toEqual([declined, paypal]);
  });

  it('still pairs two records of the same failed attempt', () => {
    const shop = aPayment({ id: 'gid://shopify/OrderTransaction/8', status: 'failed' });
    const stripe = aPayment({ id: 'pi_2', provider: 'stripe', status: 'failed' });
    expect(mergePayments([shop], [stripe])).toEqual([stripe]);
  });
});

describe("the warehouse's own guess never moves a shipment back", () => {
  it('keeps the shop\'s "delivered" over a warehouse "in_transit" without carrier tracking', () => {
    const shop = aShipment({
      trackingNumber: '1Z1',
      status: 'delivered',
      deliveredAt: '2026-11-14T10:00:00Z',
    });
    const wms = aShipment({
      id: 'w1',
      trackingNumber: '1Z1',
      status: 'in_transit',
      warehouseStatus: 'shipped',
      sources: [],
    });
    const [merged] = mergeShipments([shop], [wms], []);
    expect(merged).toMatchObject({ status: 'delivered', warehouseStatus: 'shipped' });
  });

  it('lets the warehouse report trouble on a parcel the shop thinks is moving', () => {
    const shop = aShipment({ trackingNumber: '1Z1', status: 'in_transit' });
    const wms = aShipment({ id: 'w1', trackingNumber: '1Z1', status: 'exception', sources: [] });
    expect(mergeShipments([shop], [wms], [])[0].status).toBe('exception');
  });
});

/** SourceCaller as the container wires it, on `store` (no resilience policy, monitor or fresh copies). */
async function callerWith(store: Pick<SnapshotStore, 'save' | 'load' | 'forget'>): Promise<SourceCaller> {
  const moduleRef = await Test.createTestingModule({
    providers: [SourceCaller, { provide: SnapshotStore, useValue: store }],
  }).compile();
  return moduleRef.get(SourceCaller);
}

describe('last-good copies of what no longer exists', () => {
  it('forgets the copy when the source says not found', async () => {
    const forgot: unknown[] = [];
    const store: Pick<SnapshotStore, 'save' | 'load' | 'forget'> = {
      save: async () => undefined,
      load: async () => null,
      forget: async (key) => void forgot.push(key),
    };
    const caller = await callerWith(store);
    const connector = { id: 'shopify' } as Connector;
    const deadline = new Deadline(1000);
    const outcome = await caller.ask(connector, 'order', '1001', deadline, async () => null);
    deadline.dispose();
    expect(outcome.kind).toBe('not_found');
    expect(forgot).toEqual([{ connector: 'shopify', resource: 'order', id: '1001' }]);
  });

  it('reads no copy once the shared grace after the deadline is spent', async () => {
    let loads = 0;
    const store: Pick<SnapshotStore, 'save' | 'load' | 'forget'> = {
      save: async () => undefined,
      load: async <T>() => {
        loads++;
        return { fetchedAt: '2026-11-20T00:00:00Z', data: { number: '1001' } as T };
      },
      forget: async () => undefined,
    };
    const caller = await callerWith(store);
    const connector = { id: 'shopify' } as Connector;
    // The deadline's clock, moved by the test rather than waited for.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let outcome: Awaited<ReturnType<typeof caller.ask>>;
    const deadline = new Deadline(1);
    try {
      jest.advanceTimersByTime(101); // past the deadline and its 100 ms grace
      outcome = await caller.ask(connector, 'order', '1001', deadline, async () => null);
    } finally {
      deadline.dispose();
      jest.useRealTimers();
    }
    expect(outcome.kind).toBe('failed');
    expect(loads).toBe(0);
  });

  it('aborts the calls still in flight when a request ends early', () => {
    const deadline = new Deadline(10_000);
    deadline.dispose();
    expect(deadline.signal.aborted).toBe(true);
  });
});

describe('access logs', () => {
  it('keep the path but never the query string (?email=, ?phone=, ?postalCode=)', () => {
    const serializers = (loggerOptions({}).pinoHttp as { serializers: { req: (r: object) => object } })
      .serializers;
    expect(
      serializers.req({
        id: 'r1',
        method: 'GET',
        url: '/v1/shipments/status?orderNumber=1001&email=a@b.example',
      }),
    ).toEqual({ id: 'r1', method: 'GET', url: '/v1/shipments/status' });
  });
});
