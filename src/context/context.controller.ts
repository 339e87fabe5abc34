import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/scopes.decorator';
import {
  CustomerContext,
  CustomerQuery,
  OrderContext,
  OrderContextQuery,
  OrderNumberParams,
  Problem,
} from './context.dto';
import { CustomerContextService } from './customer-context.service';
import { OrderContextService } from './order-context.service';

@ApiTags('context')
@ApiBearerAuth()
@Controller('v1')
export class ContextController {
  constructor(
    @Inject(OrderContextService) private readonly orders: OrderContextService,
    @Inject(CustomerContextService) private readonly customers: CustomerContextService,
  ) {}

  @Get('customers/context')
  @RequireScopes('context:read')
  @ApiOperation({
    operationId: 'getCustomerContext',
    summary: 'The customer merged across systems, their recent orders and support cases',
    description:
      'Exactly one of email or phone (international form, e.g. +442079460958). Recent orders newest first ' +
      '(limit, default 10, up to 50), each with its shipments and payments.',
  })
  @ApiOkResponse({ type: CustomerContext })
  @ApiResponse({ status: 400, type: Problem })
  @ApiResponse({
    status: 404,
    type: Problem,
    description: 'no system knows the customer (200 with notFound=empty)',
  })
  @ApiResponse({
    status: 503,
    type: Problem,
    description: 'no source that knows customers could be asked; carries sources[]',
  })
  customerContext(@Query() query: CustomerQuery): Promise<CustomerContext> {
    return this.customers.customerContext(query);
  }

  @Get('orders/:orderNumber/context')
  @RequireScopes('context:read')
  @ApiOperation({
    operationId: 'getOrderContext',
    summary: 'Everything support needs about one order, from every connected system',
    description:
      'orderNumber is the number the customer sees, with or without "#" (1001, %231001). 200 when at least one ' +
      'source knows the order, even if others failed (see sources[]). With email (the requester a help desk ' +
      "already knows) the customer's lookups start at once; it is used only when the order's customer has it.",
  })
  @ApiOkResponse({ type: OrderContext })
  @ApiResponse({ status: 400, type: Problem, description: 'orderNumber is malformed' })
  @ApiResponse({ status: 401, type: Problem })
  @ApiResponse({ status: 403, type: Problem })
  @ApiResponse({ status: 404, type: Problem, description: 'no system knows the order' })
  @ApiResponse({ status: 503, type: Problem, description: 'no source could be asked; carries sources[]' })
  orderContext(@Param() params: OrderNumberParams, @Query() query: OrderContextQuery): Promise<OrderContext> {
    return this.orders.orderContext(params.orderNumber, { email: query.email });
  }
}
