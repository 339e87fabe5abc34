import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** The audit trail: one row per API request (issue 5). */
export class CreateAudit1764576000000 implements MigrationInterface {
  name = 'CreateAudit1764576000000';

  async up(runner: QueryRunner): Promise<void> {
    const ts = runner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const varchar = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await runner.createTable(
      new Table({
        name: 'hub_audit',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          { name: 'at', type: ts },
          varchar('api_key_name', 100, true),
          varchar('method', 10),
          varchar('route', 200),
          varchar('subject_type', 20, true),
          varchar('subject', 200, true),
          { name: 'status', type: 'integer' },
          varchar('outcome', 30),
          varchar('request_id', 100),
          { name: 'latency_ms', type: 'integer' },
        ],
      }),
    );
    await runner.createIndex('hub_audit', new TableIndex({ name: 'ix_hub_audit_at', columnNames: ['at'] }));
    await runner.createIndex(
      'hub_audit',
      new TableIndex({ name: 'ix_hub_audit_subject', columnNames: ['subject_type', 'subject', 'at'] }),
    );
    await runner.createIndex(
      'hub_audit',
      new TableIndex({ name: 'ix_hub_audit_key', columnNames: ['api_key_name', 'at'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('hub_audit');
  }
}
