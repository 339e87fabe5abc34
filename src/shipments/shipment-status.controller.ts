import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/scopes.decorator';
import { Problem } from '../context/context.dto';
import { ShipmentStatusAnswer, ShipmentStatusQuery } from './shipment-status.dto';
import { type ShipmentStatusResponse } from './shipment-status.schemas';
import { ShipmentStatusService } from './shipment-status.service';
import { negotiateLocale } from './bot-locale';

@ApiTags('bots')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentStatusController {
  constructor(@Inject(ShipmentStatusService) private readonly shipments: ShipmentStatusService) {}

  @Get('status')
  @RequireScopes('shipments:read')
  @ApiOperation({
    operationId: 'getShipmentStatus',
    summary: 'Where is my order? A safe, minimal answer for bots',
    description:
      'Use when a customer asks where their order is. First ask the customer for the order number and the ' +
      'email address or postal code on the order (the second factor): a mismatch answers exactly like an ' +
      'unknown order (404 order_not_found), and after 10 wrong tries in an hour the order is refused for an ' +
      'hour, so never guess. Tell the customer `message`: one sentence in the language asked (?locale=, else ' +
      "Accept-Language; en, de, fr, es, it, nl, ja; else English), dates in the shop's time zone; you may add " +
      '`shipments[].trackingUrl`. When `escalate` is true, hand the conversation to a person. The answer holds ' +
      'no personal or payment data. 503 sources_unavailable: the shop cannot be asked now; try later or hand over.',
  })
  @ApiOkResponse({ type: ShipmentStatusAnswer })
  @ApiResponse({ status: 400, type: Problem })
  @ApiResponse({
    status: 404,
    type: Problem,
    description: 'unknown order, or the second factor does not match',
  })
  @ApiResponse({ status: 503, type: Problem })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'the customer\'s languages (e.g. "de-CH, de;q=0.9, en;q=0.5"); ?locale= wins',
  })
  async status(
    @Query() query: ShipmentStatusQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShipmentStatusResponse> {
    const answer = await this.shipments.status(query, negotiateLocale(query.locale, acceptLanguage));
    reply.header('content-language', answer.locale);
    return answer;
  }
}
