import { z } from 'zod';
import { Sources } from './common.schema';
import { Timestamp } from './money.schema';
import { ShipmentStatus } from './status.enums';

export const ShipmentEventSchema = z
  .object({
    at: Timestamp,
    status: ShipmentStatus,
    description: z.string(),
    location: z.string().optional(),
  })
  .meta({ id: 'ShipmentEvent' });

export const ShipmentSchema = z
  .object({
    id: z.string(),
    carrier: z.string().optional(),
    service: z.string().optional(),
    trackingNumber: z.string().optional(),
    trackingUrl: z.string().optional(),
    status: ShipmentStatus,
    statusDetail: z.string().optional().describe("the source's own detail code"),
    warehouseStatus: z
      .enum(['processing', 'on_hold', 'exception', 'shipped', 'cancelled', 'unknown'])
      .optional(),
    shippedAt: Timestamp.optional(),
    estimatedDeliveryAt: Timestamp.optional(),
    promisedDeliveryAt: Timestamp.optional(),
    deliveredAt: Timestamp.optional(),
    items: z.array(z.object({ sku: z.string().optional(), quantity: z.number().int() })).optional(),
    events: z.array(ShipmentEventSchema).describe('newest first'),
    sources: Sources,
  })
  .meta({ id: 'Shipment' });
export type Shipment = z.infer<typeof ShipmentSchema>;
