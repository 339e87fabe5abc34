import { FaultValidationError, UnknownVendorError, type FaultController } from '../faults/fault.controller';
import { json, type VendorReply } from '../vendors/vendor.adapter';
import { type StatsRecorder } from '../sandbox.stats';
import { type WriteLedger } from '../writes/write.ledger';
import { type OrderListing } from './world.listing';

export const CONTROL_PREFIX = '/_sandbox';

export interface ControlDeps {
  faults: FaultController;
  stats: StatsRecorder;
  ledger: WriteLedger;
  orders: OrderListing[];
  reset(): void;
}

/**
 * The sandbox's own JSON API: fault switches, request stats, the write ledger, reset and a world
 * listing.
 * Bad input is a 400 naming the field; an unknown vendor is a 404.
 */
export function handleControl(method: string, path: string, body: string, deps: ControlDeps): VendorReply {
  const route = path.slice(CONTROL_PREFIX.length).replace(/\/$/, '') || '/';
  const vendorMatch = /^\/faults\/([^/]+)$/.exec(route);
  try {
    if (route === '/' && method === 'GET') return json(200, index(deps));
    if (route === '/faults' && method === 'GET') return json(200, deps.faults.all());
    if (route === '/faults' && method === 'DELETE') {
      deps.faults.reset();
      return json(200, deps.faults.all());
    }
    if (vendorMatch) {
      const vendor = decodeURIComponent(vendorMatch[1]);
      if (method === 'GET') return json(200, deps.faults.get(vendor));
      if (method === 'DELETE') return json(200, deps.faults.clear(vendor));
      if (method === 'PUT' || method === 'PATCH') {
        if (!deps.faults.has(vendor)) throw new UnknownVendorError(vendor);
        const patch = parseObject(body);
        if (!patch)
          return json(400, { error: 'invalid_body', message: 'Body must be a JSON object', field: '(body)' });
        return json(200, deps.faults.set(vendor, patch));
      }
    }
    if (route === '/stats' && method === 'GET') return json(200, deps.stats.snapshot());
    if (route === '/writes' && method === 'GET') return json(200, deps.ledger.snapshot());
    if (route === '/reset' && method === 'POST') {
      deps.reset();
      return json(200, { reset: true });
    }
    if (route === '/world/orders' && method === 'GET') return json(200, deps.orders);
    return json(404, { error: 'not_found', message: `No sandbox control route ${method} ${path}` });
  } catch (error) {
    if (error instanceof UnknownVendorError) {
      return json(404, { error: 'unknown_vendor', message: error.message, vendors: deps.faults.vendors });
    }
    if (error instanceof FaultValidationError) {
      return json(400, {
        error: 'invalid_fault',
        message: error.message,
        field: error.issues[0]?.field,
        issues: error.issues,
      });
    }
    throw error;
  }
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function index(deps: ControlDeps) {
  return {
    vendors: deps.faults.vendors,
    endpoints: [
      'GET    /_sandbox/faults',
      'GET    /_sandbox/faults/{vendor}',
      'PUT    /_sandbox/faults/{vendor}   {"latencyMs","jitterMs","errorRate","throttleRate","hang","down","malformedRate"}',
      'DELETE /_sandbox/faults/{vendor}',
      'DELETE /_sandbox/faults',
      'GET    /_sandbox/stats',
      'GET    /_sandbox/writes',
      'POST   /_sandbox/reset',
      'GET    /_sandbox/world/orders',
      'POST   /_sandbox/parcels/{trackingNumber}/scans   {"status","message"?,"notify"?:[{"vendor":"easypost"|"aftership","url"}]}',
    ],
  };
}
