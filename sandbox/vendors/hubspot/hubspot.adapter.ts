import {
  json,
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
} from '../vendor.adapter';
import { WriteLedger } from '../../writes/write.ledger';
import { CONTACT_TO_NOTE, HubspotNoteWrites, type NoteInput } from './hubspot.notes';
import { type Associations, project, search, type SearchRequest } from './hubspot.search';
import { type CrmObject, type HubspotView } from './hubspot.view';

export const HUBSPOT_SANDBOX_TOKEN = 'pat-sandbox';

/** Properties every reply carries, asked for or not; and what a read without `properties` returns. */
const CONTACT_ALWAYS = ['createdate', 'hs_object_id', 'lastmodifieddate'];
const CONTACT_DEFAULT = ['email', 'firstname', 'lastname'];
const TICKET_ALWAYS = ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];
const TICKET_DEFAULT = [
  'content',
  'hs_pipeline',
  'hs_pipeline_stage',
  'hs_ticket_category',
  'hs_ticket_priority',
  'subject',
];
const NOTE_ALWAYS = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];
const NOTE_DEFAULT = ['hs_note_body', 'hs_timestamp'];
/** Properties a search `query` (free text) looks in. */
const CONTACT_QUERY = ['firstname', 'lastname', 'email', 'phone', 'company'];
/** Properties a ticket search `query` looks in. */
const TICKET_QUERY = ['subject', 'content'];
const MAX_BATCH = 100;
const MAX_ASSOCIATIONS_PAGE = 500;

type Route = { operation: string; write: boolean; handle: (req: VendorRequest) => VendorReply };

export interface HubspotAdapterOptions {
  /** Where writes are recorded (and the world's clock); a private one when not given. */
  ledger?: WriteLedger;
  /** Builds the view afresh: a reset removes the notes written since. */
  rebuild?: () => HubspotView;
}

/**
 * HubSpot CRM: contacts search, contact → ticket and note associations (v4), ticket batch read
 * and single read, ticket pipelines; one write, `POST /crm/v3/objects/notes`, and its read.
 * Bearer token; 429 with `policyName` when throttled.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm
 */
export class HubspotAdapter implements VendorAdapter {
  readonly key = 'hubspot';
  readonly describeRoutes =
    'POST /crm/v3/objects/{contacts,tickets}/search, GET /crm/v3/objects/contacts/{id} (idProperty=email, associations=tickets), GET /crm/v4/objects/contacts/{id}/associations/{tickets,notes}, POST /crm/v3/objects/tickets/batch/read, GET /crm/v3/pipelines/tickets, POST /crm/v3/objects/notes';
  private seq = 0;
  private readonly notes: HubspotNoteWrites;

  constructor(
    private readonly view: HubspotView,
    private readonly accessToken = HUBSPOT_SANDBOX_TOKEN,
    private readonly options: HubspotAdapterOptions = {},
  ) {
    this.notes = new HubspotNoteWrites(view, options.ledger ?? new WriteLedger());
  }

  matches(_method: string, path: string): boolean {
    return /^\/crm\/v[34]\//.test(path);
  }

  describe(req: VendorRequest): VendorCall {
    const route = this.route(req.method, req.path);
    return {
      operation: route?.operation ?? `${req.method} (unknown route)`,
      write: route?.write ?? req.method !== 'GET',
      respond: () => this.respond(req, route),
    };
  }

  /** https://developers.hubspot.com/docs/api/usage-details#error-responses */
  throttled(): VendorReply {
    return json(
      429,
      this.error('You have reached your secondly limit.', {
        errorType: 'RATE_LIMIT',
        policyName: 'SECONDLY',
        groupName: 'publicapi:private-app:sandbox',
      }),
      { 'retry-after': '1' },
    );
  }

  unavailable(): VendorReply {
    return json(
      503,
      this.error('Service temporarily unavailable (sandbox fault)', { category: 'SERVICE_UNAVAILABLE' }),
    );
  }

  reset(): void {
    this.seq = 0;
    this.notes.reset();
    // In place: the routes and the note writes hold this same view object.
    if (this.options.rebuild) Object.assign(this.view, this.options.rebuild());
  }

  private respond(req: VendorRequest, route: Route | undefined): VendorReply {
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      return json(
        401,
        this.error('Authentication credentials not found or not valid (sandbox token: Bearer pat-sandbox).', {
          category: 'INVALID_AUTHENTICATION',
        }),
      );
    }
    if (!route)
      return json(
        404,
        this.error(`No route for ${req.method} ${req.path}`, { category: 'OBJECT_NOT_FOUND' }),
      );
    return route.handle(req);
  }

  private route(method: string, path: string): Route | undefined {
    const get = (operation: string, handle: Route['handle']) =>
      method === 'GET' ? { operation: `GET ${operation}`, write: false, handle } : undefined;
    const post = (operation: string, handle: Route['handle']) =>
      method === 'POST' ? { operation: `POST ${operation}`, write: false, handle } : undefined;
    if (path === '/crm/v3/objects/contacts/search')
      return post('/crm/v3/objects/contacts/search', (req) => this.searchContacts(req));
    if (path === '/crm/v3/objects/tickets/search')
      return post('/crm/v3/objects/tickets/search', (req) => this.searchTickets(req));
    if (path === '/crm/v3/objects/tickets/batch/read')
      return post('/crm/v3/objects/tickets/batch/read', (req) => this.batchRead(req));
    if (path === '/crm/v3/objects/notes' && method === 'POST')
      return { operation: 'POST /crm/v3/objects/notes', write: true, handle: (req) => this.createNote(req) };
    if (path === '/crm/v3/pipelines/tickets')
      return get('/crm/v3/pipelines/tickets', () => json(200, { results: this.view.pipelines }));
    let m = /^\/crm\/v3\/pipelines\/tickets\/([^/]+)$/.exec(path);
    if (m) {
      const pipeline = this.view.pipelines.find((p) => p.id === decodeURIComponent(m![1]));
      return get('/crm/v3/pipelines/tickets/{pipelineId}', () => this.found(pipeline));
    }
    m = /^\/crm\/v4\/objects\/contacts\/([^/]+)\/associations\/([^/]+)$/.exec(path);
    if (m) {
      const [, id, to] = m.map(decodeURIComponent);
      return get('/crm/v4/objects/contacts/{id}/associations/{toObjectType}', (req) =>
        this.associations(id, to, req),
      );
    }
    m = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(path);
    if (m) {
      const key = decodeURIComponent(m[1]);
      return get('/crm/v3/objects/contacts/{contactId}', (req) => this.readContact(key, req));
    }
    m = /^\/crm\/v3\/objects\/notes\/(\d+)$/.exec(path);
    if (m) {
      const note = this.view.notesById.get(m[1]);
      return get('/crm/v3/objects/notes/{noteId}', (req) =>
        this.found(note && project(note, wantedProperties(req.url) ?? NOTE_DEFAULT, NOTE_ALWAYS)),
      );
    }
    m = /^\/crm\/v3\/objects\/tickets\/(\d+)$/.exec(path);
    if (m) {
      const ticket = this.view.ticketsById.get(m[1]);
      return get('/crm/v3/objects/tickets/{ticketId}', (req) =>
        this.found(ticket && project(ticket, wantedProperties(req.url) ?? TICKET_DEFAULT, TICKET_ALWAYS)),
      );
    }
    return undefined;
  }

  private searchContacts(req: VendorRequest): VendorReply {
    return this.searchReply(req, this.view.contacts, CONTACT_QUERY, CONTACT_DEFAULT, CONTACT_ALWAYS);
  }

  /**
   * Tickets by their properties or by `associations.contact` (the contacts they are associated
   * with), as HubSpot's CRM search answers: default ticket properties unless others are asked.
   */
  private searchTickets(req: VendorRequest): VendorReply {
    return this.searchReply(
      req,
      [...this.view.ticketsById.values()],
      TICKET_QUERY,
      TICKET_DEFAULT,
      TICKET_ALWAYS,
      (ticket, type) => (type === 'contact' ? (this.view.contactsOfTicket.get(ticket.id) ?? []) : []),
    );
  }

  /** One CRM search page: `total`, the matches projected to the properties asked for, `paging`. */
  private searchReply(
    req: VendorRequest,
    objects: CrmObject[],
    queryProperties: string[],
    defaults: readonly string[],
    always: readonly string[],
    associations?: Associations,
  ): VendorReply {
    const body = parseBody<SearchRequest>(req.body);
    if (!body) return this.invalid('Invalid input JSON: the body must be a JSON object');
    const outcome = search(objects, body, queryProperties, associations);
    if (!outcome.ok) return this.invalid(outcome.message);
    const { matches, limit, offset } = outcome;
    const wanted = Array.isArray(body.properties) && body.properties.length ? body.properties : defaults;
    const page = matches.slice(offset, offset + limit).map((o) => project(o, wanted, always));
    const next = offset + limit < matches.length ? String(offset + limit) : undefined;
    return json(200, {
      total: matches.length,
      results: page,
      ...(next ? { paging: { next: { after: next } } } : {}),
    });
  }

  /**
   * One contact by id, or by a unique property with `idProperty` (HubSpot: `email`, which it
   * matches whatever the case); `properties` as asked, `associations=tickets` lists the contact's
   * tickets as v3 associations (`{ id, type: "contact_to_ticket" }`). 404 when there is none.
   */
  private readContact(key: string, req: VendorRequest): VendorReply {
    const idProperty = req.url.searchParams.get('idProperty');
    if (idProperty && idProperty !== 'email' && idProperty !== 'hs_object_id')
      return this.invalid(`${idProperty} is not a unique property of contacts`);
    const contact =
      idProperty === 'email'
        ? this.view.contacts.find((c) => String(c.properties.email ?? '').toLowerCase() === key.toLowerCase())
        : this.view.contactsById.get(key);
    if (!contact) return this.found(undefined);
    const body: Record<string, unknown> = {
      ...project(contact, wantedProperties(req.url) ?? CONTACT_DEFAULT, CONTACT_ALWAYS),
    };
    const wantedAssociations = req.url.searchParams.getAll('associations').flatMap((v) => v.split(','));
    if (wantedAssociations.includes('tickets')) {
      const ids = this.view.ticketsOfContact.get(contact.id) ?? [];
      if (ids.length)
        body.associations = { tickets: { results: ids.map((id) => ({ id, type: 'contact_to_ticket' })) } };
    }
    return json(200, body);
  }

  /** v4 associations: `toObjectId` is a number; contact → ticket is HubSpot-defined type 15, → note 201. */
  private associations(contactId: string, toObjectType: string, req: VendorRequest): VendorReply {
    const limit = Number(req.url.searchParams.get('limit') ?? MAX_ASSOCIATIONS_PAGE);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ASSOCIATIONS_PAGE)
      return this.invalid(`limit must be between 1 and ${MAX_ASSOCIATIONS_PAGE}`);
    const offset = Number(req.url.searchParams.get('after') ?? 0) || 0;
    const [ids, typeId] =
      toObjectType === 'tickets' || toObjectType === '0-5'
        ? [this.view.ticketsOfContact.get(contactId) ?? [], 15]
        : toObjectType === 'notes' || toObjectType === '0-46'
          ? [this.view.notesOfContact.get(contactId) ?? [], CONTACT_TO_NOTE]
          : [[], 0];
    const results = ids.slice(offset, offset + limit).map((id) => ({
      toObjectId: Number(id),
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }],
    }));
    const next = offset + limit < ids.length ? String(offset + limit) : undefined;
    return json(200, { results, ...(next ? { paging: { next: { after: next, link: null } } } : {}) });
  }

  /** Up to 100 ids; ids it cannot find make the reply a 207 that lists them. */
  private batchRead(req: VendorRequest): VendorReply {
    const body = parseBody<{ inputs?: { id?: unknown }[]; properties?: string[] }>(req.body);
    if (!body || !Array.isArray(body.inputs)) return this.invalid('inputs is required');
    if (body.inputs.length > MAX_BATCH) return this.invalid(`at most ${MAX_BATCH} inputs are allowed`);
    const wanted =
      Array.isArray(body.properties) && body.properties.length ? body.properties : TICKET_DEFAULT;
    const results: CrmObject[] = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const ticket = this.view.ticketsById.get(String(input?.id));
      if (ticket) results.push(project(ticket, wanted, TICKET_ALWAYS));
      else missing.push(String(input?.id));
    }
    const reply = { status: 'COMPLETE', results, startedAt: this.view.anchor, completedAt: this.view.anchor };
    if (!missing.length) return json(200, reply);
    return json(207, {
      ...reply,
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some TICKET objects, they may be deleted or not exist.',
          context: { ids: missing },
        },
      ],
    });
  }

  /** 201 with the note, as HubSpot answers a create. */
  private createNote(req: VendorRequest): VendorReply {
    const body = parseBody<NoteInput>(req.body);
    if (!body) return this.invalid('Invalid input JSON: the body must be a JSON object');
    const outcome = this.notes.create(body);
    return outcome.ok ? json(201, outcome.note) : this.invalid(outcome.message);
  }

  private found(body: unknown): VendorReply {
    return body === undefined
      ? json(404, this.error('resource not found', { category: 'OBJECT_NOT_FOUND' }))
      : json(200, body);
  }

  private invalid(message: string): VendorReply {
    return json(400, this.error(message, { category: 'VALIDATION_ERROR' }));
  }

  /** HubSpot's error body: status, message, correlationId and a category or errorType. */
  private error(message: string, extra: Record<string, string>) {
    const n = (++this.seq).toString(16).padStart(12, '0');
    return { status: 'error', message, correlationId: `00000000-0000-4000-8000-${n}`, ...extra };
  }
}

function parseBody<T>(raw: string): T | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

/** `?properties=a,b` (or repeated) on single-object reads. */
function wantedProperties(url: URL): string[] | undefined {
  const list = url.searchParams
    .getAll('properties')
    .flatMap((v) => v.split(','))
    .filter(Boolean);
  return list.length ? list : undefined;
}
