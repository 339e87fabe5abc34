import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type HubConfig } from '../config/config.schema';
import { dataSourceOptions } from './database.options';
import { migrate } from './migrate';

/**
 * The SQL database (actions, manual-backup tasks): SQLite by default, PostgreSQL when
 * `database.url` / DATABASE_URL says so. Migrations run at boot, before the port opens.
 */
@Module({})
export class DatabaseModule {
  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.database),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            const applied = await migrate(dataSource);
            if (applied.length) new Logger('Database').log(`migrations applied: ${applied.join(', ')}`);
            return dataSource;
          },
        }),
      ],
    };
  }
}
