import {
  json,
  serviceUnavailable,
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
} from '../vendor.adapter';
import { type ShipBobOrderView, type ShipBobView } from './shipbob.view';

export const DEFAULT_SHIPBOB_TOKEN = 'shipbob_sandbox';

/** `/{version}/...`: ShipBob's dated API versions (2025-07, 2026-01, ...), all answered alike. */
const ROUTE = /^\/(20\d\d-\d\d)(\/[^?]*)$/;
/** GET /shipments-tracking takes between 1 and 25 shipment ids. */
const MAX_TRACKING_IDS = 25;

type Route = { operation: string; handle: (url: URL) => VendorReply };

/**
 * ShipBob REST API 2026-01, read endpoints: GET /order (ReferenceIds, IDs, HasTracking, Page,
 * Limit, SortOrder), /order/{id}, /order/{id}/shipment[/{shipmentId}], /shipment/{id},
 * /shipments-tracking?ShipmentIds=, /channel. Bearer token; 429 with x-retry-after when throttled.
 * https://developer.shipbob.com/2026-01/api
 */
export class ShipBobAdapter implements VendorAdapter {
  readonly key = 'shipbob';
  readonly describeRoutes = 'GET /2026-01/{order,shipment,shipments-tracking,channel}';

  private refreshed = false;

  constructor(
    private readonly view: ShipBobView,
    private readonly accessToken = DEFAULT_SHIPBOB_TOKEN,
    private readonly rebuild?: () => ShipBobView,
  ) {}

  /** In place: every route holds this same view object. */
  refresh(): void {
    if (!this.rebuild) return;
    Object.assign(this.view, this.rebuild());
    this.refreshed = true;
  }

  /** After the world's parcels are put back: the view as it was built at start. */
  reset(): void {
    if (this.refreshed) this.refresh();
    this.refreshed = false;
  }

  matches(_method: string, path: string): boolean {
    return ROUTE.test(path);
  }

  describe(req: VendorRequest): VendorCall {
    const route = req.method === 'GET' ? this.route(ROUTE.exec(req.path)?.[2] ?? '') : undefined;
    return {
      operation: route?.operation ?? `${req.method} (unknown route)`,
      write: req.method !== 'GET',
      respond: () => this.respond(req, route),
    };
  }

  /** https://developer.shipbob.com/rate-limit: 429, x-retry-after in seconds, x-remaining-calls. */
  throttled(): VendorReply {
    return json(
      429,
      { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
      { 'x-retry-after': '1', 'x-remaining-calls': '0' },
    );
  }

  unavailable(): VendorReply {
    return serviceUnavailable();
  }

  private respond(req: VendorRequest, route: Route | undefined): VendorReply {
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      return json(
        401,
        { message: 'Authorization has been denied for this request.' },
        { 'www-authenticate': 'Bearer' },
      );
    }
    if (req.method !== 'GET')
      return json(405, { message: `The requested resource does not support http method '${req.method}'.` });
    if (!route) return json(404, { message: 'Not Found' });
    return route.handle(req.url);
  }

  private route(path: string): Route | undefined {
    const parts = path.split('/').filter(Boolean);
    const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);
    if (parts[0] === 'order' && parts.length === 1)
      return { operation: 'GET /order', handle: (u) => this.orders(u) };
    if (parts[0] === 'order' && parts.length <= 4) {
      const order = this.view.byId.get(num(parts[1]));
      if (parts.length === 2) return { operation: 'GET /order/{id}', handle: () => found(order?.body) };
      if (parts[2] !== 'shipment') return undefined;
      if (parts.length === 3)
        return {
          operation: 'GET /order/{id}/shipment',
          handle: () => found(order && order.shipments.map((s) => s.body)),
        };
      const shipment = order?.shipments.find((s) => s.id === num(parts[3]));
      return { operation: 'GET /order/{id}/shipment/{id}', handle: () => found(shipment?.body) };
    }
    if (parts[0] === 'shipment' && parts.length === 2) {
      const hit = this.view.shipments.get(num(parts[1]));
      return { operation: 'GET /shipment/{id}', handle: () => found(hit?.shipment.body) };
    }
    if (path === '/shipments-tracking')
      return { operation: 'GET /shipments-tracking', handle: (u) => this.tracking(u) };
    if (path === '/channel')
      return {
        operation: 'GET /channel',
        handle: () => json(200, { items: [this.view.channel], next: null, prev: null }),
      };
    return undefined;
  }

  /** GET /order: filters are ANDed; a plain array, newest first unless SortOrder=Oldest. */
  private orders(url: URL): VendorReply {
    const q = url.searchParams;
    const list = (name: string) =>
      q
        .get(name)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const refs = list('ReferenceIds');
    const ids = list('IDs')?.map(Number);
    const hasTracking = q.get('HasTracking');
    const page = Math.max(1, Number(q.get('Page')) || 1);
    const limit = Math.min(250, Math.max(1, Number(q.get('Limit')) || 50));
    let orders: ShipBobOrderView[] = refs
      ? refs.map((r) => this.view.byReference.get(r)).filter((o): o is ShipBobOrderView => o !== undefined)
      : this.view.orders;
    if (ids) orders = orders.filter((o) => ids.includes(o.id));
    if (hasTracking === 'true' || hasTracking === 'false') {
      const want = hasTracking === 'true';
      orders = orders.filter((o) => o.shipments.some((s) => s.tracking) === want);
    }
    if (q.get('SortOrder') === 'Oldest') orders = [...orders].reverse();
    return json(
      200,
      orders.slice((page - 1) * limit, page * limit).map((o) => o.body),
    );
  }

  /** GET /shipments-tracking?ShipmentIds=1,2 (or repeated): shipments without tracking are left out. */
  private tracking(url: URL): VendorReply {
    const ids = url.searchParams
      .getAll('ShipmentIds')
      .flatMap((v) => v.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0 || ids.length > MAX_TRACKING_IDS || ids.some((id) => !/^\d+$/.test(id))) {
      return json(400, `ShipmentIds must list between 1 and ${MAX_TRACKING_IDS} shipment ids`);
    }
    const out = ids.map((id) => this.view.shipments.get(Number(id))?.shipment.tracking).filter(Boolean);
    return json(200, out);
  }
}

function found(body: unknown): VendorReply {
  return body === undefined ? json(404, { message: 'Not Found' }) : json(200, body);
}
