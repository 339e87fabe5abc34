/**
 * Baseline (a) of the read-path benchmark, bench-only: the limit of one Node process on this
 * machine. A bare `node:http` server and `undici.request` over pooled dispatchers (one per
 * vendor) make the same vendor calls, in the same order and chains, as the hub's order context
 * (the connectors under connectors/; bench/check-baseline.ts compares them order by order), parse
 * every reply and answer one combined JSON document. No framework, validation, mapping, copies,
 * resilience or logging: only what no hub can do without.
 *
 *   node -r @swc-node/register bench/bare-fanout.ts   (env SANDBOX_URL, PORT, BARE_CLIENT=axios|foundations)
 */
import { setMaxListeners } from 'node:events';
import http, { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import axios, { type AxiosInstance } from 'axios';
import { Agent, request } from 'undici';
import { afterShipSlug } from '../connectors/aftership/aftership.carriers';
import { easyPostCarrier } from '../connectors/easypost/easypost.carriers';
import { CONTACT_PROPERTIES, TICKET_PROPERTIES } from '../connectors/hubspot/hubspot.connector';
import { CUSTOMERS_BY_EMAIL, CUSTOMERS_BY_PHONE, ORDER_BY_NAME } from '../connectors/shopify/shopify.queries';
import { quote as shopifyQuote } from '../connectors/shopify/shopify.search';
import { emailQuery, orderNumberQuery } from '../connectors/stripe/stripe.search';
import { createShopifyClient } from '../connectors/shopify/shopify.client';
import { type ShopifyOptions } from '../connectors/shopify/shopify.options';
import { createStripeClient } from '../connectors/stripe/stripe.client';
import { type StripeOptions } from '../connectors/stripe/stripe.options';
import { z } from 'zod';
import { HttpClient } from '../src/connectors/http/http-client';

/* eslint-disable @typescript-eslint/no-explicit-any -- vendor JSON, read as the connectors read it */
type Json = any;

const SANDBOX = process.env.SANDBOX_URL ?? 'http://127.0.0.1:4010';
// The credentials config/sandbox.yaml gives the hub's connectors.
const AUTH = {
  shopify: { 'x-shopify-access-token': 'shpat_sandbox' },
  shipbob: { authorization: 'Bearer shipbob_sandbox' },
  stripe: { authorization: 'Bearer sk_test_sandbox', 'stripe-version': '2026-10-28.endive' },
  easypost: { authorization: `Basic ${Buffer.from('EZTK_sandbox:').toString('base64')}` },
  aftership: { 'as-api-key': 'asat_sandbox' },
  hubspot: { authorization: 'Bearer pat-sandbox' },
  zendesk: {
    authorization: `Basic ${Buffer.from('agent@sandbox.example.com/token:zd_sandbox').toString('base64')}`,
  },
};

type Vendor = keyof typeof AUTH;
/** One pool of up to 64 keep-alive sockets per vendor, as each of the hub's connectors has. */
const pools = Object.fromEntries(
  Object.keys(AUTH).map((v) => [v, new Agent({ connections: 64, keepAliveTimeout: 30_000 })]),
) as Record<Vendor, Agent>;

/**
 * BARE_CLIENT=axios sends the same calls with plain axios (its own http adapter, a keep-alive
 * agent per vendor): what the HTTP client alone costs, everything else equal.
 */
const viaAxios = process.env.BARE_CLIENT === 'axios';
const axiosOf = Object.fromEntries(
  Object.keys(AUTH).map((v) => [
    v,
    axios.create({
      baseURL: SANDBOX,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { accept: 'application/json', ...AUTH[v as Vendor] },
    }),
  ]),
) as Record<Vendor, AxiosInstance>;

/**
 * BARE_CLIENT=foundations sends the same calls through the clients the hub is built on, used as
 * its connectors use them, and keeps nothing else of it: shopify-api-node (got) for Shopify, the
 * Stripe SDK's typed methods, and the hub's HttpClient (axios over its node:http adapter, the
 * query through axios's params, an abort signal on every call) for the rest; replies accepted
 * whatever their shape (no schema, no mapping, no copies, no resilience). What a hub that must
 * use these foundations costs before it does any work of its own.
 */
const viaFoundations = process.env.BARE_CLIENT === 'foundations';
const TIMEOUT_MS = 10_000;
const foundations = viaFoundations
  ? {
      shopify: createShopifyClient({
        shop: 'sandbox-shop.myshopify.com',
        accessToken: 'shpat_sandbox',
        apiVersion: '2026-01',
        baseUrl: SANDBOX,
        timeoutMs: TIMEOUT_MS,
      } as ShopifyOptions),
      stripe: createStripeClient({
        secretKey: 'sk_test_sandbox',
        baseUrl: SANDBOX,
        timeoutMs: TIMEOUT_MS,
      } as StripeOptions).stripe,
      http: Object.fromEntries(
        Object.keys(AUTH).map((v) => [
          v,
          new HttpClient({ vendor: v, baseUrl: SANDBOX, timeoutMs: TIMEOUT_MS, headers: AUTH[v as Vendor] }),
        ]),
      ) as Record<Vendor, HttpClient>,
    }
  : undefined;
/** Never aborted; every call listens to it, as the hub's calls listen to their request's deadline. */
const calls = new AbortController();
setMaxListeners(0, calls.signal);

/** The path and its query, split for a client that takes the query apart. */
function split(path: string): { pathname: string; query: Record<string, string> } {
  const url = new URL(path, 'http://x');
  return { pathname: url.pathname, query: Object.fromEntries(url.searchParams) };
}

/** The Stripe calls of the order context, through the SDK's typed methods as the connector makes them. */
function stripeSdk(stripe: NonNullable<typeof foundations>['stripe'], path: string): Promise<unknown> {
  const { pathname, query } = split(path);
  const limit = Number(query.limit);
  switch (pathname) {
    case '/v1/payment_intents/search':
      return stripe.paymentIntents.search({
        query: query.query,
        limit,
        expand: Object.keys(query)
          .filter((k) => k.startsWith('expand['))
          .map((k) => query[k]),
      });
    case '/v1/refunds':
      return stripe.refunds.list({ payment_intent: query.payment_intent, limit });
    case '/v1/disputes':
      return stripe.disputes.list({ payment_intent: query.payment_intent, limit });
    case '/v1/customers':
      return stripe.customers.list({ email: query.email, limit });
    case '/v1/customers/search':
      return stripe.customers.search({ query: query.query, limit });
    default:
      throw new Error(`no Stripe call for ${pathname}`);
  }
}

async function get(vendor: Vendor, path: string): Promise<{ status: number; body: Json }> {
  if (foundations) {
    if (vendor === 'stripe') return { status: 200, body: await stripeSdk(foundations.stripe, path) };
    const { pathname, query } = split(path);
    const reply = await foundations.http[vendor].get(pathname, {
      schema: z.unknown(),
      accept: [404],
      query,
      signal: calls.signal,
    });
    return { status: reply.status, body: reply.data };
  }
  if (viaAxios) {
    const res = await axiosOf[vendor].get<string>(path);
    return { status: res.status, body: res.data ? JSON.parse(res.data) : undefined };
  }
  const res = await request(`${SANDBOX}${path}`, {
    dispatcher: pools[vendor],
    headers: { accept: 'application/json', ...AUTH[vendor] },
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

async function post(vendor: Vendor, path: string, body: unknown): Promise<Json> {
  if (foundations) {
    if (vendor === 'shopify') {
      const { query, variables } = body as { query: string; variables: Record<string, unknown> };
      return { data: await foundations.shopify.graphql(query, variables) };
    }
    return (await foundations.http[vendor].post(path, body, { schema: z.unknown(), signal: calls.signal }))
      .data;
  }
  if (viaAxios) {
    const res = await axiosOf[vendor].post<string>(path, body);
    return res.data ? JSON.parse(res.data) : undefined;
  }
  const res = await request(`${SANDBOX}${path}`, {
    method: 'POST',
    dispatcher: pools[vendor],
    headers: { accept: 'application/json', 'content-type': 'application/json', ...AUTH[vendor] },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return text ? JSON.parse(text) : undefined;
}

const qs = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
const lower = (s: string | null | undefined) => s?.trim().toLowerCase();

// ---- phase one: every system that knows orders by number ------------------------------------

async function shopifyOrder(number: string): Promise<Json | null> {
  const name = `#${number}`;
  const reply = await post('shopify', '/admin/api/2026-01/graphql.json', {
    query: ORDER_BY_NAME,
    variables: { query: `name:${shopifyQuote(name)}` },
  });
  return reply.data.orders.nodes.find((o: Json) => o.name === name) ?? null;
}

async function shipbobOrder(number: string): Promise<Json | null> {
  const { body } = await get('shipbob', `/2026-01/order?${qs({ ReferenceIds: number })}`);
  const order = body.find((o: Json) => o.reference_id === number);
  if (!order) return null;
  const shipments: Json[] =
    order.shipments ?? (await get('shipbob', `/2026-01/order/${order.id}/shipment`)).body ?? [];
  const ids = shipments.filter((s) => s.tracking?.tracking_number).map((s) => s.id);
  const tracking = new Map<number, Json>();
  for (let i = 0; i < ids.length; i += 25) {
    const { body: t } = await get(
      'shipbob',
      `/2026-01/shipments-tracking?${qs({ ShipmentIds: ids.slice(i, i + 25).join(',') })}`,
    );
    for (const row of t) tracking.set(row.shipment_id, row);
  }
  return {
    ...order,
    shipments: shipments.map((s) => ({ ...s, shipment_tracking: tracking.get(s.id) })),
  };
}

async function stripeOrder(number: string): Promise<Json | null> {
  const query = orderNumberQuery(['order_number', 'order_id'], number);
  const { body } = await get(
    'stripe',
    `/v1/payment_intents/search?${qs({ query, limit: 20 })}&expand[0]=data.latest_charge&expand[1]=data.latest_charge.refunds`,
  );
  const intents = body.data.filter(
    (pi: Json) => pi.metadata.order_number === number || pi.metadata.order_id === number,
  );
  if (intents.length === 0) return null;
  return Promise.all(
    intents.map(async (pi: Json) => {
      const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
      const expanded = charge?.refunds;
      const needRefunds = charge && (expanded ? expanded.has_more : charge.amount_refunded > 0);
      const [refunds, disputes] = await Promise.all([
        needRefunds ? get('stripe', `/v1/refunds?${qs({ payment_intent: pi.id, limit: 100 })}`) : expanded,
        charge?.disputed ? get('stripe', `/v1/disputes?${qs({ payment_intent: pi.id, limit: 100 })}`) : null,
      ]);
      return { ...pi, refunds, disputes };
    }),
  );
}

// ---- phase two: the parcels' carriers, the customer and their cases --------------------------

interface Parcel {
  number: string;
  carrier?: string;
}

/** Tracking numbers of the order's live shipments, one per number (Shopify, then ShipBob). */
function parcelsOf(shopify: Json | null, shipbob: Json | null): Parcel[] {
  const parcels = new Map<string, Parcel>();
  const add = (number: string | undefined | null, carrier: string | undefined, cancelled: boolean) => {
    const key = number?.toUpperCase().replace(/[\s-]/g, '');
    if (key && !cancelled && !parcels.has(key)) parcels.set(key, { number: number!, carrier });
  };
  for (const f of shopify?.fulfillments ?? []) {
    const info = f.trackingInfo?.[0];
    add(info?.number, info?.company, f.status === 'CANCELLED');
  }
  for (const s of shipbob?.shipments ?? []) {
    add(s.tracking?.tracking_number, s.tracking?.carrier, s.status === 'Cancelled');
  }
  return [...parcels.values()];
}

async function easypost(parcels: Parcel[]): Promise<Json[]> {
  const wanted = new Map<string, { code: string; carrier?: string }>();
  for (const p of parcels) {
    const carrier = easyPostCarrier(p.carrier);
    wanted.set(`${p.number.trim()}|${carrier ?? ''}`, { code: p.number.trim(), carrier });
  }
  const replies = await Promise.all(
    [...wanted.values()].map((w) =>
      get('easypost', `/v2/trackers?${qs({ tracking_code: w.code, carrier: w.carrier })}`),
    ),
  );
  return replies.flatMap((r) => r.body.trackers);
}

async function aftership(parcels: Parcel[]): Promise<Json[]> {
  const list = parcels.map((p) => ({ number: p.number.trim(), slug: afterShipSlug(p.carrier) }));
  const slugs = list.every((w) => w.slug) ? [...new Set(list.map((w) => w.slug))].join(',') : undefined;
  const { body } = await get(
    'aftership',
    `/tracking/2025-01/trackings?${qs({ tracking_numbers: list.map((w) => w.number).join(','), slug: slugs, limit: 200 })}`,
  );
  return body.data.trackings;
}

async function shopifyCustomer(email: string, phone?: string): Promise<Json | null> {
  const ask = async (document: string, query: string) =>
    (await post('shopify', '/admin/api/2026-01/graphql.json', { query: document, variables: { query } })).data
      .customers.nodes as Json[];
  const byEmail = (await ask(CUSTOMERS_BY_EMAIL, `email:${shopifyQuote(email)}`)).filter(
    (c) => lower(c.email) === email,
  );
  if (byEmail.length || !phone) return byEmail[0] ?? null;
  return (await ask(CUSTOMERS_BY_PHONE, `phone:${shopifyQuote(phone)}`))[0] ?? null;
}

async function stripeCustomer(email: string): Promise<Json | null> {
  const listed = (await get('stripe', `/v1/customers?${qs({ email, limit: 10 })}`)).body;
  const match = listed.data.find((c: Json) => lower(c.email) === email);
  if (match) return match;
  const searched = (
    await get('stripe', `/v1/customers/search?${qs({ query: emailQuery(email), limit: 10 })}`)
  ).body;
  return searched.data.find((c: Json) => lower(c.email) === email) ?? null;
}

/**
 * The help desks' person lookup, shared by the customer and the cases (as the connectors' single
 * flight): HubSpot's contact read by email names its tickets; by phone, a CRM search.
 */
function hubspotContacts(email: string, phone?: string): Promise<{ contacts: Json[]; ticketIds?: string[] }> {
  return (async () => {
    const read = await get(
      'hubspot',
      `/crm/v3/objects/contacts/${encodeURIComponent(email)}?${qs({
        idProperty: 'email',
        properties: CONTACT_PROPERTIES.join(','),
        associations: 'tickets',
      })}`,
    );
    if (read.status === 200 && lower(read.body.properties.email) === email) {
      const ids = ((read.body.associations?.tickets?.results ?? []) as Json[]).map((r) => r.id as string);
      return { contacts: [read.body], ticketIds: ids.sort((a, b) => Number(b) - Number(a)).slice(0, 200) };
    }
    if (!phone) return { contacts: [] };
    const found = await post('hubspot', '/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'phone', operator: 'EQ', value: phone }] },
        { filters: [{ propertyName: 'mobilephone', operator: 'EQ', value: phone }] },
      ],
      properties: CONTACT_PROPERTIES,
      limit: 10,
    });
    return { contacts: found.results as Json[] };
  })();
}

/** The tickets the contact read named, in batch reads of 100; else a search per five contacts (as the connector). */
async function hubspotTickets(lookup: Promise<{ contacts: Json[]; ticketIds?: string[] }>): Promise<Json[]> {
  const { contacts, ticketIds } = await lookup;
  const tickets: Json[] = [];
  if (ticketIds) {
    const batches: string[][] = [];
    for (let i = 0; i < ticketIds.length; i += 100) batches.push(ticketIds.slice(i, i + 100));
    const replies = await Promise.all(
      batches.map((batch) =>
        post('hubspot', '/crm/v3/objects/tickets/batch/read', {
          properties: TICKET_PROPERTIES,
          inputs: batch.map((id) => ({ id })),
        }),
      ),
    );
    for (const reply of replies) tickets.push(...reply.results);
  } else {
    const ids = contacts.map((c) => c.id as string);
    for (let i = 0; i < ids.length; i += 5) {
      const reply = await post('hubspot', '/crm/v3/objects/tickets/search', {
        filterGroups: ids
          .slice(i, i + 5)
          .map((id) => ({ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: id }] })),
        properties: TICKET_PROPERTIES,
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
        limit: 200,
      });
      tickets.push(...reply.results);
    }
  }
  return tickets.map((t: Json) => ({
    ...t,
    stage: stages?.get(t.properties.hs_pipeline_stage),
  }));
}

function zendeskUsers(email: string, phone?: string): Promise<{ users: Json[]; byEmail: boolean }> {
  const search = async (query: string) =>
    (await get('zendesk', `/api/v2/users/search?${qs({ query })}`)).body.users as Json[];
  return (async () => {
    const byEmail = (await search(`email:${email}`)).filter((u) => lower(u.email) === email);
    const digits = phone?.replace(/\D/g, '');
    if (byEmail.length || !digits) return { users: byEmail, byEmail: true };
    return { users: await search(`phone:${digits}`), byEmail: false };
  })();
}

/**
 * A new customer's tickets (as the connector, with no user id remembered): a ticket search by
 * requester beside the user search, kept for the users found by email; else their requested tickets.
 */
async function zendeskTickets(
  email: string,
  users: Promise<{ users: Json[]; byEmail: boolean }>,
): Promise<Json[]> {
  const searched = get(
    'zendesk',
    `/api/v2/search?${qs({ query: `type:ticket requester:"${email}"`, sort_by: 'updated_at', sort_order: 'desc', per_page: 100 })}`,
  );
  const found = await users;
  if (found.byEmail) {
    const ids = new Set(found.users.map((u) => u.id));
    return ((await searched).body.results as Json[]).filter((t) => ids.has(t.requester_id));
  }
  await searched;
  const tickets: Json[] = [];
  for (const u of found.users) {
    const { status, body } = await get(
      'zendesk',
      `/api/v2/users/${u.id}/tickets/requested?${qs({ sort_by: 'updated_at', sort_order: 'desc', per_page: 100 })}`,
    );
    if (status === 200) tickets.push(...body.tickets);
  }
  return tickets;
}

/** HubSpot's ticket pipelines, read once (the hub's connector caches them too). */
let stages: Map<string, Json> | undefined;

async function orderContext(number: string): Promise<Json | null> {
  const [shopify, shipbob, stripe] = await Promise.all([
    shopifyOrder(number),
    shipbobOrder(number),
    stripeOrder(number),
  ]);
  if (!shopify && !shipbob && !stripe) return null;
  const email = lower(shopify?.email ?? shopify?.customer?.email);
  const phone = shopify?.phone ?? shopify?.customer?.phone ?? undefined;
  const parcels = parcelsOf(shopify, shipbob);
  const contacts = email ? hubspotContacts(email, phone) : Promise.resolve({ contacts: [] });
  const users = email ? zendeskUsers(email, phone) : Promise.resolve({ users: [], byEmail: false });
  const none = Promise.resolve(null);
  const [
    trackers,
    trackings,
    shopifyPerson,
    stripePerson,
    hubspotPeople,
    zendeskPeople,
    hsTickets,
    zdTickets,
  ] = await Promise.all([
    parcels.length ? easypost(parcels) : [],
    parcels.length ? aftership(parcels) : [],
    email ? shopifyCustomer(email, phone) : none,
    email ? stripeCustomer(email) : none,
    contacts,
    users,
    hubspotTickets(contacts),
    email ? zendeskTickets(email, users) : [],
  ]);
  // The merge: one document with every source's answer, the way a support agent reads it.
  const cases = [...hsTickets, ...zdTickets].sort((a, b) =>
    String(b.updated_at ?? b.properties?.hs_lastmodifieddate ?? '').localeCompare(
      String(a.updated_at ?? a.properties?.hs_lastmodifieddate ?? ''),
    ),
  );
  return {
    order: {
      number,
      status: shopify?.displayFulfillmentStatus ?? shipbob?.status,
      placedAt: shopify?.createdAt ?? shipbob?.created_date,
      total: shopify?.totalPriceSet?.shopMoney,
      lines: shopify?.lineItems?.nodes ?? [],
      shipments: parcels.map((p) => ({
        ...p,
        easypost: trackers.find((t: Json) => t.tracking_code === p.number),
        aftership: trackings.find((t: Json) => t.tracking_number === p.number),
      })),
      warehouse: shipbob,
      payments: stripe ?? [],
      shop: shopify,
    },
    customer: {
      email,
      phone,
      shop: shopifyPerson,
      payments: stripePerson,
      crm: [...hubspotPeople.contacts, ...zendeskPeople.users],
    },
    cases,
    sources: ['shopify', 'shipbob', 'stripe', 'easypost', 'aftership', 'hubspot', 'zendesk'],
    generatedAt: new Date().toISOString(),
  };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const match = /^\/v1\/orders\/([^/?]+)\/context/.exec(req.url ?? '');
  if (req.url === '/health/ready') {
    res.end('ok');
    return;
  }
  if (!match) {
    res.statusCode = 404;
    res.end();
    return;
  }
  orderContext(decodeURIComponent(match[1])).then(
    (answer) => {
      res.statusCode = answer ? 200 : 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer ?? { error: 'order_not_found' }));
    },
    (error: unknown) => {
      res.statusCode = 502;
      res.end(JSON.stringify({ error: String(error) }));
    },
  );
}

async function main(): Promise<void> {
  const { body } = await get('hubspot', '/crm/v3/pipelines/tickets');
  stages = new Map();
  for (const p of body.results) for (const s of p.stages) stages.set(s.id, { ...s, pipeline: p.id });
  const port = Number(process.env.PORT ?? 3999);
  createServer(handle).listen(port, '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
