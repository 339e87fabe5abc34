import { Inject, Injectable, Logger } from '@nestjs/common';
import { customerSubject } from '../audit/audit-subject';
import { type AuditNote } from '../audit/audit-note';
import { type ApiKeyPrincipal, ApiKeyStore } from '../auth/api-key.store';
import { HubException } from '../common/problem';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { type CustomerContext } from '../context/context.schemas';
import { CustomerContextService } from '../context/customer-context.service';
import { type CardsConfig } from './cards.schema';
import { type CardLink, type CardLinkRequest } from './card-link.schema';
import { CardTokenError, mintCardToken, verifyCardToken } from './card-token';

/** Orders the card shows (its newest first); the card lists five and counts the rest. */
const CARD_ORDERS = 10;

/**
 * Card links (docs/doors/card.md): an API key mints a short-lived signed link to one customer's
 * card; whoever holds the link sees that customer's context until it expires, and nothing else.
 */
@Injectable()
export class CardsService {
  private readonly logger = new Logger(CardsService.name);

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(CustomerContextService) private readonly customers: CustomerContextService,
  ) {}

  /**
   * A link to the card of `request`'s customer. The hub is named by cards.publicUrl, else
   * webhooks.publicUrl, else `reached` (the address the minting call reached).
   */
  mint(principal: ApiKeyPrincipal, request: CardLinkRequest, reached: string, now = new Date()): CardLink {
    const cards = this.enabled();
    const ttl = Math.min(request.ttlSeconds ?? cards.ttlSeconds, cards.ttlSeconds);
    const subject = request.email ? { email: request.email } : { phone: request.phone! };
    const token = mintCardToken(
      cards.signingSecret,
      { ...subject, key: principal.name, fingerprint: principal.fingerprint },
      ttl,
      now,
    );
    this.logger.log({ key: principal.name, ttl }, 'card link minted');
    let origin = cards.publicUrl ?? this.config.webhooks.publicUrl ?? reached;
    while (origin.endsWith('/')) origin = origin.slice(0, -1);
    return {
      url: `${origin}/card#t=${token}`,
      expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
    };
  }

  /**
   * The card's data: the link's customer, as the minting key would see them now. A link whose key
   * was removed or lost `context:read` opens nothing.
   */
  async context(
    token: string | undefined,
    audit: (note: AuditNote) => void,
    now = new Date(),
  ): Promise<CustomerContext> {
    const cards = this.enabled();
    if (!token) throw refused('card_link_invalid', 'Send the link token in X-Card-Token.');
    let subject;
    try {
      subject = verifyCardToken(cards.signingSecret, token, cards.ttlSeconds, now);
    } catch (error) {
      if (!(error instanceof CardTokenError)) throw error;
      if (error.reason === 'expired')
        throw refused('card_link_expired', 'This card link has expired; mint another.');
      throw refused('card_link_invalid', 'This is not a card link the hub made.');
    }
    // The key that made the link, as configured now: removed, rotated (another value under the
    // name) or without context:read, its links open nothing. The name stays out of the answer.
    const key = this.keys.named(subject.key);
    if (!key || key.fingerprint !== subject.fingerprint || !ApiKeyStore.allows(key, ['context:read'])) {
      throw refused(
        'card_link_revoked',
        'The API key that made this link may no longer read customers; mint another.',
      );
    }
    audit({
      apiKeyName: key.name,
      detail: `card link of key ${key.name}`,
      subject: subject.email
        ? { type: 'customer', subject: customerSubject('email', subject.email) }
        : { type: 'customer', subject: customerSubject('phone', subject.phone!) },
    });
    return this.customers.customerContext({
      ...(subject.email ? { email: subject.email } : { phone: subject.phone }),
      limit: CARD_ORDERS,
      notFound: 'empty',
    });
  }

  /** The cards section of the config; 404 when the card is off. */
  enabled(): CardsConfig {
    const cards = this.config.cards;
    if (!cards) {
      throw new HubException(
        404,
        'cards_not_configured',
        'Cards not configured',
        'The customer card is off: set cards.signingSecret in the config (docs/doors/card.md).',
      );
    }
    return cards;
  }
}

function refused(code: string, detail: string): HubException {
  return new HubException(401, code, 'Unauthorized', detail);
}
