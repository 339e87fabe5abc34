import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { ShipmentStatusController } from './shipment-status.controller';
import { FactorAttempts } from './factor-attempts';
import { ShipmentStatusService } from './shipment-status.service';

@Module({
  imports: [ContextModule],
  controllers: [ShipmentStatusController],
  providers: [ShipmentStatusService, FactorAttempts],
  exports: [ShipmentStatusService],
})
export class ShipmentsModule {}
