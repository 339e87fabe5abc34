import { type DataSource } from 'typeorm';

/** Any constant: every hub process takes the same PostgreSQL advisory lock before migrating. */
const MIGRATION_LOCK = 0x636f6e74; // "cont"

/**
 * Brings the schema up to date. On PostgreSQL several processes may boot at once, so they take
 * turns under an advisory lock (the second finds nothing left to do); SQLite serializes itself.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const schema = (dataSource.options as { schema?: string }).schema;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
