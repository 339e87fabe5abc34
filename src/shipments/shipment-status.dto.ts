import { createZodDto } from 'nestjs-zod';
import { ShipmentStatusQuerySchema, ShipmentStatusResponseSchema } from './shipment-status.schemas';

export class ShipmentStatusQuery extends createZodDto(ShipmentStatusQuerySchema) {}
export class ShipmentStatusAnswer extends createZodDto(ShipmentStatusResponseSchema) {}
