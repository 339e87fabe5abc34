import { Controller, HttpCode, Inject, Param, Post, type RawBodyRequest, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Public } from '../auth/scopes.decorator';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { type WebhookRequest } from '../connectors/contract';
import { Problem } from '../context/context.dto';
import { WebhookReceipt } from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

/** Inbound webhooks: no API key, the vendor's signature over the raw body is the authentication. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Post(':connectorId')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'receiveVendorWebhook',
    summary: "Receives a vendor's webhook; the next context answer reflects it",
    description:
      "No API key: the connector verifies the vendor's own signature over the raw body before anything else " +
      '(Shopify X-Shopify-Hmac-Sha256, Stripe Stripe-Signature, EasyPost X-Hmac-Signature, AfterShip ' +
      'aftership-hmac-sha256, ShipBob Standard Webhooks, HubSpot X-HubSpot-Signature-v3, Zendesk ' +
      "X-Zendesk-Webhook-Signature) with the connector's webhookSecret. A delivery id seen before is " +
      'acknowledged (200, status duplicate) and ignored; a new one is queued (202) and a worker drops the ' +
      'fresh last-good copies it makes outdated.',
  })
  @ApiParam({
    name: 'connectorId',
    description: 'a connector id from the config, e.g. shopify',
    example: 'shopify',
  })
  @ApiBody({
    required: false,
    description: "the vendor's own event, byte for byte as the vendor signed it (JSON)",
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiAcceptedResponse({ type: WebhookReceipt, description: 'verified and queued' })
  @ApiOkResponse({ type: WebhookReceipt, description: 'a delivery seen before: acknowledged, nothing done' })
  @ApiResponse({
    status: 400,
    type: Problem,
    description: 'signed, but not a payload the connector can read',
  })
  @ApiResponse({
    status: 401,
    type: Problem,
    description: 'webhook_signature_invalid: signature missing, wrong, or its timestamp outside 5 minutes',
  })
  @ApiResponse({ status: 404, type: Problem, description: 'connector_not_found, or webhook_not_configured' })
  @ApiResponse({ status: 413, type: Problem, description: 'body over the size limit' })
  @ApiResponse({ status: 415, type: Problem, description: 'body not sent as JSON' })
  @ApiResponse({ status: 503, type: Problem, description: 'Redis unavailable; the vendor retries later' })
  async receive(
    @Param('connectorId') connectorId: string,
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookReceipt> {
    const receipt = await this.webhooks.receive(
      connectorId,
      webhookRequest(req, this.config.webhooks.publicUrl),
    );
    if (receipt.status === 'duplicate') reply.status(200);
    return receipt;
  }
}

/** The request as the vendor sent it: raw body bytes (NestFactory rawBody), the public URL it called. */
function webhookRequest(req: RawBodyRequest<FastifyRequest>, publicUrl: string | undefined): WebhookRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  }
  const origin = publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  return {
    method: req.method,
    url: `${origin}${req.url}`,
    headers,
    rawBody: req.rawBody ?? Buffer.alloc(0),
    receivedAt: new Date(),
  };
}
