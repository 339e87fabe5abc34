import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/scopes.decorator';
import { OrderContext, OrderNumberParams, Problem } from './context.dto';
import { ContextService } from './context.service';

@ApiTags('context')
@ApiBearerAuth()
@Controller('v1')
export class ContextController {
  constructor(@Inject(ContextService) private readonly context: ContextService) {}

  @Get('orders/:orderNumber/context')
  @RequireScopes('context:read')
  @ApiOperation({
    summary: 'Everything support needs about one order, from every connected system',
    description:
      'orderNumber is the number the customer sees, with or without "#" (1001, %231001). 200 when at least one ' +
      'source knows the order, even if others failed (see sources[]).',
  })
  @ApiOkResponse({ type: OrderContext })
  @ApiResponse({ status: 400, type: Problem, description: 'orderNumber is malformed' })
  @ApiResponse({ status: 401, type: Problem })
  @ApiResponse({ status: 403, type: Problem })
  @ApiResponse({ status: 404, type: Problem, description: 'no system knows the order' })
  @ApiResponse({ status: 503, type: Problem, description: 'no source could be asked; carries sources[]' })
  orderContext(@Param() params: OrderNumberParams): Promise<OrderContext> {
    return this.context.orderContext(params.orderNumber);
  }
}
