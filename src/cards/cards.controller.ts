import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { noteForAudit } from '../audit/audit-note';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { Public, RequireScopes } from '../auth/scopes.decorator';
import { header, LimitKeyless, perCredential } from '../rate-limit/keyless-limit';
import { CustomerContext, Problem } from '../context/context.dto';
import { CardLink, CardLinkRequest } from './cards.dto';
import { CardsService } from './cards.service';

@ApiTags('cards')
@Controller('v1/cards')
export class CardsController {
  constructor(@Inject(CardsService) private readonly cards: CardsService) {}

  @Post('links')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireScopes('context:read')
  @ApiOperation({
    operationId: 'createCardLink',
    summary: "A short-lived link to one customer's card, for a helpdesk that embeds an iframe",
    description:
      'Mint it server-side with your API key, then put the url in an iframe or open it (docs/doors/card.md). ' +
      'The link shows only this customer, only until expiresAt, and stops working if the key is removed. ' +
      'The key itself never appears in the link.',
  })
  @ApiCreatedResponse({ type: CardLink })
  @ApiResponse({ status: 400, type: Problem })
  @ApiResponse({
    status: 404,
    type: Problem,
    description: 'cards_not_configured: cards.signingSecret is not set',
  })
  mint(@Body() body: CardLinkRequest, @Req() req: AuthenticatedRequest): CardLink {
    return this.cards.mint(req.principal!, body, `${req.protocol}://${req.host}`);
  }

  @Get('context')
  @Public()
  @ApiSecurity('cardToken')
  @LimitKeyless(perCredential('card', header('x-card-token')))
  @ApiHeader({
    name: 'X-Card-Token',
    required: true,
    description: 'the token from the card link (after #t=)',
  })
  @ApiOperation({
    operationId: 'getCardContext',
    summary: "The card page's data: the linked customer's context",
    description:
      'Called by the card page (/card) with the token of its link. 200 with customer null when no system ' +
      'knows the customer; 401 card_link_invalid, card_link_expired or card_link_revoked otherwise.',
  })
  @ApiOkResponse({ type: CustomerContext })
  @ApiResponse({ status: 401, type: Problem })
  @ApiResponse({ status: 503, type: Problem, description: 'no source that knows customers could be asked' })
  context(
    @Headers('x-card-token') token: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<CustomerContext> {
    return this.cards.context(token, (note) => noteForAudit(req, note));
  }
}
