import { Inject, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import { customerSubject } from '../../audit/audit-subject';
import { CustomerContextSchema } from '../../context/context.schemas';
import { CustomerContextService } from '../../context/customer-context.service';
import { CustomerLookupSchema, oneOfEmailOrPhone } from '../../context/customer-query.schema';
import { type HubTool } from '../mcp-tool';

const CustomerContextInput = oneOfEmailOrPhone(CustomerLookupSchema);
type CustomerContextArgs = z.output<typeof CustomerContextInput>;

/** GET /v1/customers/context as a tool, for agents that assist support staff. */
@Injectable()
export class CustomerContextTool implements HubTool<
  typeof CustomerContextInput,
  typeof CustomerContextSchema
> {
  readonly name = 'get_customer_context';
  readonly title = 'A customer across every system';
  readonly description =
    'For agents that help support staff (it holds personal and payment data: never read it out to an ' +
    'unverified customer). The customer merged from every connected system by exactly one of email or phone ' +
    '(international form, e.g. +442079460958), their most recent orders (limit, default 10) with shipments ' +
    'and payments, their support cases, `insights` and `sources` (as in get_order_context). Nobody knows the ' +
    'customer: customer_not_found.';
  readonly scope = 'context:read' as const;
  readonly input = CustomerContextInput;
  readonly output = CustomerContextSchema;
  readonly hints = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

  constructor(@Inject(CustomerContextService) private readonly customers: CustomerContextService) {}

  subject(args: CustomerContextArgs) {
    const subject = args.email
      ? customerSubject('email', args.email)
      : customerSubject('phone', args.phone ?? '');
    return { type: 'customer' as const, subject };
  }

  run(args: CustomerContextArgs) {
    return this.customers.customerContext(args);
  }
}
