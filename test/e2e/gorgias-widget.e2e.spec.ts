import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/** A Gorgias widget template node (apps/gorgias/widget.json). */
interface Widget {
  type: string;
  path?: string;
  title?: string;
  widgets?: Widget[];
}

const TEMPLATE = JSON.parse(
  readFileSync(join(__dirname, '../../apps/gorgias/widget.json'), 'utf8'),
) as Widget;
const INTEGRATION = JSON.parse(
  readFileSync(join(__dirname, '../../apps/gorgias/integration.json'), 'utf8'),
) as { http: { url: string; method: string; headers: Record<string, string> } };

/**
 * Every `path` of the template, each with whether it resolves in `answers`: a card's path reads
 * its parent's value, a list's the items, and a path under a list resolves when any item has it.
 */
function resolve(widget: Widget, values: unknown[], at: string, out: Map<string, boolean>): void {
  let here = values;
  let where = at;
  if (widget.path !== undefined && widget.path !== '') {
    where = at ? `${at}.${widget.path}` : widget.path;
    here = values
      .map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[widget.path!] : undefined))
      .filter((v) => v !== undefined && v !== null && v !== '');
    out.set(where, (out.get(where) ?? false) || here.length > 0);
  }
  if (widget.type === 'list') {
    here = here.flatMap((v) => (Array.isArray(v) ? v : []));
    where = `${where}[]`;
  }
  for (const child of widget.widgets ?? []) resolve(child, here, where, out);
}

describe('Gorgias: the HTTP integration and its sidebar widget template (apps/gorgias)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness();
  });
  afterEach(() => hub.resetFaults());
  afterAll(() => hub.close());

  /** GET as Gorgias's HTTP integration sends it, with the ticket customer's email filled in. */
  const asGorgias = (email: string) => {
    const url = new URL(INTEGRATION.http.url.replace('{{ticket.customer.email}}', encodeURIComponent(email)));
    expect(INTEGRATION.http.method).toBe('GET');
    return hub.get(`${url.pathname}${url.search}`, KEYS.helpdesk);
  };

  it('every path of the widget template resolves in real answers (a customer with trouble, a system down)', async () => {
    const troubled = hub.world.orders.find((o) => o.number === 1037)!.email;
    // A remedy already granted on one of Alice's orders (1037's decisions stay as they are), so the
    // template's "remedies" is met.
    const refund = await hub.post(
      '/v1/orders/1001/actions',
      { type: 'refund', amount: { amount: '1.00', currency: 'USD' }, reason: 'Goodwill' },
      KEYS.helpdesk,
      { 'idempotency-key': 'gorgias-widget-refund-1001' },
    );
    expect(refund.status).toBe(202);
    const calm = await asGorgias(troubled);
    await hub.fault('stripe', { errorRate: 1 });
    const degraded = await asGorgias('alice.martin@example.com');
    expect([calm.status, degraded.status]).toEqual([200, 200]);
    const paths = new Map<string, boolean>();
    resolve(TEMPLATE, [calm.body, degraded.body], '', paths);
    expect(paths.size).toBeGreaterThan(25);
    expect([...paths].filter(([, found]) => !found).map(([path]) => path)).toEqual([]);
  });

  it('the template uses only the widget kinds Gorgias renders, and lists hold one card', () => {
    const kinds = new Set<string>();
    const walk = (w: Widget) => {
      kinds.add(w.type);
      if (w.type === 'list') expect(w.widgets?.map((c) => c.type)).toEqual(['card']);
      w.widgets?.forEach(walk);
    };
    walk(TEMPLATE);
    expect([...kinds].sort()).toEqual(['card', 'date', 'list', 'text', 'url', 'wrapper']);
  });

  it('an unknown customer is 200 with no customer and no orders, so Gorgias counts no failure', async () => {
    const res = await asGorgias('nobody.here@example.com');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customer: null, orders: [], cases: [] });
    // Without notFound=empty the same question is the documented 404.
    const strict = await hub.get('/v1/customers/context?email=nobody.here@example.com', KEYS.helpdesk);
    expect([strict.status, strict.body.code]).toEqual([404, 'customer_not_found']);
  });
});
