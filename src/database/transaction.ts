import { type DataSource, type EntityManager } from 'typeorm';

/** The transaction that runs last (or is waiting) per SQLite database; PostgreSQL needs none. */
const lastOnSqlite = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. On PostgreSQL each transaction has a connection of its own. On
 * SQLite TypeORM has one connection per process, so two transactions at once would share it: the
 * second BEGIN fails, and its rollback undoes the first one's work after that one reported
 * success. There, transactions of one process run one after another.
 */
export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type !== 'better-sqlite3') return db.transaction(work);
  const previous = lastOnSqlite.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(work),
    () => db.transaction(work),
  );
  lastOnSqlite.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
