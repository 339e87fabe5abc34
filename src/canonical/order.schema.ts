import { z } from 'zod';
import { AddressSchema, Sources } from './common.schema';
import { MoneySchema, Timestamp } from './money.schema';
import { PaymentSchema } from './payment.schema';
import { ShipmentSchema } from './shipment.schema';
import { FinancialStatus, FulfillmentStatus, ReturnStatus } from './status.enums';

export const LineItemSchema = z
  .object({
    id: z.string(),
    sku: z.string().optional(),
    title: z.string(),
    variant: z.string().optional(),
    quantity: z.number().int(),
    fulfilledQuantity: z.number().int().optional(),
    unitPrice: MoneySchema.optional(),
  })
  .meta({ id: 'LineItem' });

export const ReturnSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    status: ReturnStatus,
    createdAt: Timestamp.optional(),
    sources: Sources,
  })
  .meta({ id: 'Return' });

export const OrderSchema = z
  .object({
    id: z.string(),
    number: z.string().describe('the number the customer sees, without "#"'),
    placedAt: Timestamp,
    updatedAt: Timestamp.optional(),
    status: z.enum(['open', 'cancelled', 'closed']),
    financialStatus: FinancialStatus,
    fulfillmentStatus: FulfillmentStatus,
    cancelledAt: Timestamp.optional(),
    cancelReason: z.enum(['customer', 'declined', 'fraud', 'inventory', 'staff', 'other']).optional(),
    /** Absent only when no system that knows prices knows the order (e.g. only the WMS has it). */
    currency: z.string().optional(),
    totals: z.object({
      subtotal: MoneySchema.optional(),
      shipping: MoneySchema.optional(),
      tax: MoneySchema.optional(),
      discounts: MoneySchema.optional(),
      /** Absent only when no system that knows prices knows the order. */
      total: MoneySchema.optional(),
      refunded: MoneySchema.optional(),
    }),
    customer: z
      .object({
        id: z.string().optional(),
        email: z.string().optional(),
        name: z.string().optional(),
        /** E.164; lets the hub find the person in systems that know another email. */
        phone: z.string().optional(),
        /** The buyer's tags in the shop (e.g. "VIP"), as the order names them. */
        tags: z.array(z.string()).optional(),
      })
      .optional(),
    shippingAddress: AddressSchema.optional(),
    lineItems: z.array(LineItemSchema),
    shipments: z.array(ShipmentSchema),
    payments: z.array(PaymentSchema),
    returns: z.array(ReturnSchema),
    risk: z
      .object({
        level: z.enum(['none', 'low', 'medium', 'high', 'pending', 'unknown']),
        recommendation: z.enum(['accept', 'investigate', 'cancel', 'none', 'unknown']).optional(),
      })
      .optional(),
    tags: z.array(z.string()),
    note: z.string().optional(),
    sources: Sources,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof OrderSchema>;

/**
 * What one system knows of an order when it is not the order management system: the WMS's
 * shipments and warehouse status, the payment provider's payments. The merge folds fragments into
 * the order (docs/canonical.md "Merging"); only the number and the sources are always there.
 */
export const OrderFragmentSchema = OrderSchema.partial()
  .extend({ number: OrderSchema.shape.number, sources: Sources })
  .meta({ id: 'OrderFragment' });
export type OrderFragment = z.infer<typeof OrderFragmentSchema>;
