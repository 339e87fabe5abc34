import { type CanvasResponse } from '../../doors/intercom/intercom-canvas.schema';

/**
 * What Intercom sends the inbox app and the canvases the hub answers with, for a conversation with
 * Benjamin Carter: his orders, then (a teammate clicked #1037) the order with its lost parcel and
 * the buttons to act on it. Trimmed to two orders.
 */

const CONVERSATION = {
  workspace_id: 'ecahpwf5',
  workspace_region: 'us',
  admin: { id: '5712345', name: 'Dana Reyes', email: 'dana.reyes@example.com' },
  context: { conversation_id: '215470016385219', location: 'conversation', locale: 'en' },
  contact: {
    id: '6650d1e2f0a1b2c3d4e5f607',
    role: 'user',
    email: 'benjamin.carter@example.com',
    name: 'Benjamin Carter',
  },
};

const ORDERS_SHOWN = [
  { number: '1037', currency: 'USD' },
  { number: '1029', currency: 'USD' },
];

/** The canvas stored with the overview; Intercom sends it back with the next click. */
const OVERVIEW_STATE = {
  v: 1,
  email: 'benjamin.carter@example.com',
  nonce: '9932db9d-cf6f-45f2-8072-bdd52f68496a',
  issuedAt: '2026-12-03T15:55:31.304Z',
  orders: ORDERS_SHOWN,
};

export const INITIALIZE_REQUEST = CONVERSATION;

export const SUBMIT_REQUEST = {
  ...CONVERSATION,
  component_id: 'order:1037',
  current_canvas: { stored_data: OVERVIEW_STATE },
  input_values: {},
};

const submit = { type: 'submit' } as const;

export const OVERVIEW_CANVAS: CanvasResponse = {
  canvas: {
    content: {
      components: [
        { type: 'text', style: 'header', text: 'Benjamin Carter', bottom_margin: 'none' },
        {
          type: 'text',
          style: 'muted',
          text: 'benjamin.carter@example.com · 5 orders · $551.97 spent · 1 open case',
        },
        {
          type: 'text',
          style: 'error',
          text: '**Escalate:** Order 1037: Shipment 9400772087805493362083 reports a delivery exception.',
        },
        {
          type: 'list',
          items: [
            {
              type: 'item',
              id: 'order:1037',
              title: '#1037 · On its way · $74.91',
              subtitle: 'USPS 9400772087805493362083 · Exception',
              tertiary_text: 'Delivery exception',
              action: submit,
            },
            {
              type: 'item',
              id: 'order:1029',
              title: '#1029 · On its way · $147.27',
              subtitle: 'UPS 1ZJ3NELH0349156022 · In transit',
              action: submit,
            },
          ],
        },
        {
          type: 'button',
          id: 'refresh',
          label: 'Refresh · updated 15:55 UTC',
          style: 'link',
          action: submit,
        },
      ],
    },
    stored_data: OVERVIEW_STATE,
  },
};

export const ORDER_CANVAS: CanvasResponse = {
  canvas: {
    content: {
      components: [
        { type: 'text', style: 'header', text: 'Order #1037' },
        { type: 'text', text: '**#1037** · On its way · $74.91', bottom_margin: 'none' },
        {
          type: 'data-table',
          items: [
            { type: 'field-value', field: 'Placed', value: '2026-11-19' },
            { type: 'field-value', field: 'Payment', value: 'Paid' },
            {
              type: 'field-value',
              field: 'Return',
              value: 'Not eligible: Not delivered yet; the 30-day return window starts at delivery.',
            },
            {
              type: 'field-value',
              field: 'Flags',
              value: 'Shipment 9400772087805493362083 reports a delivery exception.',
            },
          ],
        },
        {
          type: 'text',
          text:
            'USPS [9400772087805493362083](https://tools.usps.com/go/TrackConfirmAction?tLabels=9400772087805493362083)' +
            ' · Exception · expected 2026-11-24',
          bottom_margin: 'none',
        },
        { type: 'divider' },
        { type: 'input', id: 'refund-amount', label: 'Refund amount (USD)', placeholder: 'e.g. 12.34' },
        {
          type: 'text',
          style: 'muted',
          text: 'Refunds up to $100.00 run at once; larger ones wait for approval.',
        },
        { type: 'button', id: 'refund:1037', label: 'Request refund', style: 'secondary', action: submit },
        { type: 'divider' },
        { type: 'button', id: 'home', label: 'Back to all orders', style: 'link', action: submit },
      ],
    },
    stored_data: {
      ...OVERVIEW_STATE,
      nonce: '70f92012-8359-4c45-8eb2-fb6c9fb54364',
      issuedAt: '2026-12-03T15:55:35.919Z',
      order: '1037',
    },
  },
};
