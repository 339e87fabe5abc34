import { Global, Module } from '@nestjs/common';
import { InterfaceMonitor } from './interface-monitor';
import { InterfacesController } from './interfaces.controller';

@Global()
@Module({
  controllers: [InterfacesController],
  providers: [InterfaceMonitor],
  exports: [InterfaceMonitor],
})
export class MonitoringModule {}
