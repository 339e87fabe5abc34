import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/scopes.decorator';
import { OrderNumberParams, Problem } from '../context/context.dto';
import { RemediesAnswer, RemediesQuery } from './remedies.dto';
import { RemediesService } from './remedies.service';

@ApiTags('playbooks')
@ApiBearerAuth()
@Controller('v1/orders')
export class RemediesController {
  constructor(@Inject(RemediesService) private readonly remedies: RemediesService) {}

  @Get(':orderNumber/remedies')
  @RequireScopes('context:read')
  @ApiOperation({
    operationId: 'getOrderRemedies',
    summary: 'What support may offer for this order now, by the playbooks, and why',
    description:
      'Runs the playbooks (docs/playbooks.md) on the order as the hub sees it now: the situation the customer ' +
      'reports (situation, with the items by SKU) and any the order shows by itself (a parcel overdue). Each ' +
      'decision names the rule that matched and why, and lists the remedies with amounts, who may offer them ' +
      '(channel=bot shows only what a bot may) and whether they need approval. The facts the rules read come ' +
      'with the answer, to test a playbook against an order before deploying it.',
  })
  @ApiOkResponse({ type: RemediesAnswer })
  @ApiResponse({
    status: 400,
    type: Problem,
    description: 'a malformed order number, a situation no playbook answers, or a SKU not on the order',
  })
  @ApiResponse({ status: 404, type: Problem, description: 'no system knows the order' })
  @ApiResponse({ status: 503, type: Problem, description: 'no source could be asked; carries sources[]' })
  remediesFor(@Param() params: OrderNumberParams, @Query() query: RemediesQuery): Promise<RemediesAnswer> {
    return this.remedies.forOrder(params.orderNumber, query);
  }
}
