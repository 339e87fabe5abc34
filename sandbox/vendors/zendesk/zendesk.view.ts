import { type Customer, type Ticket, type World } from '../../world/world.types';

/** The account the sandbox plays; links and `url` fields name it. */
export const ZENDESK_SANDBOX_SUBDOMAIN = 'sandbox';
const API = `https://${ZENDESK_SANDBOX_SUBDOMAIN}.zendesk.com/api/v2`;

export type ZendeskObject = { id: number } & Record<string, unknown>;

/** The world as Zendesk Support shows it, built once at start and only read after. */
export interface ZendeskView {
  /** End users (one per world customer), then the agent. */
  users: ZendeskObject[];
  usersById: Map<number, ZendeskObject>;
  ticketsById: Map<number, ZendeskObject>;
  /** Requester id → their tickets, oldest first. */
  ticketsOfRequester: Map<number, ZendeskObject[]>;
  /** The agent the sandbox credential belongs to (`GET /users/me`). */
  agent: ZendeskObject;
}

export const AGENT_EMAIL = 'agent@sandbox.example.com';
export const userId = (customerId: number) => 380_000_000_000 + customerId;
export const ticketId = (worldTicketId: number) => 2_000 + worldTicketId;
const AGENT_ID = userId(0);
const SUPPORT_GROUP_ID = 360_001_000_001;

/** Ticket `status`: the neutral `on_hold` is Zendesk's `hold`. */
const STATUS: Readonly<Record<Ticket['status'], string>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  on_hold: 'hold',
  solved: 'solved',
  closed: 'closed',
};

/** `via.channel` (via types); social tickets arrive through the Facebook channel here. */
const VIA: Readonly<Record<Ticket['channel'], string>> = {
  email: 'email',
  chat: 'chat',
  voice: 'voice',
  sms: 'sms',
  social: 'facebook',
  web: 'web',
  api: 'api',
};

export function buildZendeskView(world: World): ZendeskView {
  const agent = user({
    id: AGENT_ID,
    name: 'Sandbox Agent',
    email: AGENT_EMAIL,
    phone: null,
    createdAt: world.anchor,
    tags: [],
    role: 'admin',
  });
  const customers = new Map(world.customers.map((c) => [c.id, c]));
  const users = world.customers.map((c) =>
    user({
      id: userId(c.id),
      name: `${c.firstName} ${c.lastName}`,
      email: (c.crmEmail ?? c.email).toLowerCase(),
      phone: c.phone,
      createdAt: c.createdAt,
      tags: c.tags.map((t) => t.toLowerCase().replace(/[^a-z0-9_]+/g, '_')),
      role: 'end-user',
    }),
  );
  const tickets = world.tickets.map((t) => ticket(t, customers.get(t.customerId), world.shop.name));
  const ticketsOfRequester = new Map<number, ZendeskObject[]>();
  for (const t of tickets) {
    const requester = t.requester_id as number;
    ticketsOfRequester.set(requester, [...(ticketsOfRequester.get(requester) ?? []), t]);
  }
  return {
    users: [...users, agent],
    usersById: new Map([...users, agent].map((u) => [u.id, u])),
    ticketsById: new Map(tickets.map((t) => [t.id, t])),
    ticketsOfRequester,
    agent,
  };
}

/** https://developer.zendesk.com/api-reference/ticketing/users/users/#json-format */
function user(u: {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  createdAt: string;
  tags: string[];
  role: 'end-user' | 'admin';
}): ZendeskObject {
  const agent = u.role !== 'end-user';
  return {
    id: u.id,
    url: `${API}/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: u.createdAt,
    updated_at: u.createdAt,
    time_zone: 'Eastern Time (US & Canada)',
    iana_time_zone: 'America/New_York',
    phone: u.phone,
    shared_phone_number: u.phone ? false : null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role: u.role,
    verified: true,
    external_id: null,
    tags: u.tags,
    alias: '',
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: agent ? u.createdAt : null,
    two_factor_auth_enabled: null,
    signature: agent ? 'The Sandbox support team' : null,
    details: '',
    notes: '',
    role_type: null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !agent,
    suspended: false,
    default_group_id: agent ? SUPPORT_GROUP_ID : null,
    report_csv: agent,
    user_fields: {},
  };
}

/** https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format */
function ticket(t: Ticket, customer: Customer | undefined, shopName: string): ZendeskObject {
  const id = ticketId(t.id);
  const requester = userId(t.customerId);
  const channel = VIA[t.channel];
  const name = customer ? `${customer.firstName} ${customer.lastName}` : t.requesterEmail;
  const source =
    channel === 'email'
      ? {
          from: { address: t.requesterEmail, name },
          to: { name: shopName, address: `support@${ZENDESK_SANDBOX_SUBDOMAIN}.zendesk.com` },
          rel: null,
        }
      : { from: {}, to: {}, rel: null };
  return {
    url: `${API}/tickets/${id}.json`,
    id,
    external_id: null,
    via: { channel, source },
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    generated_timestamp: Math.floor(Date.parse(t.updatedAt) / 1000),
    type: t.orderNumber ? 'question' : null,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: STATUS[t.status],
    recipient: channel === 'email' ? `support@${ZENDESK_SANDBOX_SUBDOMAIN}.zendesk.com` : null,
    requester_id: requester,
    submitter_id: requester,
    assignee_id: t.status === 'new' ? null : AGENT_ID,
    organization_id: null,
    group_id: SUPPORT_GROUP_ID,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.orderNumber ? [`order_${t.orderNumber}`] : [],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    fields: [],
    followup_ids: [],
    ticket_form_id: 360_000_100_001,
    brand_id: 360_000_200_001,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}
