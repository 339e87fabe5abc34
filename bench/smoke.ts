/**
 * BENCH_SMOKE=1: a benchmark runs end to end in seconds, as `npm test` runs every benchmark
 * (test/integration/scripts/npm-scripts.spec.ts) so that none can rot unseen: a few batches or a
 * couple of requests per connection instead of seconds, no waiting for the machine to calm down,
 * and no figure compared with a target. Its figures mean nothing.
 */
export const SMOKE = Boolean(process.env.BENCH_SMOKE) && process.env.BENCH_SMOKE !== '0';
