import { type ApiKeyPrincipal } from '../../../src/auth/api-key.store';
import { type CustomerContext } from '../../../src/context/context.schemas';
import { type ActionView } from '../../../src/actions/action-request.schema';
import { type Insights } from '../../../src/insights/insights.schema';
import {
  CANVAS_MAX_BYTES,
  type CanvasResponse,
  CanvasResponseSchema,
  jsonBytes,
} from '../../../src/doors/intercom/intercom-canvas.schema';
import {
  confirmCancelCanvas,
  messageCanvas,
  orderCanvas,
  outcomeCanvas,
} from '../../../src/doors/intercom/intercom-canvases';
import { overviewCanvas } from '../../../src/doors/intercom/intercom-overview';
import { parseClick } from '../../../src/doors/intercom/intercom-clicks';
import { type OrderView } from '../../../src/doors/intercom/intercom-order-section';
import { type DoorState, DoorStateSchema } from '../../../src/doors/intercom/intercom-request.schema';
import { link, md } from '../../../src/doors/intercom/intercom-text';
import { aCustomer, anOrder, aShipment } from '../../support/canonical.factory';

const state: DoorState = {
  v: 1,
  email: 'ada@example.com',
  nonce: '3f0c2a9e-5b1d-4c7e-9a2f-1d2e3f4a5b6c',
  issuedAt: '2026-12-01T10:00:00Z',
  orders: [],
};
const principal: ApiKeyPrincipal = {
  name: 'intercom-door',
  fingerprint: '0123456789abcdef0123456789abcdef',
  scopes: new Set(['actions:write']),
  refundLimit: { USD: '100.00' },
};
const noInsights: Insights = { flags: [], escalate: false, escalationReasons: [] };

function context(overrides: Partial<CustomerContext> = {}): CustomerContext {
  return {
    customer: aCustomer({
      name: 'Ada Lovelace',
      ordersCount: 3,
      totalSpent: { amount: '149.85', currency: 'USD' },
    }),
    orders: [],
    cases: [],
    insights: noInsights,
    remedies: [],
    sources: [{ connector: 'shopify', system: 'oms', status: 'ok' }],
    generatedAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

/** A valid canvas (every component Canvas Kit knows, both parts within 64 KB), as Intercom reads it. */
function valid(answer: CanvasResponse): CanvasResponse['canvas'] {
  return CanvasResponseSchema.parse(JSON.parse(JSON.stringify(answer))).canvas;
}
const texts = (c: CanvasResponse['canvas']) =>
  c.content.components.flatMap((x) => (x.type === 'text' ? [x.text] : []));

const lost: OrderView = {
  order: anOrder({
    number: '1037',
    fulfillmentStatus: 'fulfilled',
    shipments: [
      aShipment({
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
        status: 'exception',
        estimatedDeliveryAt: '2026-11-25T00:00:00Z',
      }),
    ],
    sources: [
      { connector: 'shopify', id: '5001037', url: 'https://admin.shopify.com/store/s/orders/5001037' },
    ],
  }),
  insights: {
    orderStage: 'in_transit',
    flags: [
      {
        code: 'delivery_exception',
        severity: 'critical',
        message: 'The carrier reported a delivery exception.',
      },
    ],
    returnEligibility: {
      eligible: false,
      reason: 'Not delivered yet; the 30-day return window starts at delivery.',
    },
    escalate: true,
    escalationReasons: ['The carrier reported a delivery exception.'],
  },
};

describe('Intercom canvases', () => {
  it('first canvas: the customer, escalation, and each order as one line to click', () => {
    const canvas = valid(
      overviewCanvas(
        context({
          orders: [lost.order],
          insights: { flags: [], escalate: true, escalationReasons: ['Order 1037: delivery exception'] },
        }),
        [lost],
        { ...state, orders: [{ number: '1037', currency: 'USD' }] },
      ),
    );
    expect(texts(canvas)).toEqual([
      'Ada Lovelace',
      'ada@example.com · 3 orders · $149.85 spent',
      '**Escalate:** Order 1037: delivery exception',
    ]);
    expect(canvas.content.components.find((c) => c.type === 'list')).toEqual({
      type: 'list',
      items: [
        {
          type: 'item',
          id: 'order:1037',
          title: '#1037 · On its way · $49.95',
          subtitle: 'UPS 1Z999AA10123456784 · Exception',
          tertiary_text: 'Delivery exception',
          action: { type: 'submit' },
        },
      ],
    });
    expect(canvas.content.components.at(-1)).toMatchObject({ type: 'button', id: 'refresh' });
    expect(DoorStateSchema.parse(canvas.stored_data)).toEqual({
      ...state,
      orders: [{ number: '1037', currency: 'USD' }],
    });
    // No flag: the line says whether it can still be returned.
    const delivered: OrderView = {
      order: { ...lost.order, shipments: [] },
      insights: {
        ...noInsights,
        returnEligibility: { eligible: true, until: '2026-12-16T10:00:00Z', reason: 'In window.' },
      },
    };
    const list = valid(overviewCanvas(context(), [delivered], state)).content.components.find(
      (c) => c.type === 'list',
    );
    expect(list).toMatchObject({
      items: [{ subtitle: 'Placed 2026-11-01', tertiary_text: 'Returnable until 2026-12-16' }],
    });
  });

  it("order: parcels linked to their tracking, flags, return eligibility, the order in the shop's admin", () => {
    const canvas = valid(orderCanvas(lost, principal, state));
    expect(texts(canvas)).toEqual(
      expect.arrayContaining([
        '**#1037** · On its way · $49.95',
        'UPS [1Z999AA10123456784](https://www.ups.com/track?tracknum=1Z999AA10123456784) · Exception · expected 2026-11-25',
        '[Open #1037 in shopify](https://admin.shopify.com/store/s/orders/5001037)',
      ]),
    );
    const items = canvas.content.components.flatMap((c) => (c.type === 'data-table' ? c.items : []));
    expect(items).toEqual(
      expect.arrayContaining([
        {
          type: 'field-value',
          field: 'Return',
          value: expect.stringMatching(/^Not eligible: Not delivered yet/),
        },
        { type: 'field-value', field: 'Flags', value: 'The carrier reported a delivery exception.' },
      ]),
    );
    // An order with many parcels lists ten and counts the rest (and stays within 64 KB: valid()).
    const many = {
      ...lost,
      order: {
        ...lost.order,
        shipments: Array.from({ length: 15 }, (_, i) =>
          aShipment({
            id: `s${i}`,
            carrier: 'C'.repeat(500),
            trackingUrl: `https://t.example/${'u'.repeat(1_970)}`,
          }),
        ),
      },
    };
    const parcels = texts(valid(orderCanvas(many, principal, state)));
    expect(parcels.filter((t) => t.startsWith('C'))).toHaveLength(10);
    expect(parcels).toContain('and 5 more parcels');
  });

  it('shows what the playbooks let support offer, as every channel gets it', () => {
    const decided = {
      ...lost,
      insights: {
        ...lost.insights,
        decisions: [
          {
            playbook: 'where-is-my-order',
            title: 'Where is my order?',
            situation: 'where_is_my_order',
            by: 'detected' as const,
            rule: 'lost-in-transit',
            why: 'A week past its estimate, the parcel counts as lost.',
            remedies: [
              {
                remedy: 'reship' as const,
                channels: ['agent' as const],
                approval: false,
                action: 'replacement' as const,
              },
              {
                remedy: 'refund' as const,
                amount: { amount: '49.95', currency: 'USD' },
                channels: ['agent' as const],
                approval: true,
                action: 'refund' as const,
              },
              {
                remedy: 'escalate' as const,
                team: 'carrier-claims',
                channels: ['agent' as const, 'bot' as const],
                approval: false,
              },
            ],
          },
        ],
      },
    };
    const policy = (view: typeof lost) =>
      valid(orderCanvas(view, principal, state)).content.components.flatMap((c) =>
        c.type === 'data-table' ? c.items.filter((i) => i.field === 'Policy') : [],
      );
    expect(policy(decided)).toEqual([
      {
        type: 'field-value',
        field: 'Policy',
        value:
          'Where is my order? (lost-in-transit): reship · refund $49.95 (approval) · escalate to carrier-claims',
      },
    ]);
    expect(policy(lost)).toEqual([]);
  });

  it('shows what was refunded, and nothing for a zero refund', () => {
    const refunded = (amount: string) =>
      valid(
        orderCanvas(
          {
            ...lost,
            order: { ...lost.order, totals: { ...lost.order.totals, refunded: { amount, currency: 'USD' } } },
          },
          principal,
          state,
        ),
      ).content.components.flatMap((c) =>
        c.type === 'data-table' ? c.items.filter((i) => i.field === 'Refunded') : [],
      );
    expect(refunded('0.00')).toEqual([]);
    expect(refunded('23.76')).toEqual([{ type: 'field-value', field: 'Refunded', value: '$23.76' }]);
  });

  it('says which systems could not answer and what to check by hand', () => {
    const canvas = valid(
      overviewCanvas(
        context({
          sources: [
            {
              connector: 'stripe',
              system: 'payments',
              status: 'unavailable',
              error: { code: 'timeout', message: 'timed out' },
              fallback: {
                instructions: 'Open Stripe → Payments and search ada@example.com.',
                url: 'https://dashboard.stripe.com/search?query=ada',
              },
            },
          ],
        }),
        [],
        state,
      ),
    );
    expect(texts(canvas)).toEqual(
      expect.arrayContaining([
        '**stripe** could not be asked: [Open Stripe → Payments and search ada@example.com.](https://dashboard.stripe.com/search?query=ada)',
        'No orders found.',
      ]),
    );
  });

  it('fits in 64 KB even at its worst, and drops orders from the end past a limit, saying so', () => {
    const long = (c: string, n: number) => c.repeat(n);
    const views: OrderView[] = Array.from({ length: 50 }, (_, i) => ({
      order: anOrder({
        number: `SO-${long('9', 40)}-${i}`,
        totals: { total: { amount: '123456789012.34', currency: 'USD' } },
        shipments: [aShipment({ carrier: long('C', 500), trackingNumber: long('T', 500) })],
      }),
      insights: {
        ...noInsights,
        flags: [{ code: 'order_on_hold', severity: 'warning', message: long('m', 2_000) }],
      },
    }));
    // Every system down, each with a long way to check it by hand.
    const sources = Array.from({ length: 12 }, (_, i) => ({
      connector: `system-${i}`,
      system: 'oms' as const,
      status: 'unavailable' as const,
      fallback: { instructions: long('i', 1_000), url: `https://admin.example/${long('u', 1_900)}` },
    }));
    const all = { ...state, orders: views.map((v) => ({ number: v.order.number, currency: 'USD' })) };
    const render = (shown: readonly OrderView[], maxBytes?: number) =>
      overviewCanvas(
        context({
          orders: shown.map((v) => v.order),
          sources,
          insights: { flags: [], escalate: true, escalationReasons: [long('r', 5_000)] },
        }),
        shown,
        all,
        undefined,
        maxBytes,
      );
    const shown = (c: CanvasResponse['canvas']) =>
      c.content.components.flatMap((x) => (x.type === 'list' ? x.items : [])).length;
    // Vendor text is cut and systems are counted past eight, so even this fits all 50 orders.
    const worst = valid(render(views));
    expect(shown(worst)).toBe(50);
    expect(jsonBytes(worst.content)).toBeLessThanOrEqual(CANVAS_MAX_BYTES);
    expect(texts(worst)).toContain('and 4 more systems could not answer');
    // Under a tighter limit the same canvas drops orders from the end, and says so.
    const limit = Math.round(jsonBytes(worst.content) / 2);
    const canvas = valid(render(views, limit));
    const count = shown(canvas);
    expect(jsonBytes(canvas.content)).toBeLessThanOrEqual(limit);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(50);
    expect(texts(canvas)).toContain(`Showing ${count} of 50 orders: Intercom limits a canvas to 64 KB.`);
    expect((canvas.stored_data as DoorState).orders).toEqual(all.orders.slice(0, count));
    // As many as fit, not fewer: one more would not have.
    expect(shown(valid(render(views.slice(0, count + 1), limit)))).toBe(count);
  });

  it("shows vendors' text as written: no markup, no link but the hub's own, only to http(s)", () => {
    expect(md('**free** [refund](https://evil.example) `x` <https://a.example> _i_ ~s~')).toBe(
      '\\*\\*free\\*\\* \\[refund\\](https://evil.example) \\`x\\` \\<https://a.example\\> \\_i\\_ \\~s\\~',
    );
    expect(link('1Z](javascript:alert(1))', 'javascript:alert(1)')).toBe('1Z\\](javascript:alert(1))');
    expect(link('track', 'https://t.example/a(b)c d')).toBe('[track](https://t.example/a%28b%29c%20d)');
    expect(link('track', 'ftp://t.example/a')).toBe('track');
    expect(md('y'.repeat(400))).toHaveLength(300);
  });

  it('order: cancel, refund with the key limit, note; a rejected amount is marked on its input', () => {
    const canvas = valid(
      orderCanvas(lost, principal, state, {
        refund: { value: 'ten', error: 'Enter the amount to refund, such as 12.34.' },
      }),
    );
    const ids = canvas.content.components.flatMap((c) => ('id' in c && c.id ? [c.id] : []));
    expect(ids).toEqual(['cancel:1037', 'refund-amount', 'refund:1037', 'note-text', 'note:1037', 'home']);
    expect(canvas.content.components).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'input',
          id: 'refund-amount',
          value: 'ten',
          save_state: 'failed',
          label: 'Refund amount (USD)',
        }),
      ]),
    );
    expect(texts(canvas)).toEqual(
      expect.arrayContaining([
        'Enter the amount to refund, such as 12.34.',
        'Refunds up to $100.00 run at once; larger ones wait for approval.',
      ]),
    );
    expect((canvas.stored_data as DoorState).order).toBe('1037');
    const euro = valid(
      orderCanvas({ ...lost, order: { ...lost.order, currency: 'EUR' } }, { ...principal }, state),
    );
    expect(texts(euro)).toContain('Every EUR refund waits for approval.');
    const cancelled = valid(
      orderCanvas({ ...lost, order: { ...lost.order, status: 'cancelled' } }, principal, state),
    );
    expect(cancelled.content.components.some((c) => c.type === 'button' && c.id === 'cancel:1037')).toBe(
      false,
    );
  });

  it('asks before a cancel, warning when the order has shipped', () => {
    const canvas = valid(confirmCancelCanvas(lost, state));
    expect(texts(canvas)).toContain('It has shipped already: cancelling does not stop the parcel.');
    expect(canvas.content.components.filter((c) => c.type === 'button').map((c) => c.id)).toEqual([
      'cancel-confirm:1037',
      'order:1037',
    ]);
  });

  const action = (overrides: Partial<ActionView>): ActionView => ({
    id: '0b6f1a52-8d7e-4c1f-9e3a-2b4c6d8e0f12',
    status: 'queued',
    type: 'refund',
    orderNumber: '1037',
    connector: 'stripe',
    params: { amount: '150.00', currency: 'USD' },
    attempts: 0,
    maxAttempts: 5,
    createdAt: '2026-12-01T10:00:05Z',
    updatedAt: '2026-12-01T10:00:05Z',
    ...overrides,
  });

  it("outcome: what became of the click, and the task it waits on, with the action's id", () => {
    const held = valid(
      outcomeCanvas(
        {
          action: action({ status: 'manual', taskId: 'f1e2d3c4-0000-4000-8000-000000000001' }),
          task: {
            id: 'f1e2d3c4-0000-4000-8000-000000000001',
            kind: 'refund_approval',
            status: 'open',
            title: 'Approve: Refund 150.00 USD on order #1037',
          },
        },
        state,
      ),
    );
    expect(texts(held)[0]).toBe('Refund of $150.00 on #1037');
    expect(texts(held)[1]).toMatch(
      /^Waiting for approval \(task f1e2d3c4-0000-4000-8000-000000000001\): Approve: Refund/,
    );
    expect((held.stored_data as DoorState).actionId).toBe('0b6f1a52-8d7e-4c1f-9e3a-2b4c6d8e0f12');
    const done = valid(
      outcomeCanvas(
        {
          action: action({
            status: 'succeeded',
            type: 'note',
            params: {},
            result: { summary: 'Added a note.', url: 'https://admin.shopify.com/x' },
          }),
        },
        state,
      ),
    );
    expect(texts(done)).toEqual(['Note on #1037', 'Done: [Added a note.](https://admin.shopify.com/x)']);
    const failed = valid(
      outcomeCanvas(
        {
          action: action({
            status: 'manual',
            type: 'cancel',
            params: {},
            taskId: 'f1e2d3c4-0000-4000-8000-000000000002',
          }),
        },
        state,
      ),
    );
    expect(texts(failed)[1]).toBe(
      'A person finishes it by hand (task f1e2d3c4-0000-4000-8000-000000000002).',
    );
  });

  it('a message canvas always offers to try again', () => {
    const canvas = valid(messageCanvas('No email for this contact', ['Add it in Intercom.']));
    expect(canvas.stored_data).toBeUndefined();
    expect(canvas.content.components.at(-1)).toMatchObject({ type: 'button', id: 'refresh' });
  });

  it('reads back the button that was clicked', () => {
    expect(parseClick('refund:SO-2026-00012')).toEqual({ kind: 'refund', order: 'SO-2026-00012' });
    expect(parseClick('refresh')).toEqual({ kind: 'refresh' });
    expect(parseClick('refund:')).toEqual({ kind: 'unknown', componentId: 'refund:' });
    expect(parseClick('teleport:1001')).toEqual({ kind: 'unknown', componentId: 'teleport:1001' });
    expect(parseClick(undefined)).toEqual({ kind: 'unknown', componentId: undefined });
  });

  it('the schemas refuse what Intercom would not render', () => {
    const renders = (component: unknown) =>
      CanvasResponseSchema.safeParse({ canvas: { content: { components: [component] } } }).success;
    expect(
      renders({ type: 'button', id: 'b', label: 'Go', action: { type: 'url', url: 'javascript:x' } }),
    ).toBe(false);
    expect(renders({ type: 'text', text: 'x', style: 'shout' })).toBe(false);
    expect(renders({ type: 'spacer', size: 'xxl' })).toBe(false);
    expect(renders({ type: 'data-table', items: [] })).toBe(false);
    expect(renders({ type: 'text', text: 'x'.repeat(CANVAS_MAX_BYTES) })).toBe(false);
    expect(renders({ type: 'spacer', size: 'm' })).toBe(true);
  });
});
