import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Remedies carried out (issue 16): the playbook decision an action carries out, and an index to
 * read one order's actions, which its context lists as the remedies already granted.
 */
export class ActionDecisions1764892800000 implements MigrationInterface {
  name = 'ActionDecisions1764892800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'hub_actions',
      new TableColumn({ name: 'decision', type: 'text', isNullable: true }),
    );
    await runner.createIndex(
      'hub_actions',
      new TableIndex({ name: 'ix_hub_actions_order', columnNames: ['order_number', 'created_at'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('hub_actions', 'ix_hub_actions_order');
    await runner.dropColumn('hub_actions', 'decision');
  }
}
