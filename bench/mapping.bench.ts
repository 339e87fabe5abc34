/**
 * Mapping benchmark: how long turning one Shopify order payload into a canonical order takes.
 * Prints the median per order over batches for the compiled mapping (the engine), the canonical
 * zod validation the hub runs after it (a boundary check, docs/architecture.md "Conventions" 3), and both together.
 * Target (issue #2): the mapping ≤ 20 µs per order.
 *
 *   npm run bench:mapping
 *   BENCH_SMOKE=1 npm run bench:mapping    end to end in a moment: 3 batches of 50, no target (bench/smoke.ts)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { OrderSchema } from '../src/canonical';
import { projectRoot } from '../src/common/project-root';
import { compileMapping, runMapping } from '../src/mapping/mapping.compiler';
import { MappingFileSchema } from '../src/mapping/mapping.schema';
import { MappingRegistry } from '../src/mapping/mapping.registry';
import { type ShopifyFixture, shopifyReply } from '../test/fixtures/shopify';
import { SMOKE } from './smoke';

const root = projectRoot(__dirname);
const ctx = { connector: 'shopify', adminUrl: 'https://admin.shopify.com/store/acme' };
const BATCH = SMOKE ? 50 : 2_000;
const BATCHES = SMOKE ? 3 : 25;

/**
 * The Shopify order reads the connector hands to the mapping, by name: the other `order-*`
 * fixtures are action replies (an order's few fields for a write, or a mutation's answer) and
 * `order-unknown-enums` is the odd case, not the common one.
 */
const ORDER_READS: ShopifyFixture[] = [
  'order-usd-multi-fulfillment',
  'order-jpy',
  'order-partially-refunded',
  'order-cancelled-high-risk',
];

function fixtureOrders(): unknown[] {
  return ORDER_READS.flatMap((name) => {
    const nodes: unknown = shopifyReply(name)?.data?.orders?.nodes;
    if (!Array.isArray(nodes) || nodes.length === 0) {
      throw new Error(`test/fixtures/shopify/${name}.json is not an \`orders\` reply with order nodes`);
    }
    return nodes as unknown[];
  });
}

async function measure(
  label: string,
  orders: unknown[],
  run: (order: unknown) => Promise<unknown>,
): Promise<number> {
  for (let i = 0; i < BATCH; i++) await run(orders[i % orders.length]); // warm-up: JIT and caches
  const perOrder: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) await run(orders[i % orders.length]);
    perOrder.push(Number(process.hrtime.bigint() - start) / 1000 / BATCH);
  }
  perOrder.sort((a, b) => a - b);
  const median = perOrder[Math.floor(perOrder.length / 2)];
  const p90 = perOrder[Math.floor(perOrder.length * 0.9)];
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(2).padStart(7)} µs/order   p90 ${p90.toFixed(2).padStart(7)} µs`,
  );
  return median;
}

async function main(): Promise<void> {
  const orders = fixtureOrders();
  const file = MappingFileSchema.parse(
    parseYaml(readFileSync(join(root, 'mappings/shopify/order.yaml'), 'utf8')),
  );
  const node = compileMapping(file, { name: 'shopify/order', onUnknown: () => undefined });
  const registry = new MappingRegistry({ dirs: [join(root, 'mappings')] });
  const sample = await registry.map<{ lineItems: unknown[]; shipments: unknown[]; payments: unknown[] }>(
    'shopify',
    'order',
    orders[0],
    ctx,
  );
  console.log(
    `Mapping benchmark: ${orders.length} Shopify fixture orders, ${BATCHES} batches of ${BATCH}, node ${process.version}` +
      (SMOKE ? ' (smoke run: figures meaningless)' : ''),
  );
  console.log(
    `(first order: ${sample.lineItems.length} line items, ${sample.shipments.length} shipments, ${sample.payments.length} payments)`,
  );
  const mapped = await Promise.all(orders.map((o) => runMapping(node, o, ctx)));
  const index = new Map(orders.map((o, i) => [o, i]));
  const mapping = await measure('mapping (compiled YAML → canonical order)', orders, (o) =>
    runMapping(node, o, ctx),
  );
  await measure('canonical zod validation of the result', orders, async (o) =>
    OrderSchema.parse(mapped[index.get(o)!]),
  );
  const full = await measure('mapping + validation (registry.map)', orders, (o) =>
    registry.map('shopify', 'order', o, ctx),
  );
  const target = SMOKE
    ? 'target not compared: smoke run'
    : `target ≤ 20 µs: ${mapping <= 20 ? 'met' : 'NOT met'}`;
  console.log(
    `\nResult: mapping ${mapping.toFixed(1)} µs per order (${target}); ` +
      `with canonical validation ${full.toFixed(1)} µs.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
