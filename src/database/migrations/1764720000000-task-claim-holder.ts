import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Who holds a claimed task, and admin overrides of a claim (issue 10): the API key a claim came
 * through, whether a task was resolved over someone else's claim, and a line of detail on an
 * audit row ("resolved over the claim of Dana").
 */
export class TaskClaimHolder1764720000000 implements MigrationInterface {
  name = 'TaskClaimHolder1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('hub_tasks', [
      new TableColumn({ name: 'claimed_key', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'claim_overridden', type: 'boolean', isNullable: false, default: false }),
    ]);
    await runner.addColumn(
      'hub_audit',
      new TableColumn({ name: 'detail', type: 'varchar', length: '300', isNullable: true }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('hub_audit', 'detail');
    await runner.dropColumns('hub_tasks', ['claim_overridden', 'claimed_key']);
  }
}
