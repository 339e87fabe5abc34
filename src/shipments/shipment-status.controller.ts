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
      'Needs the order number and a second factor (email or postalCode) that must match the order; a mismatch ' +
      'answers exactly like an unknown order (404). The answer holds no personal or payment data. `message` is ' +
      'in the language asked (?locale=, else Accept-Language; en, de, fr, es, it, nl, ja; else English), its ' +
      "dates in the shop's time zone.",
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
