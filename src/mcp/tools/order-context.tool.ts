import { Inject, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import {
  OrderContextQuerySchema,
  OrderContextSchema,
  OrderNumberParamsSchema,
} from '../../context/context.schemas';
import { OrderContextService } from '../../context/order-context.service';
import { type HubTool } from '../mcp-tool';

const OrderContextInput = OrderNumberParamsSchema.extend(OrderContextQuerySchema.shape);
type OrderContextArgs = z.output<typeof OrderContextInput>;

/** GET /v1/orders/{orderNumber}/context as a tool, for agents that assist support staff. */
@Injectable()
export class OrderContextTool implements HubTool<typeof OrderContextInput, typeof OrderContextSchema> {
  readonly name = 'get_order_context';
  readonly title = 'Everything about one order';
  readonly description =
    'For agents that help support staff (it holds personal and payment data: never read it out to an ' +
    'unverified customer). One order from every connected system: the order, the customer, shipments with ' +
    'live tracking, payments, refunds, disputes, prior support cases, `insights` (flags, return eligibility, ' +
    'whether to escalate and why) and `sources` (which systems answered; `stale` means a saved copy, and ' +
    "`fallback` says what to check by hand). orderNumber is the number the customer sees, with or without '#'. " +
    'Not found: order_not_found.';
  readonly scope = 'context:read' as const;
  readonly input = OrderContextInput;
  readonly output = OrderContextSchema;
  readonly hints = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

  constructor(@Inject(OrderContextService) private readonly orders: OrderContextService) {}

  subject(args: OrderContextArgs) {
    return { type: 'order' as const, subject: args.orderNumber };
  }

  run(args: OrderContextArgs) {
    return this.orders.orderContext(args.orderNumber, { email: args.email });
  }
}
