import { Controller, HttpCode, Inject, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Public } from '../../auth/scopes.decorator';
import { LimitKeyless, perCredential } from '../../rate-limit/keyless-limit';
import { type HubConfig } from '../../config/config.schema';
import { HUB_CONFIG } from '../../config/config.tokens';
import { Problem } from '../../context/context.dto';
import { GladlyLookupAnswer } from './gladly.dto';
import { GladlyLookupSchema } from './gladly-lookup.schema';
import { GladlyService } from './gladly.service';
import { type GladlyRequest } from './gladly-signature';
import { bodySchema } from '../../openapi/body-schema';

/** One lookup as Gladly proved it: its signature, or (Basic auth alone) the credentials and the body. */
function signedLookup(req: FastifyRequest): Buffer | undefined {
  const signature = req.headers['gladly-authorization'];
  if (typeof signature === 'string' && signature) return Buffer.from(signature);
  const basic = req.headers.authorization;
  const body = (req as RawBodyRequest<FastifyRequest>).rawBody;
  return typeof basic === 'string' && body ? Buffer.concat([Buffer.from(basic), body]) : undefined;
}

/** Gladly's Lookup Adaptor: Gladly calls, signed with its own key, never with a hub API key. */
@ApiTags('doors')
@Controller('v1/doors/gladly')
export class GladlyController {
  constructor(
    @Inject(GladlyService) private readonly gladly: GladlyService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Post('lookup')
  @Public()
  @ApiSecurity('gladlySignature')
  @ApiSecurity('gladlyBasic')
  @LimitKeyless(perCredential('door:gladly', signedLookup))
  @HttpCode(200)
  @ApiOperation({
    operationId: 'gladlyLookup',
    summary: "Gladly's customer lookup: profiles for linking, and one profile with its orders",
    description:
      'Point a Gladly Lookup Adaptor here (docs/doors/gladly.md). No API key: Gladly signs each request ' +
      '(Gladly-Time and Gladly-Authorization with doors.gladly.signingSecret) and/or sends doors.gladly.basicAuth. ' +
      'BASIC finds people by email, phone or the externalCustomerId the hub gave; DETAILED answers one profile ' +
      'with flat-string customAttributes and the recent orders as ORDER transactions. Nobody found is ' +
      '200 with results: []; a system that is down still gives 200 with what the others know.',
  })
  @ApiBody({ schema: bodySchema(GladlyLookupSchema) })
  @ApiOkResponse({ type: GladlyLookupAnswer })
  @ApiResponse({ status: 400, type: Problem, description: 'signed, but not a lookup request' })
  @ApiResponse({
    status: 401,
    type: Problem,
    description: 'door_unauthorized: signature or credentials missing, wrong, or Gladly-Time too old',
  })
  @ApiResponse({ status: 404, type: Problem, description: 'door_not_configured: doors.gladly is not set' })
  @ApiResponse({ status: 413, type: Problem, description: 'body over the size limit' })
  @ApiResponse({ status: 415, type: Problem, description: 'body not sent as JSON' })
  lookup(@Req() req: RawBodyRequest<FastifyRequest>): Promise<GladlyLookupAnswer> {
    return this.gladly.answer(gladlyRequest(req, this.config.webhooks.publicUrl));
  }
}

/**
 * The request as Gladly signed it: behind a proxy that adds a path prefix (webhooks.publicUrl,
 * e.g. https://hub.example.com/hub), Gladly signed the prefixed path.
 */
function gladlyRequest(req: RawBodyRequest<FastifyRequest>, publicUrl: string | undefined): GladlyRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const [path, query = ''] = req.url.split(/\?(.*)/s);
  const prefix = publicUrl ? new URL(publicUrl).pathname.replace(/\/$/, '') : '';
  return {
    method: req.method,
    path: `${prefix}${path}`,
    query,
    headers,
    rawBody: req.rawBody ?? Buffer.alloc(0),
  };
}
