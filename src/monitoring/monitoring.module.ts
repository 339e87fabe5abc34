import { Global, Module } from '@nestjs/common';
import { AlertWebhook } from './alert-webhook';
import { InterfaceMonitor } from './interface-monitor';
import { InterfacesController } from './interfaces.controller';

@Global()
@Module({
  controllers: [InterfacesController],
  providers: [InterfaceMonitor, AlertWebhook],
  exports: [InterfaceMonitor, AlertWebhook],
})
export class MonitoringModule {}
