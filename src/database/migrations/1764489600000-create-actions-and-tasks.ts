import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/** The first schema: actions (writes requested through the API) and manual-backup tasks. */
export class CreateActionsAndTasks1764489600000 implements MigrationInterface {
  name = 'CreateActionsAndTasks1764489600000';

  async up(runner: QueryRunner): Promise<void> {
    const ts = runner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const varchar = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    const at = (name: string, nullable = false) => ({ name, type: ts, isNullable: nullable });

    await runner.createTable(
      new Table({
        name: 'hub_actions',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('api_key_name', 100),
          varchar('idempotency_key', 255),
          varchar('request_hash', 64),
          varchar('order_number', 64),
          varchar('type', 20),
          varchar('connector', 40),
          text('params'),
          varchar('status', 20),
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'max_attempts', type: 'integer' },
          text('last_error', true),
          text('result', true),
          varchar('task_id', 36, true),
          text('resolution', true),
          at('created_at'),
          at('updated_at'),
          at('started_at', true),
          at('finished_at', true),
        ],
      }),
    );
    await runner.createUniqueConstraint(
      'hub_actions',
      new TableUnique({ name: 'uq_hub_actions_key', columnNames: ['api_key_name', 'idempotency_key'] }),
    );
    await runner.createIndex(
      'hub_actions',
      new TableIndex({ name: 'ix_hub_actions_status', columnNames: ['status', 'updated_at'] }),
    );

    await runner.createTable(
      new Table({
        name: 'hub_tasks',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('kind', 30),
          varchar('status', 20),
          varchar('connector', 40),
          varchar('system', 20),
          varchar('title', 300),
          text('what_failed'),
          text('instructions'),
          text('url', true),
          varchar('action_id', 36, true),
          varchar('order_number', 64, true),
          varchar('dedupe_key', 200, true),
          varchar('claimed_by', 100, true),
          at('claimed_at', true),
          varchar('resolved_by', 100, true),
          at('resolved_at', true),
          varchar('outcome', 40, true),
          text('note', true),
          at('created_at'),
          at('updated_at'),
        ],
      }),
    );
    await runner.createUniqueConstraint(
      'hub_tasks',
      new TableUnique({ name: 'uq_hub_tasks_dedupe', columnNames: ['dedupe_key'] }),
    );
    await runner.createIndex(
      'hub_tasks',
      new TableIndex({ name: 'ix_hub_tasks_status', columnNames: ['status', 'connector', 'created_at'] }),
    );
    await runner.createIndex(
      'hub_tasks',
      new TableIndex({ name: 'ix_hub_tasks_action', columnNames: ['action_id'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('hub_tasks');
    await runner.dropTable('hub_actions');
  }
}
