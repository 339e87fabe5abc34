import {
  applyDecorators,
  Controller,
  HttpCode,
  Inject,
  Post,
  type RawBodyRequest,
  Req,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { noteForAudit } from '../../audit/audit-note';
import { Public } from '../../auth/scopes.decorator';
import { header, LimitKeyless, perCredential } from '../../rate-limit/keyless-limit';
import { Problem } from '../../context/context.dto';
import { IntercomCanvasAnswer } from './intercom.dto';
import { IntercomRequestSchema } from './intercom-request.schema';
import { type IntercomCall, IntercomService } from './intercom.service';
import { bodySchema } from '../../openapi/body-schema';

const SIGNED =
  'No API key: Intercom signs each request (X-Body-Signature, HMAC-SHA256 of the body with doors.intercom.clientSecret). ' +
  'Every signed request is answered with a canvas, also when a system is down or nobody is found.';

/** A Canvas Kit URL: public (Intercom's signature proves the caller), always 200 with a canvas once signed. */
function CanvasKitRoute(): MethodDecorator {
  return applyDecorators(
    Public(),
    ApiSecurity('intercomSignature'),
    // Intercom's signature carries no time: a recorded request replayed is held back here.
    LimitKeyless(perCredential('door:intercom', header('x-body-signature'))),
    HttpCode(200),
    ApiBody({ schema: bodySchema(IntercomRequestSchema) }),
    ApiOkResponse({ type: IntercomCanvasAnswer }),
    ApiResponse({ status: 400, type: Problem, description: 'a body the HTTP layer cannot read as JSON' }),
    ApiResponse({
      status: 401,
      type: Problem,
      description: 'door_unauthorized: unsigned, forged or tampered',
    }),
    ApiResponse({
      status: 404,
      type: Problem,
      description: 'door_not_configured: doors.intercom is not set',
    }),
    ApiResponse({ status: 413, type: Problem, description: 'body over the size limit' }),
    ApiResponse({ status: 415, type: Problem, description: 'body not sent as JSON' }),
  );
}

/** Intercom's inbox app (Canvas Kit): Intercom calls, signed with the app's client secret. */
@ApiTags('doors')
@Controller('v1/doors/intercom')
export class IntercomController {
  constructor(@Inject(IntercomService) private readonly intercom: IntercomService) {}

  @Post('initialize')
  @ApiOperation({
    operationId: 'intercomInitialize',
    summary: "Intercom inbox app: the conversation contact's orders, parcels, flags and return eligibility",
    description: `Canvas Kit initialize URL (docs/doors/intercom.md). ${SIGNED}`,
  })
  @CanvasKitRoute()
  initialize(@Req() req: RawBodyRequest<FastifyRequest>): Promise<IntercomCanvasAnswer> {
    return this.intercom.initialize(intercomCall(req));
  }

  @Post('submit')
  @ApiOperation({
    operationId: 'intercomSubmit',
    summary:
      "Intercom inbox app: a teammate's click (an order, a cancel, a refund, a note, a status refresh)",
    description:
      `Canvas Kit submit URL (docs/doors/intercom.md). ${SIGNED} Cancels, refunds and notes are requested ` +
      'as the API key doors.intercom.actAs names (its refund limit and approvals apply), one action per click.',
  })
  @CanvasKitRoute()
  submit(@Req() req: RawBodyRequest<FastifyRequest>): Promise<IntercomCanvasAnswer> {
    return this.intercom.submit(intercomCall(req));
  }
}

/** The request as Intercom signed it: the raw body bytes, never re-serialized JSON. */
function intercomCall(req: RawBodyRequest<FastifyRequest>): IntercomCall {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    headers,
    rawBody: req.rawBody ?? Buffer.alloc(0),
    requestId: String(req.id),
    audit: (note) => noteForAudit(req, note),
  };
}
