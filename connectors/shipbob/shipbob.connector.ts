import {
  type CallOptions,
  type Connector,
  type ConnectorContext,
  ConnectorError,
  RestConnector,
  type LookupSubject,
  type VendorRecord,
} from '../../src/connectors/contract';
import { shipbobWebhooks } from './shipbob.webhook';
import { SHIPBOB_API_URL, type ShipBobOptions } from './shipbob.options';
import {
  channelsReplySchema,
  ordersReplySchema,
  type ShipBobOrder,
  type ShipBobShipment,
  type ShipBobTracking,
  shipmentsReplySchema,
  trackingReplySchema,
} from './shipbob.payloads';

/** GET /shipments-tracking accepts between 1 and 25 shipment ids per request. */
const TRACKING_BATCH = 25;
/** Reference ids asked about in one GET /order, and that request's page size (ShipBob's largest). */
const REFERENCE_BATCH = 50;
const MAX_PAGE = 250;

/**
 * ShipBob (WMS), REST API 2026-01. `order.byNumber` finds the order by the shop's order number
 * (ShipBob's `reference_id`), then adds the carrier tracking of its shipments, so the one record
 * is `{ ...order, shipments: [{ ...shipment, shipment_tracking }] }` in ShipBob's own field names.
 */
export class ShipBobConnector extends RestConnector implements Connector {
  readonly type = 'shipbob';
  readonly system = 'wms' as const;
  readonly capabilities = ['order.byNumber', 'orders.byNumbers'] as const;

  constructor(options: ShipBobOptions, context: ConnectorContext) {
    super(context, {
      http: {
        vendor: 'ShipBob',
        baseUrl: options.baseUrl ?? SHIPBOB_API_URL,
        timeoutMs: options.timeoutMs,
        headers: {
          authorization: `Bearer ${options.accessToken}`,
          ...(options.channelId ? { shipbob_channel_id: String(options.channelId) } : {}),
        },
        // 429 says how long to wait in x-retry-after (seconds): https://developer.shipbob.com/rate-limit
        retryAfterHeaders: ['x-retry-after'],
      },
      mappingContext: { adminUrl: options.adminUrl.replace(/\/$/, '') },
      webhooks: options.webhookSecret ? shipbobWebhooks(options.webhookSecret) : undefined,
    });
  }

  async orderByNumber(number: string, options?: CallOptions): Promise<VendorRecord | null> {
    const [record] = await this.withTracking(await this.find([number], {}, options), options);
    return record ?? null;
  }

  /**
   * `orders.byNumbers`: the orders among `numbers` that ShipBob knows, in one `GET /order` per 50
   * numbers (ReferenceIds takes a comma-separated list) and one tracking call per 25 of their
   * shipments, instead of two calls per order: a customer's orders cost what one order costs, in
   * round trips and in ShipBob's 150 calls a minute.
   */
  async ordersByNumbers(numbers: string[], options?: CallOptions): Promise<VendorRecord[]> {
    const unique = [...new Set(numbers)];
    const groups: string[][] = [];
    for (let i = 0; i < unique.length; i += REFERENCE_BATCH)
      groups.push(unique.slice(i, i + REFERENCE_BATCH));
    // A page holds up to 250; a reference id rarely names more than one order, but must not push
    // another one off the page.
    const found = await Promise.all(groups.map((g) => this.find(g, { Limit: MAX_PAGE }, options)));
    return this.withTracking(found.flat(), options);
  }

  /** The newest order with exactly each reference id (ReferenceIds also matches longer ones). */
  private async find(
    numbers: string[],
    query: Record<string, number>,
    options?: CallOptions,
  ): Promise<ShipBobOrder[]> {
    const { data } = await this.http.get('/order', {
      query: { ReferenceIds: numbers.join(','), ...query },
      schema: ordersReplySchema,
      signal: options?.signal,
    });
    return numbers.flatMap((n) => data.find((o) => o.reference_id === n) ?? []);
  }

  /** Each order with its shipments and their carrier tracking, in ShipBob's own field names. */
  private async withTracking(orders: ShipBobOrder[], options?: CallOptions): Promise<VendorRecord[]> {
    const shipmentsOf = await Promise.all(
      orders.map((o) => (o.shipments ? Promise.resolve(o.shipments) : this.shipmentsOf(o.id, options))),
    );
    const tracking = await this.trackingOf(shipmentsOf.flat(), options);
    return orders.map((order, i) => ({
      resource: 'order',
      payload: {
        ...order,
        shipments: shipmentsOf[i].map((s) => {
          const found = tracking.get(s.id);
          return found ? { ...s, shipment_tracking: found } : s;
        }),
      },
    }));
  }

  manualLookup(subject: LookupSubject): { instructions: string; url?: string } {
    const orders = `${this.mappingContext.adminUrl}/#/order-shipment-management/orders`;
    if (subject.orderNumber) {
      return {
        instructions:
          `Open ShipBob → Orders and search for ${subject.orderNumber} (the store order number); ` +
          'the order page lists each shipment with its status, tracking number and fulfillment center.',
        url: orders,
      };
    }
    const who = subject.email ?? subject.phone;
    if (who) {
      return { instructions: `Open ShipBob → Orders and search by the recipient (${who}).`, url: orders };
    }
    return {
      instructions:
        "Open ShipBob → Orders and search for the store order number (e.g. 1001), or for the recipient's name " +
        'or email; the order page lists each shipment with its status, tracking number and fulfillment center.',
      url: orders,
    };
  }

  async healthCheck(options?: CallOptions): Promise<void> {
    await this.http.get('/channel', { schema: channelsReplySchema, signal: options?.signal });
  }

  /** Only when the order came without its `shipments` (documented as embedded, but nullable). */
  private async shipmentsOf(orderId: number, options?: CallOptions): Promise<ShipBobShipment[]> {
    try {
      const { data } = await this.http.get(`/order/${orderId}/shipment`, {
        schema: shipmentsReplySchema,
        signal: options?.signal,
      });
      return data;
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'not_found') return [];
      throw error;
    }
  }

  /**
   * Carrier tracking for the shipments that have a tracking number. It only refines what the order
   * already says (the shipment status stands in without it), so a failure here is logged and the
   * order is still answered; a passed deadline is not, since no one waits for the answer.
   */
  private async trackingOf(
    shipments: ShipBobShipment[],
    options?: CallOptions,
  ): Promise<Map<number, ShipBobTracking>> {
    const ids = shipments.filter((s) => s.tracking?.tracking_number).map((s) => s.id);
    const found = new Map<number, ShipBobTracking>();
    const batches: number[][] = [];
    for (let i = 0; i < ids.length; i += TRACKING_BATCH) batches.push(ids.slice(i, i + TRACKING_BATCH));
    try {
      const replies = await Promise.all(
        batches.map((batch) =>
          this.http.get('/shipments-tracking', {
            query: { ShipmentIds: batch.join(',') },
            schema: trackingReplySchema,
            signal: options?.signal,
          }),
        ),
      );
      for (const reply of replies)
        for (const t of reply.data) if (t.shipment_id != null) found.set(t.shipment_id, t);
    } catch (error) {
      if (!(error instanceof ConnectorError) || options?.signal?.aborted) throw error;
      this.context.logger.warn('ShipBob tracking unavailable; answering with shipment statuses', {
        connector: this.id,
        code: error.code,
      });
    }
    return found;
  }
}
