import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The ops console lists the newest actions first, all of them (admin) or one API key's: two
 * indexes so neither reads and sorts the whole table.
 */
export class ActionsByTime1764806400000 implements MigrationInterface {
  name = 'ActionsByTime1764806400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex(
      'hub_actions',
      new TableIndex({ name: 'ix_hub_actions_created', columnNames: ['created_at'] }),
    );
    await runner.createIndex(
      'hub_actions',
      new TableIndex({ name: 'ix_hub_actions_key_created', columnNames: ['api_key_name', 'created_at'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('hub_actions', 'ix_hub_actions_key_created');
    await runner.dropIndex('hub_actions', 'ix_hub_actions_created');
  }
}
