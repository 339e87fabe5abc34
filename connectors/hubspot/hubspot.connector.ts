import {
  type ActionFailure,
  type ActionRequest,
  type ActionResult,
  type CallOptions,
  type Connector,
  type ConnectorContext,
  ConnectorError,
  followIds,
  type CustomerRef,
  type LookupSubject,
  type ManualSteps,
  RestConnector,
  samePhone,
  SingleFlight,
  type VendorRecord,
} from '../../src/connectors/contract';
import { hubspotWebhooks } from './hubspot.webhook';
import { HubspotApi } from './hubspot.api';
import { HubspotNotes } from './hubspot.notes';
import { HUBSPOT_API_URL, type HubspotOptions } from './hubspot.options';
import {
  type ContactRead,
  contactReadSchema,
  contactSearchReplySchema,
  type HubspotContact,
  type HubspotTicket,
  pipelinesReplySchema,
  ticketBatchReadReplySchema,
  type TicketRecord,
  ticketSearchReplySchema,
} from './hubspot.payloads';
import { TicketStageCache } from './hubspot.stages';

/** The contact and ticket properties the connector reads (the benchmark's bare fan-out asks for the same). */
export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'createdate',
  'lastmodifieddate',
  'hs_object_id',
];
export const TICKET_PROPERTIES = [
  'subject',
  'content',
  'hs_pipeline',
  'hs_pipeline_stage',
  'hs_ticket_priority',
  'source_type',
  'createdate',
  'hs_lastmodifieddate',
  'closed_date',
];
/** A CRM search takes at most 5 filter groups and returns at most 200 results a page. */
const SEARCH_GROUPS = 5;
const SEARCH_LIMIT = 200;
/** Pages of one customer's tickets read at most (1,000 tickets, newest first). */
const TICKET_PAGES = 5;
/** A batch read takes at most 100 ids; a contact's newest 200 tickets are read (two batches). */
const BATCH_SIZE = 100;
const BATCHES = 2;

/** HubSpot CRM: contacts and their support tickets. */
export class HubspotConnector extends RestConnector implements Connector {
  readonly type = 'hubspot';
  readonly system = 'crm' as const;
  readonly capabilities = ['customer.byEmail', 'customer.byPhone', 'cases.byCustomer'] as const;
  /** Notes on the customer's contact; HubSpot cannot deduplicate a repeated create. */
  readonly actions = { note: 'unsafe' } as const;
  private readonly api: HubspotApi;
  private readonly notes: HubspotNotes;
  private readonly stages: TicketStageCache;
  private readonly searches = new SingleFlight<HubspotContact[]>();
  private readonly reads = new SingleFlight<ContactRead[]>();
  private readonly appUrl?: string;

  constructor(options: HubspotOptions, context: ConnectorContext) {
    const appUrl = options.portalId
      ? `${options.appOrigin.replace(/\/$/, '')}/contacts/${options.portalId}`
      : undefined;
    super(context, {
      http: {
        vendor: 'HubSpot',
        baseUrl: options.baseUrl ?? HUBSPOT_API_URL,
        timeoutMs: options.timeoutMs,
        headers: { authorization: `Bearer ${options.accessToken}` },
      },
      // Records: {recordUrl}/0-1/{contactId} (contacts), {recordUrl}/0-5/{ticketId} (tickets).
      mappingContext: appUrl ? { recordUrl: `${appUrl}/record` } : {},
      webhooks: options.webhookSecret ? hubspotWebhooks(options.webhookSecret) : undefined,
    });
    this.appUrl = appUrl;
    this.api = new HubspotApi(this.http);
    this.stages = new TicketStageCache(
      async () => (await this.api.get('/crm/v3/pipelines/tickets', pipelinesReplySchema)).data,
      options.pipelineCacheTtlMs,
    );
    this.notes = new HubspotNotes(
      this.api,
      (email, callOptions) => this.contactsByEmail(email, callOptions),
      this.appUrl,
    );
  }

  async customersByEmail(email: string, options?: CallOptions): Promise<VendorRecord[]> {
    return (await this.contactsByEmail(email, options)).map(asContact);
  }

  async customersByPhone(phone: string, options?: CallOptions): Promise<VendorRecord[]> {
    return (await this.contactsByPhone(phone, options)).map(asContact);
  }

  /**
   * The person's tickets, most recently updated first: the contact by email, else by phone, then
   * its associated tickets, each with its pipeline stage resolved (`stage.ticketState`).
   */
  async casesByCustomer(customer: CustomerRef, options?: CallOptions): Promise<VendorRecord[]> {
    const email = customer.email?.trim().toLowerCase();
    // The tickets' ids the contact read brought (by email), so no search is needed for them.
    let associated: string[] | undefined;
    const contactIds = async () => {
      let contacts: HubspotContact[] = email ? await this.contactsByEmail(email, options) : [];
      associated = contacts.length ? contacts.flatMap(ticketIdsOf) : undefined;
      if (!contacts.length && customer.phone) contacts = await this.contactsByPhone(customer.phone, options);
      return contacts.map((c) => c.id);
    };
    // The pipelines (usually cached) load alongside the first ticket read.
    let stages: ReturnType<TicketStageCache['get']> | undefined;
    const withStages = <T>(reading: Promise<T>) => {
      stages ??= this.stages.get(options?.signal);
      stages.catch(() => undefined);
      return reading;
    };
    // With the contacts' ids remembered from an earlier answer, their tickets are searched for at
    // once while the contact read checks them (one search). Otherwise the tickets the read named
    // are read in a batch: as many round trips, and none of HubSpot's few searches a second.
    const key = `${email ?? ''}|${customer.phone?.trim() ?? ''}`;
    const tickets = await followIds(
      this.context.ids,
      'contacts',
      key,
      contactIds,
      (ids) => withStages(this.ticketsOf([...ids], options)),
      {
        found: async (ids) => {
          if (!associated) return withStages(this.ticketsOf([...ids], options));
          // A contact without tickets: nothing to read, no pipelines needed.
          return associated.length ? withStages(this.readTickets(associated, options)) : [];
        },
      },
    );
    if (!tickets?.length || !stages) return [];
    const index = await stages;
    // Typed by `payloads.ticket` (index.ts), the schema the mappings are checked against at boot.
    const resolved: TicketRecord[] = await this.stages.attach(tickets, index, options?.signal, (t) =>
      this.context.logger.warn('HubSpot ticket stage not in any ticket pipeline', {
        ticket: t.id,
        pipeline: t.properties.hs_pipeline,
        stage: t.properties.hs_pipeline_stage,
      }),
    );
    return resolved.sort(newestFirst).map((payload) => ({ resource: 'ticket', payload }));
  }

  /** A note on the contact with `params.customerEmail` (hubspot.notes.ts); nothing else. */
  async performAction(action: ActionRequest, options?: CallOptions): Promise<ActionResult> {
    if (action.type !== 'note') {
      throw new ConnectorError('bad_request', `HubSpot cannot perform a ${action.type} action`, {
        retryable: false,
      });
    }
    return this.notes.add(action, options);
  }

  manualAction(action: ActionRequest, failure?: ActionFailure): ManualSteps {
    return this.notes.manual(action, failure);
  }

  manualCheck(action: ActionRequest): ManualSteps {
    return this.notes.check(action);
  }

  /** The contact by email or phone, a ticket by the order number, and with neither (an outage) both. */
  manualLookup(subject: LookupSubject): ManualSteps {
    const list = (objectType: string, term?: string) =>
      this.appUrl
        ? `${this.appUrl}/objects/${objectType}/views/all/list${term ? `?query=${encodeURIComponent(term)}` : ''}`
        : undefined;
    const who = subject.email ?? subject.phone;
    if (who) {
      return {
        instructions: `Open HubSpot → CRM → Contacts and search for ${who}; open the contact and read the Tickets card on the right.`,
        url: list('0-1', who),
      };
    }
    if (subject.orderNumber) {
      return {
        instructions: `Open HubSpot → CRM → Tickets and search for ${subject.orderNumber}.`,
        url: list('0-5', subject.orderNumber),
      };
    }
    return {
      instructions:
        'For a customer, open HubSpot → CRM → Contacts and search for their email or phone; open the contact: ' +
        'its Tickets card on the right lists their tickets. For a ticket about an order, open HubSpot → CRM → ' +
        'Tickets and search for the order number.',
      url: list('0-1'),
    };
  }

  /** The ticket pipelines: proves the token and its tickets scope, and warms the stage cache. */
  async healthCheck(options?: CallOptions): Promise<void> {
    await this.stages.reload(options?.signal);
  }

  /**
   * The contact whose email this is, read by it (`idProperty=email`: exact, whatever the case)
   * with its tickets' ids: not one of HubSpot's CRM searches, which are limited to a few a second
   * per account. The customer and the cases lookups of one answer share the read.
   */
  private contactsByEmail(email: string, options?: CallOptions): Promise<ContactRead[]> {
    const wanted = email.trim().toLowerCase();
    return this.reads.run(wanted, async () => {
      try {
        const reply = await this.api.get(
          `/crm/v3/objects/contacts/${encodeURIComponent(wanted)}`,
          contactReadSchema,
          {
            query: { idProperty: 'email', properties: CONTACT_PROPERTIES.join(','), associations: 'tickets' },
            signal: options?.signal,
          },
        );
        // Only the contact whose primary email this is, as the email search did.
        return reply.data.properties.email?.trim().toLowerCase() === wanted ? [reply.data] : [];
      } catch (error) {
        if (error instanceof ConnectorError && error.code === 'not_found') return [];
        throw error;
      }
    });
  }

  /**
   * Search matches a phone property only when it holds exactly this text: a contact saved as
   * "(415) 555-0123" is not found by "+14155550123". HubSpot does not normalize `phone`/`mobilephone`.
   */
  private async contactsByPhone(phone: string, options?: CallOptions): Promise<HubspotContact[]> {
    const value = phone.trim();
    const found = await this.searchContacts(
      [
        [{ propertyName: 'phone', operator: 'EQ', value }],
        [{ propertyName: 'mobilephone', operator: 'EQ', value }],
      ],
      options,
    );
    return found.filter((c) =>
      [c.properties.phone, c.properties.mobilephone].some((p) =>
        samePhone(p, value, this.context.phoneRegion),
      ),
    );
  }

  /**
   * Filter groups are ORed, filters within a group ANDed. Search is limited to a few calls a
   * second per token, so identical searches of one moment (the customer and the cases lookups of
   * one answer) share a single call.
   */
  private searchContacts(
    groups: { propertyName: string; operator: string; value: string }[][],
    options?: CallOptions,
  ): Promise<HubspotContact[]> {
    return this.searches.run(JSON.stringify(groups), () => this.postSearch(groups, options));
  }

  private async postSearch(
    groups: { propertyName: string; operator: string; value: string }[][],
    options?: CallOptions,
  ): Promise<HubspotContact[]> {
    const reply = await this.api.post(
      '/crm/v3/objects/contacts/search',
      {
        filterGroups: groups.map((filters) => ({ filters })),
        properties: CONTACT_PROPERTIES,
        limit: 10,
      },
      contactSearchReplySchema,
      { signal: options?.signal },
    );
    return reply.data.results;
  }

  /** Tickets by id, a batch read per 100 (a ticket deleted since is left out: HTTP 207). */
  private async readTickets(ids: string[], options?: CallOptions): Promise<HubspotTicket[]> {
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) batches.push(ids.slice(i, i + BATCH_SIZE));
    const replies = await Promise.all(
      batches.map((batch) =>
        this.api.post(
          '/crm/v3/objects/tickets/batch/read',
          { properties: TICKET_PROPERTIES, inputs: batch.map((id) => ({ id })) },
          ticketBatchReadReplySchema,
          { signal: options?.signal },
        ),
      ),
    );
    return replies.flatMap((r) => r.data.results);
  }

  /**
   * The tickets associated with any of the contacts, in one CRM search per five contacts (a
   * search takes five filter groups, ORed), newest first: for remembered contact ids, at once.
   * HubSpot's search index trails writes by a few seconds, so a ticket created moments ago may be
   * missing until the next answer.
   */
  private async ticketsOf(contactIds: string[], options?: CallOptions): Promise<HubspotTicket[]> {
    const out = new Map<string, HubspotTicket>();
    for (let i = 0; i < contactIds.length; i += SEARCH_GROUPS) {
      const groups = contactIds
        .slice(i, i + SEARCH_GROUPS)
        .map((id) => ({ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: id }] }));
      let after: string | undefined;
      for (let page = 0; page < TICKET_PAGES; page++) {
        const reply = await this.api.post(
          '/crm/v3/objects/tickets/search',
          {
            filterGroups: groups,
            properties: TICKET_PROPERTIES,
            sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
            limit: SEARCH_LIMIT,
            ...(after ? { after } : {}),
          },
          ticketSearchReplySchema,
          { signal: options?.signal },
        );
        for (const ticket of reply.data.results) out.set(ticket.id, ticket);
        after = reply.data.paging?.next?.after;
        if (!after) break;
      }
    }
    return [...out.values()];
  }
}

/** The ids of the tickets a contact read named, newest first by id, as many as are read. */
function ticketIdsOf(contact: ContactRead): string[] {
  const ids = contact.associations?.tickets?.results.map((r) => r.id) ?? [];
  return ids.sort((a, b) => Number(b) - Number(a)).slice(0, BATCH_SIZE * BATCHES);
}

function asContact(payload: HubspotContact): VendorRecord {
  return { resource: 'contact', payload };
}

function newestFirst(a: HubspotTicket, b: HubspotTicket): number {
  const at = (t: HubspotTicket) =>
    Date.parse(t.properties.hs_lastmodifieddate ?? t.updatedAt ?? t.properties.createdate ?? '') || 0;
  return at(b) - at(a) || Number(b.id) - Number(a.id);
}
