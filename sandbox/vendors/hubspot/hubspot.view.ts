import { type Customer, type Ticket, type World } from '../../world/world.types';

/** A CRM object as HubSpot's v3 API returns it; properties are strings or null. */
export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: false;
}

export interface HubspotStage {
  label: string;
  displayOrder: number;
  metadata: { ticketState: 'OPEN' | 'CLOSED' };
  id: string;
  createdAt: string;
  updatedAt: string;
  archived: false;
  writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT';
}

export interface HubspotPipeline {
  label: string;
  displayOrder: number;
  id: string;
  stages: HubspotStage[];
  createdAt: string;
  updatedAt: string;
  archived: false;
}

/**
 * The world as HubSpot's CRM shows it, built once at start; notes created through the API are
 * added in place (hubspot.notes.ts) and a sandbox reset builds it again.
 */
export interface HubspotView {
  contacts: CrmObject[];
  contactsById: Map<string, CrmObject>;
  ticketsById: Map<string, CrmObject>;
  /** Contact id → ids of its tickets, oldest first. */
  ticketsOfContact: Map<string, string[]>;
  /** The other way round: the contacts a ticket is associated with (CRM search by associations.contact). */
  contactsOfTicket: Map<string, string[]>;
  /** Notes written through `POST /crm/v3/objects/notes` (the world has none). */
  notesById: Map<string, CrmObject>;
  /** Contact id → ids of its notes, oldest first. */
  notesOfContact: Map<string, string[]>;
  pipelines: HubspotPipeline[];
  /** "Now" of the world, for batch replies' startedAt/completedAt. */
  anchor: string;
}

/**
 * Portal-specific ids, as a real account has them: nothing may read meaning into them (or into the
 * labels): the open/closed meaning is `metadata.ticketState`.
 */
export const SUPPORT_PIPELINE_ID = '734821';
const STAGES = {
  new: { id: '1023456', label: 'New', ticketState: 'OPEN' },
  waitingOnContact: { id: '1023457', label: 'Waiting on contact', ticketState: 'OPEN' },
  waitingOnUs: { id: '1023458', label: 'Waiting on us', ticketState: 'OPEN' },
  closed: { id: '1023459', label: 'Closed', ticketState: 'CLOSED' },
} as const;

/** The neutral help-desk status → the Support Pipeline stage a HubSpot team would use for it. */
export const STAGE_OF_STATUS: Readonly<Record<Ticket['status'], (typeof STAGES)[keyof typeof STAGES]>> = {
  new: STAGES.new,
  open: STAGES.waitingOnUs,
  pending: STAGES.waitingOnContact,
  on_hold: STAGES.waitingOnUs, // HubSpot's default pipeline has no "on hold" stage
  solved: STAGES.closed,
  closed: STAGES.closed,
};

/** hs_ticket_priority */
const PRIORITY: Readonly<Record<Ticket['priority'], string>> = {
  low: 'LOW',
  normal: 'MEDIUM',
  high: 'HIGH',
  urgent: 'URGENT',
};

/** source_type: HubSpot's ticket sources; channels it has no source for are left empty. */
const SOURCE: Readonly<Partial<Record<Ticket['channel'], string>>> = {
  email: 'EMAIL',
  chat: 'CHAT',
  voice: 'PHONE',
  web: 'FORM',
};

export const contactId = (customerId: number) => String(60_000 + customerId);
export const ticketId = (worldTicketId: number) => String(1_570_000 + worldTicketId);

/** HubSpot writes times with milliseconds: 2025-06-01T12:00:00.000Z. */
export const time = (iso: string) => new Date(iso).toISOString();

export function buildHubspotView(world: World): HubspotView {
  const tickets = world.tickets.map(ticketObject);
  const ticketsOfContact = new Map<string, string[]>();
  const contactsOfTicket = new Map<string, string[]>();
  for (const t of world.tickets) {
    const key = contactId(t.customerId);
    ticketsOfContact.set(key, [...(ticketsOfContact.get(key) ?? []), ticketId(t.id)]);
    contactsOfTicket.set(ticketId(t.id), [...(contactsOfTicket.get(ticketId(t.id)) ?? []), key]);
  }
  const contacts = world.customers.map((c) =>
    contactObject(
      c,
      world.tickets.filter((t) => t.customerId === c.id),
    ),
  );
  return {
    contacts,
    contactsById: new Map(contacts.map((c) => [c.id, c])),
    ticketsById: new Map(tickets.map((t) => [t.id, t])),
    ticketsOfContact,
    contactsOfTicket,
    notesById: new Map(),
    notesOfContact: new Map(),
    pipelines: [supportPipeline(world.anchor)],
    anchor: time(world.anchor),
  };
}

/** Every world customer is a contact, under the email the help desk knows (crmEmail when set). */
function contactObject(c: Customer, tickets: Ticket[]): CrmObject {
  const createdAt = time(c.createdAt);
  const updatedAt = time([c.createdAt, ...tickets.map((t) => t.updatedAt)].sort().at(-1)!);
  const id = contactId(c.id);
  return {
    id,
    properties: {
      address: [c.address.line1, c.address.line2].filter(Boolean).join(', '),
      city: c.address.city,
      company: c.address.company ?? null,
      country: c.address.country,
      createdate: createdAt,
      email: (c.crmEmail ?? c.email).toLowerCase(), // HubSpot stores emails in lower case
      firstname: c.firstName,
      hs_object_id: id,
      lastmodifieddate: updatedAt,
      lastname: c.lastName,
      lifecyclestage: 'customer',
      mobilephone: null,
      phone: c.phone,
      state: c.address.region ?? null,
      zip: c.address.postalCode,
    },
    createdAt,
    updatedAt,
    archived: false,
  };
}

function ticketObject(t: Ticket): CrmObject {
  const id = ticketId(t.id);
  const stage = STAGE_OF_STATUS[t.status];
  const createdAt = time(t.createdAt);
  const updatedAt = time(t.updatedAt);
  return {
    id,
    properties: {
      closed_date: stage.ticketState === 'CLOSED' ? updatedAt : null,
      content: t.description,
      createdate: createdAt,
      hs_lastmodifieddate: updatedAt,
      hs_object_id: id,
      hs_pipeline: SUPPORT_PIPELINE_ID,
      hs_pipeline_stage: stage.id,
      hs_ticket_category: null,
      hs_ticket_priority: PRIORITY[t.priority],
      hubspot_owner_id: null,
      source_type: SOURCE[t.channel] ?? null,
      subject: t.subject,
    },
    createdAt,
    updatedAt,
    archived: false,
  };
}

function supportPipeline(anchor: string): HubspotPipeline {
  const createdAt = time(new Date(Date.parse(anchor) - 3 * 365 * 86_400_000).toISOString());
  return {
    label: 'Support Pipeline',
    displayOrder: 0,
    id: SUPPORT_PIPELINE_ID,
    stages: Object.values(STAGES).map((s, i) => ({
      label: s.label,
      displayOrder: i,
      metadata: { ticketState: s.ticketState },
      id: s.id,
      createdAt,
      updatedAt: createdAt,
      archived: false,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    })),
    createdAt,
    updatedAt: createdAt,
    archived: false,
  };
}
