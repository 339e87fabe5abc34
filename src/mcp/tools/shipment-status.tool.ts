import { Inject, Injectable } from '@nestjs/common';
import { negotiateLocale } from '../../shipments/bot-locale';
import {
  type ShipmentStatusQuery,
  ShipmentStatusQuerySchema,
  ShipmentStatusResponseSchema,
} from '../../shipments/shipment-status.schemas';
import { ShipmentStatusService } from '../../shipments/shipment-status.service';
import { type HubTool, type McpCall } from '../mcp-tool';

/** GET /v1/shipments/status as a tool: the same second factor, attempt limit, refusal and answer. */
@Injectable()
export class ShipmentStatusTool implements HubTool<
  typeof ShipmentStatusQuerySchema,
  typeof ShipmentStatusResponseSchema
> {
  readonly name = 'get_shipment_status';
  readonly title = 'Where is my order?';
  readonly description =
    "A customer's order status, safe to tell the customer: one plain-language `message` in their language " +
    '(`locale`: en, de, fr, es, it, nl, ja; else English), the parcels with carrier, tracking number and link, ' +
    'and `escalate` (true: hand the conversation to a person, saying why in general terms). Ask the customer ' +
    'for the order number and the email address or postal code on the order first. A wrong email or postal ' +
    'code and an unknown order give the same refusal (order_not_found); after 10 wrong tries in an hour the ' +
    'order is refused for an hour, so do not guess. The answer holds no names, addresses or payment data.';
  readonly scope = 'shipments:read' as const;
  readonly input = ShipmentStatusQuerySchema;
  readonly output = ShipmentStatusResponseSchema;
  readonly hints = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

  constructor(@Inject(ShipmentStatusService) private readonly shipments: ShipmentStatusService) {}

  subject(args: ShipmentStatusQuery) {
    return { type: 'order' as const, subject: args.orderNumber };
  }

  run(args: ShipmentStatusQuery, call: McpCall) {
    const acceptLanguage = call.request.headers['accept-language'];
    return this.shipments.status(args, negotiateLocale(args.locale, acceptLanguage));
  }
}
