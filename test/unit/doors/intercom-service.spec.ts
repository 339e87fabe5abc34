import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type ActionView } from '../../../src/actions/action-request.schema';
import { type AuditNote } from '../../../src/audit/audit-note';
import { customerSubject } from '../../../src/audit/audit-subject';
import { ApiKeyStore } from '../../../src/auth/api-key.store';
import { HubException } from '../../../src/common/problem';
import { parseConfig } from '../../../src/config/config.loader';
import { HUB_CONFIG } from '../../../src/config/config.tokens';
import { type CustomerContext, type OrderContext } from '../../../src/context/context.schemas';
import { CustomerContextService } from '../../../src/context/customer-context.service';
import { OrderContextService } from '../../../src/context/order-context.service';
import { InsightsService } from '../../../src/insights/insights.service';
import { IntercomActions } from '../../../src/doors/intercom/intercom-actions';
import { CanvasResponseSchema } from '../../../src/doors/intercom/intercom-canvas.schema';
import { type DoorState } from '../../../src/doors/intercom/intercom-request.schema';
import { clickKey } from '../../../src/doors/intercom/intercom-click-action';
import { type IntercomCall, IntercomService } from '../../../src/doors/intercom/intercom.service';
import { anOrder } from '../../support/canonical.factory';
import { intercomSignature } from '../../support/intercom-signer';

const SECRET = 'unit-intercom-client-secret';
const NOW = new Date('2026-12-01T10:00:00Z');
const ORDER = anOrder({ number: '1001' });

const yaml = (door: boolean) =>
  [
    'apiKeys:',
    "  - { name: door-key, key: door-key-000001, scopes: [actions:write], refundLimit: { USD: '10.00' } }",
    ...(door ? ['doors:', `  intercom: { clientSecret: ${SECRET}, actAs: door-key }`] : []),
    'connectors: {}',
  ].join('\n');

const action = (overrides: Partial<ActionView> = {}): ActionView => ({
  id: '0b6f1a52-8d7e-4c1f-9e3a-2b4c6d8e0f12',
  status: 'queued',
  type: 'refund',
  orderNumber: '1001',
  connector: 'stripe',
  params: { amount: '5.00', currency: 'USD' },
  attempts: 0,
  maxAttempts: 5,
  createdAt: '2026-12-01T10:00:01Z',
  updatedAt: '2026-12-01T10:00:01Z',
  ...overrides,
});

/** The service as the container wires it, its read paths and the actions pipeline replaced. */
async function setup(options: { door?: boolean; workspaceId?: string } = {}) {
  const customers = { customerContext: jest.fn<Promise<CustomerContext>, unknown[]>() };
  const orders = { orderContext: jest.fn<Promise<OrderContext>, unknown[]>() };
  const actions = { request: jest.fn(), status: jest.fn() };
  customers.customerContext.mockResolvedValue({
    customer: null,
    orders: [ORDER],
    cases: [],
    insights: { flags: [], escalate: false, escalationReasons: [] },
    remedies: [],
    sources: [],
    generatedAt: NOW.toISOString(),
  });
  orders.orderContext.mockResolvedValue({
    order: ORDER,
    customer: null,
    cases: [],
    insights: { flags: [], escalate: false, escalationReasons: [] },
    remedies: [],
    sources: [],
    generatedAt: NOW.toISOString(),
  });
  const config = parseConfig(yaml(options.door ?? true), {}, 'test');
  if (options.workspaceId) config.doors.intercom!.workspaceId = options.workspaceId;
  const moduleRef = await Test.createTestingModule({
    providers: [
      IntercomService,
      InsightsService,
      { provide: HUB_CONFIG, useValue: config },
      { provide: ApiKeyStore, useValue: new ApiKeyStore(config.apiKeys) },
      { provide: CustomerContextService, useValue: customers },
      { provide: OrderContextService, useValue: orders },
      { provide: IntercomActions, useValue: actions },
    ],
  }).compile();
  return { service: moduleRef.get(IntercomService), customers, orders, actions };
}

/** What the service added to the request's audit row, merged as the audit hook merges it. */
let audited: AuditNote = {};
beforeEach(() => {
  audited = {};
});

function signed(body: unknown, requestId = 'req-1'): IntercomCall {
  const raw = JSON.stringify(body);
  return {
    headers: intercomSignature(SECRET, raw),
    rawBody: Buffer.from(raw),
    requestId,
    audit: (note) => {
      audited = { ...audited, ...note };
    },
  };
}

const contact = {
  contact: { email: 'ada@example.com' },
  context: { conversation_id: 42 },
  admin: { name: 'Dana' },
};
const state: DoorState = {
  v: 1,
  email: 'ada@example.com',
  nonce: '3f0c2a9e-5b1d-4c7e-9a2f-1d2e3f4a5b6c',
  issuedAt: NOW.toISOString(),
  orders: [{ number: '1001', currency: 'USD' }],
};
const click = (componentId: string, inputs: Record<string, string> = {}, stored: unknown = state) => ({
  ...contact,
  component_id: componentId,
  current_canvas: { stored_data: stored },
  input_values: inputs,
});
const texts = (answer: unknown) =>
  CanvasResponseSchema.parse(answer).canvas.content.components.flatMap((c) =>
    c.type === 'text' ? [c.text] : [],
  );

beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

describe('IntercomService', () => {
  it('is a 404 door_not_configured while doors.intercom is not set', async () => {
    const { service } = await setup({ door: false });
    await expect(service.initialize(signed(contact))).rejects.toMatchObject({
      status: 404,
      code: 'door_not_configured',
    });
  });

  it('refuses an unsigned request before asking anyone', async () => {
    const { service, customers } = await setup();
    const call = { ...signed(contact), headers: {} };
    await expect(service.initialize(call)).rejects.toMatchObject({ status: 401, code: 'door_unauthorized' });
    expect(customers.customerContext).not.toHaveBeenCalled();
  });

  it('a failure nobody planned for is a readable canvas with the request id, never a 500', async () => {
    const { service, customers, actions } = await setup();
    customers.customerContext.mockRejectedValue(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    const answer = await service.initialize(signed(contact, 'req-boom'), NOW);
    expect(texts(answer)).toEqual([
      'Something went wrong',
      'The hub could not answer (reference req-boom). Try again in a moment.',
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/TypeError|reading/);
    actions.request.mockRejectedValue(new Error('connection refused'));
    expect(texts(await service.submit(signed(click('refund:1001', { 'refund-amount': '5' })), NOW))[0]).toBe(
      'Something went wrong',
    );
  });

  it('answers only its workspace when doors.intercom.workspaceId is set', async () => {
    const { service, customers } = await setup({ workspaceId: 'ecahpwf5' });
    const other = await service.initialize(signed({ ...contact, workspace_id: 'zz999' }), NOW);
    expect(texts(other)[0]).toBe('Not for this workspace');
    expect(customers.customerContext).not.toHaveBeenCalled();
    const own = await service.initialize(signed({ ...contact, workspace_id: 'ecahpwf5' }), NOW);
    expect(texts(own)[0]).not.toBe('Not for this workspace');
    expect(customers.customerContext).toHaveBeenCalledTimes(1);
  });

  it("warns that a lead's email is unverified before anyone acts on the orders it finds", async () => {
    const { service } = await setup();
    const lead = await service.initialize(
      signed({ ...contact, contact: { email: 'ada@example.com', role: 'lead' } }),
      NOW,
    );
    expect(texts(lead).join('\n')).toContain(
      'This contact is a lead: Intercom has not verified their email.',
    );
    const user = await service.initialize(
      signed({ ...contact, contact: { email: 'ada@example.com', role: 'user' } }),
      NOW,
    );
    expect(texts(user).join('\n')).not.toContain('lead');
  });

  it('a status refresh for an action the hub no longer knows shows the current view, not an error', async () => {
    const { service, actions } = await setup();
    actions.status.mockRejectedValue(new HubException(404, 'action_not_found', 'Not found'));
    const answer = await service.submit(
      signed(click('status', {}, { ...state, actionId: action().id })),
      NOW,
    );
    expect(texts(answer)).toContain('That action is not known here any more: here is the current view.');
    expect(texts(answer)[0]).not.toBe('Something went wrong');
  });

  it('refuses, readably, to act on an order whose number the actions API would not take', async () => {
    const { service, actions } = await setup();
    const odd = { ...state, orders: [{ number: 'SO 2026/1', currency: 'USD' }] };
    const answer = await service.submit(
      signed(click('refund:SO 2026/1', { 'refund-amount': '5' }, odd)),
      NOW,
    );
    expect(actions.request).not.toHaveBeenCalled();
    expect(texts(answer).join('\n')).toMatch(
      /Nothing was done: the hub can act only on orders numbered with/,
    );
  });

  it('requests the action as the actAs key, keyed by conversation, button and canvas', async () => {
    const { service, actions } = await setup();
    actions.request.mockResolvedValue({ action: action() });
    const answer = await service.submit(signed(click('refund:1001', { 'refund-amount': '5' })), NOW);
    const [principal, orderNumber, key, body] = actions.request.mock.calls[0];
    expect(principal).toMatchObject({ name: 'door-key', refundLimit: { USD: '10.00' } });
    expect([orderNumber, key]).toEqual(['1001', clickKey('42', 'refund:1001', state.nonce)]);
    expect(body).toEqual({
      type: 'refund',
      amount: { amount: '5', currency: 'USD' },
      reason: 'Requested in Intercom by Dana (conversation 42)',
    });
    // The request's audit row: about Ada (a hash), which teammate, what was requested as which key.
    expect(audited).toEqual({
      subject: { type: 'customer', subject: customerSubject('email', 'ada@example.com') },
      apiKeyName: 'door-key',
      outcome: 'action_requested',
      detail: `Intercom, Dana in conversation 42: refund #1001 as door-key, action ${action().id}`,
    });
    const stored = CanvasResponseSchema.parse(answer).canvas.stored_data as DoorState;
    // The outcome canvas is a new rendering: its clicks are new clicks.
    expect(stored).toMatchObject({ actionId: action().id, order: '1001', email: 'ada@example.com' });
    expect(stored.nonce).not.toBe(state.nonce);
  });

  it('the same button used with other values: shows what it requested first', async () => {
    const { service, actions } = await setup();
    actions.request.mockRejectedValue(
      new HubException(409, 'idempotency_key_reused', 'Conflict', 'used', undefined, {
        actionId: action().id,
      }),
    );
    actions.status.mockResolvedValue({
      action: action({ status: 'succeeded', result: { summary: 'Refunded $5.00.' } }),
    });
    const answer = await service.submit(signed(click('refund:1001', { 'refund-amount': '6' })), NOW);
    expect(actions.status).toHaveBeenCalledWith(expect.objectContaining({ name: 'door-key' }), action().id);
    expect(texts(answer)).toEqual([
      'Refund of $5.00 on #1001',
      'This button was already used from this view: here is what it requested.',
      'Done: Refunded $5.00.',
    ]);
  });

  it('what the pipeline refuses is said on the order, and nothing is done', async () => {
    const { service, actions } = await setup();
    actions.request.mockRejectedValue(
      new HubException(422, 'action_not_supported', 'Unprocessable', 'No configured connector can refund.'),
    );
    const answer = await service.submit(signed(click('refund:1001', { 'refund-amount': '5' })), NOW);
    expect(texts(answer)).toContain('Nothing was done: No configured connector can refund.');
  });

  it('stored data that is not the hub’s, or no button it knows, shows the current view and acts on nothing', async () => {
    const { service, actions } = await setup();
    for (const call of [
      click('refund:1001', { 'refund-amount': '5' }, { v: 1, email: 'ada@example.com' }),
      click('refund:1001', { 'refund-amount': '5' }, null),
      click('launch-rocket'),
    ]) {
      const answer = await service.submit(signed(call), NOW);
      expect(texts(answer)[0]).toBe(
        'That view was out of date, so nothing was done: here is the current one.',
      );
    }
    expect(actions.request).not.toHaveBeenCalled();
  });

  it('nobody knows the contact, or no system could be asked: a canvas that says so and what to check', async () => {
    const { service, customers } = await setup();
    customers.customerContext.mockRejectedValueOnce(
      new HubException(404, 'customer_not_found', 'Customer not found'),
    );
    expect(texts(await service.initialize(signed(contact), NOW))).toEqual([
      'Nothing found',
      'No connected system knows ada@example.com.',
    ]);
    customers.customerContext.mockRejectedValueOnce(
      new HubException(503, 'sources_unavailable', 'Sources unavailable', 'none', undefined, {
        sources: [
          {
            connector: 'shopify',
            system: 'oms',
            status: 'unavailable',
            fallback: { instructions: 'Open Shopify admin → Customers and search ada@example.com.' },
          },
        ],
      }),
    );
    expect(texts(await service.initialize(signed(contact), NOW))).toEqual([
      'No system could answer',
      'Check by hand meanwhile:',
      '**shopify** could not be asked: Open Shopify admin → Customers and search ada@example.com.',
    ]);
  });
});
