import { DEFAULT_SANDBOX_PORT, DEFAULT_SHOPIFY_ACCESS_TOKEN, startSandbox } from './sandbox.server';

/**
 * `node dist/sandbox/main.js` (or `npm run sandbox`): the simulated vendor APIs on their own,
 * for curl, the hub started elsewhere, or load benchmarks. Env: SANDBOX_PORT (default 4010),
 * SANDBOX_HOST (default 127.0.0.1), SANDBOX_SEED (default 42).
 */
async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? DEFAULT_SANDBOX_PORT),
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    ...(process.env.SANDBOX_SEED ? { seed: Number(process.env.SANDBOX_SEED) } : {}),
  });
  const u = sandbox.url;
  process.stdout.write(
    [
      `Context Hub sandbox listening on ${u}  (world: seed ${sandbox.world.seed}, anchor ${sandbox.world.anchor}, ${sandbox.world.orders.length} orders)`,
      `  Shopify GraphQL: POST ${u}/admin/api/2025-10/graphql.json  (X-Shopify-Access-Token: ${DEFAULT_SHOPIFY_ACCESS_TOKEN})`,
      `  Orders:          GET  ${u}/_sandbox/world/orders`,
      `  Faults:          GET  ${u}/_sandbox/faults   PUT|DELETE ${u}/_sandbox/faults/{vendor}   DELETE ${u}/_sandbox/faults`,
      `  Stats / reset:   GET  ${u}/_sandbox/stats    POST ${u}/_sandbox/reset`,
      `  Writes:          GET  ${u}/_sandbox/writes`,
      `  Parcel scans:    POST ${u}/_sandbox/parcels/{trackingNumber}/scans   (and signed tracker webhooks)`,
      `  Vendors:         ${sandbox.faults.vendors.join(', ')}`,
      '',
    ].join('\n'),
  );
  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: closing the sandbox\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('sandbox cannot start:', error);
  process.exit(1);
});
