import { buildCustomers } from './customers.builder';
import { fillerSpecs } from './filler.generator';
import { buildOrder, type IdKind } from './order.builder';
import { substream } from './random';
import { SCENARIOS } from './scenarios.data';
import { buildTickets } from './tickets.builder';
import { floorToSecond, iso } from './time.util';
import { type Customer, type World } from './world.types';

export * from './world.types';

export interface WorldOptions {
  seed: number;
  /** "Now" of the world: every time is derived backwards from it. */
  anchor: Date;
  /** Total number of orders (scenario orders first, then seeded filler). Default 65. */
  orders?: number;
}

export const FIRST_ORDER_NUMBER = 1001;

/**
 * Builds the seeded world. Same seed + same anchor → deep-equal worlds. Each part draws from its
 * own PRNG stream, so adding a scenario order shifts filler numbers but not filler contents.
 */
export function buildWorld(options: WorldOptions): World {
  const anchorMs = floorToSecond(options.anchor);
  const { customers, byKey } = buildCustomers(substream(options.seed, 'customers'), anchorMs);
  const lookup = new Map<string, Customer>(byKey);
  for (const c of customers) lookup.set(`#${c.id}`, c);

  const counters = new Map<IdKind, number>();
  const nextId = (kind: IdKind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return n;
  };

  const total = Math.max(options.orders ?? 65, SCENARIOS.length);
  const scenarioCtx = { rng: substream(options.seed, 'scenarios'), anchorMs, nextId, customers: lookup };
  const fillerRng = substream(options.seed, 'filler');
  const fillerCtx = { ...scenarioCtx, rng: substream(options.seed, 'filler-build') };
  const specs = fillerSpecs(fillerRng, customers, total - SCENARIOS.length);

  const orders = [
    ...SCENARIOS.map((spec, i) => buildOrder(scenarioCtx, FIRST_ORDER_NUMBER + i, spec)),
    ...specs.map((spec, i) => buildOrder(fillerCtx, FIRST_ORDER_NUMBER + SCENARIOS.length + i, spec)),
  ];

  return {
    seed: options.seed,
    anchor: iso(anchorMs),
    shop: {
      name: 'Context Hub Sandbox',
      email: 'support@context-hub-sandbox.example.com',
      currency: 'USD',
      handle: 'sandbox-shop',
    },
    customers,
    orders,
    tickets: buildTickets({ rng: substream(options.seed, 'tickets'), anchorMs, customers, lookup, orders }),
  };
}
