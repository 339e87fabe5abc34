import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control/control.routes';
import { listOrders } from './control/world.listing';
import { handleParcelScan, PARCEL_SCAN_ROUTE } from './control/parcel-scan.routes';
import { FaultController } from './faults/fault.controller';
import { BodyTooLargeError, readBody, send, truncate } from './http/http.util';
import { StatsRecorder, type Stats } from './sandbox.stats';
import { ParcelScans } from './scans/parcel.scans';
import { SANDBOX_WEBHOOK_SECRETS, type WebhookVendor } from './scans/scan.webhooks';
import { json, type VendorAdapter, type VendorReply } from './vendors/vendor.adapter';
import { createVendors } from './vendors/vendor.registry';
import { type RateLimitOptions } from './vendors/shopify/shopify.cost';
import { buildWorld } from './world/world';
import { type World } from './world/world.types';
import { WriteLedger, type WritesSnapshot } from './writes/write.ledger';

export const DEFAULT_SANDBOX_PORT = 4010;
export const DEFAULT_SANDBOX_SEED = 42;
export const DEFAULT_SHOPIFY_ACCESS_TOKEN = 'shpat_sandbox';

export interface SandboxOptions {
  /** 0 = an ephemeral port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Seed of the world and of fault decisions. Default 42. */
  seed?: number;
  /** "Now" of the world; every time in it is derived backwards from this. Default: the current time. */
  anchor?: Date;
  /** Default 'shpat_sandbox'. */
  shopifyAccessToken?: string;
  /** Shopify's query-cost bucket (default 2000 points, 100/s, enforced). */
  shopifyRateLimit?: RateLimitOptions;
  /** What the trackers sign their webhooks with (default: the demo secrets in config/sandbox.yaml). */
  webhookSecrets?: Partial<Record<WebhookVendor, string>>;
}

export interface Sandbox {
  url: string;
  port: number;
  world: World;
  faults: FaultController;
  stats(): Stats;
  /** The writes vendors performed since start or the last reset (as GET /_sandbox/writes). */
  writes(): WritesSnapshot;
  /**
   * Faults, stats, vendor rate-limit state, the write ledger, scanned parcels and every view a
   * write or a scan changed back to the start (as POST /_sandbox/reset).
   */
  reset(): void;
  /** Stops listening and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

/** Starts the simulated vendor APIs on one loopback HTTP server. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? DEFAULT_SANDBOX_SEED;
  const world = buildWorld({ seed, anchor: options.anchor ?? new Date() });
  const ledger = new WriteLedger(Date.parse(world.anchor));
  const vendors = createVendors(world, {
    shopifyAccessToken: options.shopifyAccessToken ?? DEFAULT_SHOPIFY_ACCESS_TOKEN,
    shopifyRateLimit: options.shopifyRateLimit,
    ledger,
  });
  const keys = vendors.map((v) => v.key);
  const faults = new FaultController(keys, seed);
  const stats = new StatsRecorder(keys);
  const scans = new ParcelScans(world, () => ledger.now());
  const reset = () => {
    faults.reset();
    stats.reset();
    ledger.reset();
    // The world's parcels first: the views that saw new scans are built again from them.
    scans.reset();
    for (const v of vendors) v.reset?.();
  };
  const scanDeps = {
    scans,
    vendors,
    webhookSecrets: { ...SANDBOX_WEBHOOK_SECRETS, ...options.webhookSecrets },
    now: () => ledger.now(),
  };
  const control = { faults, stats, ledger, orders: listOrders(world), reset };
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  let requestSeq = 0;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const serveVendor = async (
    vendor: VendorAdapter,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: string,
  ) => {
    const call = vendor.describe({
      method: req.method ?? 'GET',
      path: url.pathname,
      url,
      headers: req.headers,
      body,
    });
    stats.request(vendor.key, call.operation, call.write);
    const decision = faults.decide(vendor.key, call.operation);
    if (decision.kind) stats.fault(vendor.key, decision.kind);
    if (decision.kind === 'down') {
      req.socket.resetAndDestroy();
      return;
    }
    if (decision.kind === 'hang') return; // close() destroys the socket if the client never gives up
    const reply = (): VendorReply => {
      let r: VendorReply;
      if (decision.kind === 'error') r = vendor.unavailable(call);
      else if (decision.kind === 'throttle') r = vendor.throttled(call);
      else r = call.respond();
      return decision.kind === 'malformed' ? truncate(r) : r;
    };
    // latencyMs is the vendor's response time, its own work included. A read is answered from the
    // world as the request found it and leaves once its latency has passed, so replies of several
    // vendors due at the same moment do not queue behind each other's work in this one process
    // (real vendors answer in parallel). A write is applied only after its latency, so a client
    // that gave up before then leaves nothing written.
    const arrived = performance.now();
    const early = call.write ? undefined : reply();
    const left = decision.delayMs - (performance.now() - arrived);
    if (decision.delayMs > 0 && left > 0) await delay(left);
    if (closing || res.destroyed) return;
    const answer = early ?? reply();
    stats.status(vendor.key, answer.status);
    send(res, withRequestId(answer, ++requestSeq));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = req.method ?? 'GET';
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) send(res, json(413, { error: 'payload_too_large' }));
      return;
    }
    if (PARCEL_SCAN_ROUTE.test(url.pathname)) {
      send(res, await handleParcelScan(method, url.pathname, body, scanDeps));
      return;
    }
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      send(res, handleControl(method, url.pathname, body, control));
      return;
    }
    const vendor = vendors.find((v) => v.matches(method, url.pathname));
    if (!vendor) {
      stats.unmatched();
      send(
        res,
        json(404, { error: 'not_found', message: `No simulated vendor serves ${method} ${url.pathname}` }),
      );
      return;
    }
    await serveVendor(vendor, req, res, url, body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('sandbox: request failed', error);
      if (!res.headersSent) send(res, json(500, { error: 'sandbox_error', message: String(error) }));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_SANDBOX_PORT, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    world,
    faults,
    stats: () => stats.snapshot(),
    writes: () => ledger.snapshot(),
    reset,
    close: () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function withRequestId(reply: VendorReply, seq: number): VendorReply {
  return {
    ...reply,
    headers: { ...reply.headers, 'x-request-id': `sandbox-${seq.toString(16).padStart(8, '0')}` },
  };
}
