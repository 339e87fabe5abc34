import { EITHER_EMAIL_OR_PHONE } from './common-problems';
import { type CardLink } from '../../cards/card-link.schema';
import { type OperationExamples } from './operation-examples';
import { ALICE_CONTEXT, CUSTOMERS_UNAVAILABLE } from './shared-answers';

/**
 * createCardLink and getCardContext: a help desk mints a five-minute link to Alice Martin's card;
 * the card page then reads her context with the link's token.
 */

const TOKEN =
  '2nR8MEPSKb3yHsJqZz1CRnqG1GXnejXyqH8O2RCgo1z8vDcH1LNhYLe-2b_shjIWeDZMf2_EYupOqH1E4Nyn7n3-pUUaizIwAAY1kSAPSBo_TP842Up95KkJLZq7qnwn';

const LINK: CardLink = {
  url: `https://hub.example.com/card#t=${TOKEN}`,
  expiresAt: '2026-12-03T16:05:25.564Z',
};

export const CARDS_EXAMPLES: Record<string, OperationExamples> = {
  createCardLink: {
    request: { email: 'alice.martin@example.com', ttlSeconds: 300 },
    responses: {
      '201': LINK,
      '400': EITHER_EMAIL_OR_PHONE,
      '404': {
        type: 'https://context-hub.dev/problems/cards_not_configured',
        title: 'Cards not configured',
        status: 404,
        detail: 'The customer card is off: set cards.signingSecret in the config (docs/doors/card.md).',
        code: 'cards_not_configured',
        requestId: 'e4b2def8-41cb-49ec-8bf8-b1e262706202',
      },
    },
  },

  getCardContext: {
    parameters: { 'X-Card-Token': TOKEN },
    responses: {
      '200': ALICE_CONTEXT,
      '401': {
        type: 'https://context-hub.dev/problems/card_link_expired',
        title: 'Unauthorized',
        status: 401,
        detail: 'This card link has expired; mint another.',
        code: 'card_link_expired',
        requestId: '188f457d-d625-4394-9b2e-220aedfbe136',
      },
      '503': CUSTOMERS_UNAVAILABLE,
    },
  },
};
