import { type z } from 'zod';
import { CustomerSchema } from './customer.schema';
import { OrderFragmentSchema, OrderSchema } from './order.schema';
import { PaymentSchema } from './payment.schema';
import { ShipmentSchema } from './shipment.schema';
import { SupportCaseSchema } from './support-case.schema';

export * from './common.schema';
export * from './customer.schema';
export * from './money.schema';
export * from './order.schema';
export * from './payment.schema';
export * from './shipment.schema';
export * from './status.enums';
export * from './support-case.schema';

/** The canonical entities a mapping file may target (`target:` in mappings/<vendor>/<resource>.yaml). */
export const CANONICAL_TARGETS = {
  order: OrderSchema,
  orderFragment: OrderFragmentSchema,
  customer: CustomerSchema,
  shipment: ShipmentSchema,
  payment: PaymentSchema,
  supportCase: SupportCaseSchema,
} as const satisfies Record<string, z.ZodType>;
export type CanonicalTarget = keyof typeof CANONICAL_TARGETS;
