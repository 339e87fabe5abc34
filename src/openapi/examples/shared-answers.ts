import { type Decision } from '../../playbooks/playbook.engine';
import { type Problem } from '../../common/problem';
import { type CustomerContext } from '../../context/context.schemas';
import { allAnswered, ALICE, CASE_WISMO_1001, ORDER_1001 } from './sandbox-records';

/**
 * Answers two operations give alike: Alice Martin's customer context (getCustomerContext, and the
 * card page's getCardContext) and the 503 when no system that knows customers could be asked.
 */

export const ALICE_CONTEXT: CustomerContext = {
  customer: ALICE,
  orders: [ORDER_1001],
  cases: [CASE_WISMO_1001],
  insights: {
    orderStage: 'delivered',
    flags: [],
    returnEligibility: {
      eligible: true,
      until: '2026-12-24T15:16:48Z',
      reason: 'Within the 30-day return window (delivered 2026-11-24).',
    },
    escalate: false,
    escalationReasons: [],
  },
  remedies: [],
  sources: allAnswered('2026-12-03T15:54:31.128Z'),
  generatedAt: '2026-12-03T15:54:31.161Z',
};

export const CUSTOMERS_UNAVAILABLE: Problem = {
  type: 'https://context-hub.dev/problems/sources_unavailable',
  title: 'Sources unavailable',
  status: 503,
  detail: 'No source that knows customers could be asked; see sources[].fallback for what to do by hand.',
  code: 'sources_unavailable',
  sources: [
    {
      connector: 'shopify',
      system: 'oms',
      status: 'unavailable',
      latencyMs: 2002,
      error: { code: 'timeout', message: 'shopify did not answer within the request deadline' },
      fallback: {
        instructions:
          'Open Shopify admin → Customers and search for alice.martin@example.com; the customer page lists ' +
          'their orders.',
        url: 'https://admin.shopify.com/store/sandbox-shop/customers?query=alice.martin%40example.com',
      },
    },
    {
      connector: 'zendesk',
      system: 'crm',
      status: 'skipped',
      error: { code: 'circuit_open', message: 'zendesk is failing; calls are paused (circuit open)' },
      fallback: {
        instructions:
          'Open Zendesk Support, search users for alice.martin@example.com, open the user and read the ' +
          'Tickets tab (requested tickets).',
        url: 'https://sandbox.zendesk.com/agent/search/1?type=user&q=alice.martin%40example.com',
      },
    },
  ],
  requestId: '5b560f30-0c25-4466-98db-8cbbc2c1328a',
};

/** Order 1037's parcel, lost by USPS: the where-is-my-order playbook's decision, unasked. */
export const LOST_1037_DECISION: Decision = {
  playbook: 'where-is-my-order',
  title: 'Where is my order?',
  situation: 'where_is_my_order',
  by: 'detected',
  rule: 'lost-in-transit',
  why: 'A week past its estimate, or stuck in a carrier exception for days, the parcel counts as lost.',
  remedies: [
    { remedy: 'reship', channels: ['agent'], approval: false },
    {
      remedy: 'refund',
      amount: { amount: '74.91', currency: 'USD' },
      channels: ['agent'],
      approval: true,
      action: 'refund',
    },
    { remedy: 'escalate', channels: ['agent', 'bot'], approval: false, team: 'carrier-claims' },
  ],
};
