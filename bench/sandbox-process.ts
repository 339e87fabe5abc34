/**
 * The sandbox as the read-path benchmark runs it, in its own process: sandbox/ as `npm run
 * sandbox` serves it, but with Shopify's query-cost bucket made too large to run dry. The real bucket
 * (2,000 points, 100/s) lets a shop read only a few orders a second; under load the hub would
 * then spend its time waiting for Shopify or failing fast (and the bare fan-out would get
 * THROTTLED replies), and the benchmark would measure the rate limit instead of the servers.
 *
 *   node -r @swc-node/register bench/sandbox-process.ts   (env SANDBOX_PORT; run by context.bench.ts)
 */
import { startSandbox } from '../sandbox/sandbox.server';

async function main(): Promise<void> {
  await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? 4010),
    shopifyRateLimit: { maximumAvailable: 1e9, restoreRate: 1e9 },
  });
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error('sandbox cannot start:', error);
  process.exit(1);
});
