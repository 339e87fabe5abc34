import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/scopes.decorator';
import { Problem } from '../context/context.dto';
import { ShipmentStatusAnswer, ShipmentStatusQuery } from './shipment-status.dto';
import { type ShipmentStatusResponse } from './shipment-status.schemas';
import { ShipmentStatusService } from './shipment-status.service';

@ApiTags('bots')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentStatusController {
  constructor(@Inject(ShipmentStatusService) private readonly shipments: ShipmentStatusService) {}

  @Get('status')
  @RequireScopes('shipments:read')
  @ApiOperation({
    summary: 'Where is my order? A safe, minimal answer for bots',
    description:
      'Needs the order number and a second factor (email or postalCode) that must match the order; a mismatch ' +
      'answers exactly like an unknown order (404). The answer holds no personal or payment data.',
  })
  @ApiOkResponse({ type: ShipmentStatusAnswer })
  @ApiResponse({ status: 400, type: Problem })
  @ApiResponse({
    status: 404,
    type: Problem,
    description: 'unknown order, or the second factor does not match',
  })
  @ApiResponse({ status: 503, type: Problem })
  status(@Query() query: ShipmentStatusQuery): Promise<ShipmentStatusResponse> {
    return this.shipments.status(query);
  }
}
