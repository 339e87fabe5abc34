import { Module } from '@nestjs/common';
import { AuditQueryService } from '../audit/audit.query';
import { ConsoleAssetsController } from './console-assets.controller';
import { ConsoleSignInController } from './console-sign-in.controller';
import { ConsoleTasksController } from './console-tasks.controller';
import { ConsoleController } from './console.controller';

/**
 * The ops console at /console (docs/console.md): pages rendered on the hub from the same services
 * as the API. ActionsModule (global) gives actions and tasks; CoreModule the sessions.
 */
@Module({
  // The audit trail's reader needs only the database.
  providers: [AuditQueryService],
  controllers: [ConsoleAssetsController, ConsoleSignInController, ConsoleController, ConsoleTasksController],
})
export class ConsoleModule {}
