import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type DataSourceOptions } from 'typeorm';
import { type HubConfig } from '../config/config.schema';
import { actionEntity } from '../actions/action.entity';
import { auditEntity } from '../audit/audit.entity';
import { taskEntity } from '../tasks/task.entity';
// The entities' column helpers live apart (column-types.ts): they import those, this file imports them.
import { type DatabaseKind } from './column-types';
import { CreateActionsAndTasks1764489600000 } from './migrations/1764489600000-create-actions-and-tasks';
import { CreateAudit1764576000000 } from './migrations/1764576000000-create-audit';
import { TaskClaimHolder1764720000000 } from './migrations/1764720000000-task-claim-holder';
import { ActionsByTime1764806400000 } from './migrations/1764806400000-actions-by-time';
import { ActionDecisions1764892800000 } from './migrations/1764892800000-action-decisions';

export const MIGRATIONS = [
  CreateActionsAndTasks1764489600000,
  CreateAudit1764576000000,
  TaskClaimHolder1764720000000,
  ActionsByTime1764806400000,
  ActionDecisions1764892800000,
];

/** Where the hub's tables live: `sqlite:<file>` (default), `sqlite::memory:` or `postgres://...`. */
export function databaseKind(url: string): DatabaseKind {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/**
 * TypeORM options for `database.url`. Schema changes run as migrations at boot, never
 * `synchronize`; a SQLite file's folder is created when missing.
 */
export function dataSourceOptions(database: HubConfig['database']): DataSourceOptions {
  const kind = databaseKind(database.url);
  const common = {
    entities: [actionEntity(kind), taskEntity(kind), auditEntity(kind)],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  };
  if (kind === 'sqlite') {
    const file = database.url.slice('sqlite:'.length);
    const memory = file === ':memory:' || file === '';
    if (!memory) mkdirSync(dirname(resolve(file)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: memory ? ':memory:' : resolve(file),
      // WAL lets readers work while the worker writes; a busy writer is waited for, not failed.
      enableWAL: !memory,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: database.url,
    schema: database.schema,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  };
}
