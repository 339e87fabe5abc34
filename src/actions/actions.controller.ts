import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { Principal } from '../auth/principal.decorator';
import { RequireScopes } from '../auth/scopes.decorator';
import { HubException } from '../common/problem';
import { OrderNumberParams, Problem } from '../context/context.dto';
import { ZodValidationException } from 'nestjs-zod';
import { Action, ActionIdParams } from './actions.dto';
import { ActionBodySchema, IdempotencyKeySchema } from './action-request.schema';
import { ActionsService } from './actions.service';
import { bodySchema } from '../openapi/body-schema';

@ApiTags('actions')
@ApiBearerAuth()
@Controller('v1')
export class ActionsController {
  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  @Post('orders/:orderNumber/actions')
  @HttpCode(202)
  @RequireScopes('actions:write')
  @ApiOperation({
    operationId: 'requestOrderAction',
    summary: 'Cancel, refund, annotate, replace or credit an order; runs in the background with retries',
    description:
      'Stored before the 202, then run by a queue with bounded exponential backoff. The same Idempotency-Key ' +
      "with the same body returns the same action; with another body, 409. A refund or store credit above the API key's " +
      'refundLimit waits for approval as a task (status "manual" with taskId), as does a remedy its playbook ' +
      'offers with approval, or a replacement or store credit no playbook decision names. `decision` names ' +
      'the playbook decision the action carries out: the hub decides again and refuses what it does not offer ' +
      '(422), one decision at a time per order (409 order_busy when another stays stuck past the request deadline + 5 s; 503 while the remedies granted or ' +
      'the lock cannot be read). What fails for good becomes a manual-backup task (status "manual").',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'unique per intended action, e.g. a UUID',
  })
  @ApiBody({ schema: bodySchema(ActionBodySchema) })
  @ApiAcceptedResponse({ type: Action })
  @ApiResponse({ status: 400, type: Problem })
  @ApiResponse({
    status: 404,
    type: Problem,
    description: 'no such route: an order number that is not one path segment (10/37)',
  })
  @ApiResponse({
    status: 409,
    type: Problem,
    description: 'Idempotency-Key reused with another body, or another remedy being decided for the order',
  })
  @ApiResponse({ status: 413, type: Problem, description: 'body over the size limit' })
  @ApiResponse({
    status: 415,
    type: Problem,
    description: 'a body in a media type the hub does not read (send application/json)',
  })
  @ApiResponse({
    status: 422,
    type: Problem,
    description:
      'no configured connector can perform it, or the decision it names does not offer it now ' +
      '(decision_changed, remedy_not_offered, remedy_amount_exceeds_offer, decision_not_found)',
  })
  @ApiResponse({
    status: 503,
    type: Problem,
    description:
      'an action naming a decision while what was granted (remedies_unknown), the order (sources_unavailable) ' +
      'or its turn (order_lock_unavailable) cannot be read: send it again shortly',
  })
  async submit(
    @Principal() principal: ApiKeyPrincipal,
    @Param() params: OrderNumberParams,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() raw: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Action> {
    const key = IdempotencyKeySchema.safeParse(idempotencyKey);
    if (!key.success) {
      throw HubException.badRequest('Send an Idempotency-Key header with each action request.', [
        { path: 'headers.idempotency-key', message: key.error.issues[0].message },
      ]);
    }
    // A union of bodies cannot be a DTO class, so it is validated here with the same schema.
    const body = ActionBodySchema.safeParse(raw ?? {});
    if (!body.success) throw new ZodValidationException(body.error);
    const { action } = await this.actions.submit(principal, params.orderNumber, key.data, body.data);
    reply.header('location', `/v1/actions/${action.id}`);
    return action;
  }

  @Get('actions/:id')
  @RequireScopes('actions:write')
  @ApiOperation({
    operationId: 'getAction',
    summary: "An action's status, attempts, last error, result or resolution",
    description:
      'Poll after requestOrderAction until status is succeeded, failed, manual (a person has it: taskId) or ' +
      "cancelled. Only the key that asked sees its actions (admin: any); another key's id answers 404.",
  })
  @ApiOkResponse({ type: Action })
  @ApiResponse({ status: 400, type: Problem, description: 'id is not an action id' })
  @ApiResponse({ status: 404, type: Problem })
  get(@Principal() principal: ApiKeyPrincipal, @Param() params: ActionIdParams): Promise<Action> {
    return this.actions.get(principal, params.id);
  }
}
