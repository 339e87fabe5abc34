import { z } from 'zod';

/** Every enum ends in `unknown`: a vendor value no mapping knows becomes `unknown`, never a guess. */
export const FinancialStatus = z
  .enum([
    'pending',
    'authorized',
    'partially_paid',
    'paid',
    'partially_refunded',
    'refunded',
    'voided',
    'expired',
    'unknown',
  ])
  .meta({ id: 'FinancialStatus' });

export const FulfillmentStatus = z
  .enum([
    'unfulfilled',
    'partially_fulfilled',
    'fulfilled',
    'in_progress',
    'on_hold',
    'scheduled',
    'restocked',
    'request_declined',
    'not_required',
    'unknown',
  ])
  .meta({ id: 'FulfillmentStatus' });

export const ShipmentStatus = z
  .enum([
    'pending',
    'info_received',
    'in_transit',
    'out_for_delivery',
    'failed_attempt',
    'available_for_pickup',
    'delivered',
    'exception',
    'returned_to_sender',
    'expired',
    'cancelled',
    'unknown',
  ])
  .meta({ id: 'ShipmentStatus' });
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

export const PaymentStatus = z.enum([
  'pending',
  'requires_action',
  'authorized',
  'succeeded',
  'failed',
  'canceled',
  'unknown',
]);
export const RefundStatus = z.enum([
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'canceled',
  'unknown',
]);
export const ReturnStatus = z.enum(['requested', 'open', 'closed', 'declined', 'canceled', 'unknown']);
export const CaseStatus = z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed', 'unknown']);
