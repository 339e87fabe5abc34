import {
  type CallOptions,
  type Connector,
  type ConnectorContext,
  ConnectorError,
  followIds,
  type CustomerRef,
  RestConnector,
  type LookupSubject,
  samePhone,
  SingleFlight,
  type VendorRecord,
} from '../../src/connectors/contract';
import { zendeskWebhooks } from './zendesk.webhook';
import { type ZendeskOptions, zendeskAuthorization } from './zendesk.options';
import {
  meReplySchema,
  ticketSearchReplySchema,
  type ZendeskTicket,
  type ZendeskUser,
  ticketsReplySchema,
  usersReplySchema,
} from './zendesk.payloads';

/** The first page of a requester's tickets (Zendesk's maximum page size). */
const TICKETS_PER_PAGE = 100;

/** Zendesk Support: end users and the tickets they requested. */
export class ZendeskConnector extends RestConnector implements Connector {
  readonly type = 'zendesk';
  readonly system = 'crm' as const;
  readonly capabilities = ['customer.byEmail', 'customer.byPhone', 'cases.byCustomer'] as const;
  private readonly searches = new SingleFlight<ZendeskUser[]>();
  private readonly agentUrl: string;

  constructor(options: ZendeskOptions, context: ConnectorContext) {
    // Deep links always name the real account, also when baseUrl points elsewhere (sandbox, proxy).
    const agentUrl = `https://${options.subdomain}.zendesk.com/agent`;
    super(context, {
      http: {
        vendor: 'Zendesk',
        baseUrl: options.baseUrl ?? `https://${options.subdomain}.zendesk.com/api/v2`,
        timeoutMs: options.timeoutMs,
        headers: { authorization: zendeskAuthorization(options) },
      },
      mappingContext: { agentUrl },
      webhooks: options.webhookSecret ? zendeskWebhooks(options.webhookSecret) : undefined,
    });
    this.agentUrl = agentUrl;
  }

  async customersByEmail(email: string, options?: CallOptions): Promise<VendorRecord[]> {
    return (await this.usersByEmail(email, options)).map(asUser);
  }

  async customersByPhone(phone: string, options?: CallOptions): Promise<VendorRecord[]> {
    return (await this.usersByPhone(phone, options)).map(asUser);
  }

  /**
   * The person (by email, else by phone) and the tickets they requested, most recently updated
   * first. With the user's id remembered from an earlier answer, their requested tickets are read
   * at once while the user search checks the id. Without it, a ticket search by requester email
   * runs beside the user search, and its tickets whose requester is the user found by exact email
   * are the answer: one round trip instead of two. (Zendesk indexes a new ticket for search within
   * minutes, so a ticket opened in those minutes is missing from that first answer only.)
   */
  async casesByCustomer(customer: CustomerRef, options?: CallOptions): Promise<VendorRecord[]> {
    const email = customer.email?.trim().toLowerCase();
    let foundByEmail = false;
    const userIds = async () => {
      let users = email ? await this.usersByEmail(email, options) : [];
      foundByEmail = users.length > 0;
      if (!users.length && customer.phone) users = await this.usersByPhone(customer.phone, options);
      return users.map((u) => String(u.id));
    };
    const requested = async (ids: readonly string[]) => {
      const lists = await Promise.all(ids.map((id) => this.requestedTickets(Number(id), options)));
      return lists.flat();
    };
    const key = `${email ?? ''}|${customer.phone?.trim() ?? ''}`;
    const searchedFirst = () => {
      if (!email) return undefined;
      const searched = this.ticketsSearched(email, options);
      searched.catch(() => undefined);
      return async (ids: readonly string[]) => {
        // Found by phone, or the search failed: the requested tickets of the ids found.
        const results = foundByEmail ? await searched.catch(() => undefined) : undefined;
        return results ? results.filter((t) => ids.includes(String(t.requester_id))) : requested(ids);
      };
    };
    const tickets = await followIds(this.context.ids, 'users', key, userIds, requested, {
      unremembered: searchedFirst,
    });
    return [...new Map((tickets ?? []).map((t) => [t.id, t])).values()]
      .sort(newestFirst)
      .map((payload) => ({ resource: 'ticket', payload }));
  }

  manualLookup(subject: LookupSubject): { instructions: string; url?: string } {
    const who = subject.email ?? subject.phone;
    if (who) {
      return {
        instructions: `Open Zendesk Support, search users for ${who}, open the user and read the Tickets tab (requested tickets).`,
        url: `${this.agentUrl}/search/1?type=user&q=${encodeURIComponent(who)}`,
      };
    }
    const term = subject.orderNumber ?? '';
    if (term) {
      return {
        instructions: `Open Zendesk Support and search tickets for ${term}.`,
        url: `${this.agentUrl}/search/1?type=ticket&q=${encodeURIComponent(term)}`,
      };
    }
    return {
      instructions:
        'For a customer, open Zendesk Support, search users for their email or phone, open the user and read the ' +
        'Tickets tab (requested tickets). For a ticket about an order, search tickets for the order number.',
      url: `${this.agentUrl}/search/1?type=user`,
    };
  }

  /** `GET /users/me`: Zendesk answers an unauthenticated caller as an anonymous user (id null). */
  async healthCheck(options?: CallOptions): Promise<void> {
    const reply = await this.http.get('/users/me', { schema: meReplySchema, signal: options?.signal });
    if (reply.data.user.id === null) {
      throw new ConnectorError('auth_failed', 'Zendesk treats the credentials as an anonymous user');
    }
  }

  /** Only users whose primary email is exactly this one: search also matches loosely. */
  private async usersByEmail(email: string, options?: CallOptions): Promise<ZendeskUser[]> {
    const wanted = email.trim().toLowerCase();
    const users = await this.searchUsers(`email:${wanted}`, options);
    return users.filter((u) => u.email?.trim().toLowerCase() === wanted);
  }

  /**
   * Zendesk's search takes a phone number as digits only, without "+"
   * (https://developer.zendesk.com/documentation/voice/talk-partner-edition/retrieving-the-zendesk-user-id-of-a-caller/);
   * a user whose primary phone is stored without its country code is not found.
   */
  private async usersByPhone(phone: string, options?: CallOptions): Promise<ZendeskUser[]> {
    const digits = phone.replace(/\D/g, '');
    if (!digits) return [];
    const users = await this.searchUsers(`phone:${digits}`, options);
    return users.filter((u) => samePhone(u.phone, phone, this.context.phoneRegion));
  }

  /** Identical searches in flight together (the customer and the cases lookups of one answer) share a call. */
  private searchUsers(query: string, options?: CallOptions): Promise<ZendeskUser[]> {
    return this.searches.run(query, () => this.getUsers(query, options));
  }

  private async getUsers(query: string, options?: CallOptions): Promise<ZendeskUser[]> {
    const reply = await this.http.get('/users/search', {
      query: { query },
      schema: usersReplySchema,
      signal: options?.signal,
    });
    return reply.data.users;
  }

  /** The first page of tickets requested by whoever has this email, most recently updated first. */
  private async ticketsSearched(email: string, options?: CallOptions): Promise<ZendeskTicket[]> {
    const reply = await this.http.get('/search', {
      query: {
        query: `type:ticket requester:"${email.replace(/"/g, '')}"`,
        sort_by: 'updated_at',
        sort_order: 'desc',
        per_page: TICKETS_PER_PAGE,
      },
      schema: ticketSearchReplySchema,
      signal: options?.signal,
    });
    return reply.data.results.map(({ result_type: _, ...ticket }) => ticket);
  }

  private async requestedTickets(userId: number, options?: CallOptions): Promise<ZendeskTicket[]> {
    try {
      const reply = await this.http.get(`/users/${userId}/tickets/requested`, {
        query: { sort_by: 'updated_at', sort_order: 'desc', per_page: TICKETS_PER_PAGE },
        schema: ticketsReplySchema,
        signal: options?.signal,
      });
      return reply.data.tickets;
    } catch (error) {
      // The user was deleted or merged since the search: no tickets to show.
      if (error instanceof ConnectorError && error.code === 'not_found') return [];
      throw error;
    }
  }
}

function asUser(payload: ZendeskUser): VendorRecord {
  return { resource: 'user', payload };
}

function newestFirst(a: ZendeskTicket, b: ZendeskTicket): number {
  return (Date.parse(b.updated_at ?? '') || 0) - (Date.parse(a.updated_at ?? '') || 0) || b.id - a.id;
}
