import {
  ORDER_FOR_STORE_CREDIT,
  STORE_CREDIT_ACCOUNT_CREDIT,
} from '../../../connectors/shopify/shopify.remedy-mutations';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { ANCHOR, control, graphql } from './sandbox.helpers';

const NOW = /^2025-06-01T12:0\d:\d\dZ$/;

describe('sandbox: Shopify storeCreditAccountCredit', () => {
  let sandbox: Sandbox;

  const credit = (id: string, amount: string, currencyCode: string, extra: Record<string, unknown> = {}) =>
    graphql(sandbox, STORE_CREDIT_ACCOUNT_CREDIT, {
      id,
      creditInput: { creditAmount: { amount, currencyCode }, ...extra },
    });
  const accounts = async (customerId: string) =>
    (
      await graphql(
        sandbox,
        'query Accounts($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 5) { nodes { id balance { amount currencyCode } } } } }',
        { id: customerId },
      )
    ).body.data.customer.storeCreditAccounts.nodes;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('opens the account in the currency paid on the first credit and adds to it on the second', async () => {
    const found = await graphql(sandbox, ORDER_FOR_STORE_CREDIT, { query: 'name:"#1004"' });
    const [order] = found.body.data.orders.nodes;
    expect(order).toMatchObject({
      currencyCode: 'EUR',
      customer: { id: expect.any(String), displayName: expect.any(String) },
    });
    const customer = order.customer.id;
    expect(await accounts(customer)).toEqual([]);

    const one = await credit(customer, '10.00', 'EUR');
    expect(one.body).toMatchObject({
      data: {
        storeCreditAccountCredit: {
          storeCreditAccountTransaction: {
            amount: { amount: '10.0', currencyCode: 'EUR' },
            balanceAfterTransaction: { amount: '10.0', currencyCode: 'EUR' },
            account: { id: expect.stringMatching(/^gid:\/\/shopify\/StoreCreditAccount\/\d+$/) },
          },
          userErrors: [],
        },
      },
      extensions: { cost: { actualQueryCost: 10 } },
    });
    const account = one.body.data.storeCreditAccountCredit.storeCreditAccountTransaction.account.id;
    const two = await credit(customer, '5.5', 'EUR');
    expect(two.body.data.storeCreditAccountCredit.storeCreditAccountTransaction).toEqual({
      amount: { amount: '5.5', currencyCode: 'EUR' },
      balanceAfterTransaction: { amount: '15.5', currencyCode: 'EUR' },
      account: { id: account },
    });
    expect(await accounts(customer)).toEqual([
      { id: account, balance: { amount: '15.5', currencyCode: 'EUR' } },
    ]);
    const node = await graphql(
      sandbox,
      `{ node(id: "${account}") { ... on StoreCreditAccount { owner { ... on Customer { id } } transactions(first: 5) { nodes { ... on StoreCreditAccountCreditTransaction { amount { amount } createdAt event } } } } } }`,
    );
    expect(node.body.data.node).toEqual({
      owner: { id: customer },
      transactions: {
        nodes: [
          { amount: { amount: '10.0' }, createdAt: expect.stringMatching(NOW), event: 'ADJUSTMENT' },
          { amount: { amount: '5.5' }, createdAt: expect.stringMatching(NOW), event: 'ADJUSTMENT' },
        ],
      },
    });
    expect(sandbox.writes().writes).toEqual([
      { vendor: 'shopify', operation: 'storeCreditAccountCredit', at: expect.stringMatching(NOW) },
      { vendor: 'shopify', operation: 'storeCreditAccountCredit', at: expect.stringMatching(NOW) },
    ]);
  });

  it('one account per currency; an account id takes credit in its own currency only', async () => {
    const customer = 'gid://shopify/Customer/7000001';
    const usd = (await credit(customer, '1', 'USD')).body.data.storeCreditAccountCredit
      .storeCreditAccountTransaction;
    const jpy = (await credit(customer, '500', 'JPY')).body.data.storeCreditAccountCredit
      .storeCreditAccountTransaction;
    expect(jpy.account.id).not.toBe(usd.account.id);
    const byAccount = await credit(usd.account.id, '2.25', 'USD');
    expect(
      byAccount.body.data.storeCreditAccountCredit.storeCreditAccountTransaction.balanceAfterTransaction,
    ).toEqual({
      amount: '3.25',
      currencyCode: 'USD',
    });
    const mismatch = await credit(usd.account.id, '1', 'EUR');
    expect(mismatch.body.data.storeCreditAccountCredit).toEqual({
      storeCreditAccountTransaction: null,
      userErrors: [
        {
          field: ['creditInput', 'creditAmount', 'currencyCode'],
          message: expect.any(String),
          code: 'MISMATCHING_CURRENCY',
        },
      ],
    });
    expect(await accounts(customer)).toEqual([
      { id: usd.account.id, balance: { amount: '3.25', currencyCode: 'USD' } },
      { id: jpy.account.id, balance: { amount: '500.0', currencyCode: 'JPY' } },
    ]);
  });

  it('refuses with Shopify’s codes and writes nothing', async () => {
    const customer = 'gid://shopify/Customer/7000002';
    const cases: [string, string, string, Record<string, unknown>, string][] = [
      ['gid://shopify/Customer/1', '10', 'USD', {}, 'OWNER_NOT_FOUND'],
      ['gid://shopify/Order/5001001', '10', 'USD', {}, 'OWNER_NOT_FOUND'],
      ['gid://shopify/StoreCreditAccount/1', '10', 'USD', {}, 'ACCOUNT_NOT_FOUND'],
      [customer, '0', 'USD', {}, 'NEGATIVE_OR_ZERO_AMOUNT'],
      [customer, '-5', 'USD', {}, 'NEGATIVE_OR_ZERO_AMOUNT'],
      [customer, '10', 'CHF', {}, 'UNSUPPORTED_CURRENCY'],
      [customer, '10', 'USD', { expiresAt: '2025-05-01T00:00:00Z' }, 'EXPIRES_AT_IN_PAST'],
    ];
    for (const [id, amount, currency, extra, code] of cases) {
      const reply = await credit(id, amount, currency, extra);
      expect([id, amount, reply.body.data.storeCreditAccountCredit]).toEqual([
        id,
        amount,
        {
          storeCreditAccountTransaction: null,
          userErrors: [{ field: expect.any(Array), message: expect.any(String), code }],
        },
      ]);
    }
    const later = await credit(customer, '10', 'USD', { expiresAt: '2026-01-01T00:00:00Z' });
    expect(later.body.data.storeCreditAccountCredit.userErrors).toEqual([]);
    expect(sandbox.writes().writes).toHaveLength(1);
  });

  it('answers a malformed id or input with a GraphQL error', async () => {
    const id = await credit('7000001', '10', 'USD');
    expect(id.body.errors[0].message).toBe("Invalid global id '7000001'");
    const amount = await credit('gid://shopify/Customer/7000001', 'ten', 'usd');
    expect(amount.body.errors[0].extensions.problems.map((p: any) => p.path)).toEqual([
      ['creditAmount', 'amount'],
      ['creditAmount', 'currencyCode'],
    ]);
    expect(sandbox.writes().writes).toEqual([]);
  });

  it('a throttled or failed credit changes nothing', async () => {
    const customer = 'gid://shopify/Customer/7000004';
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', {
      throttleRate: 1,
      operations: ['StoreCreditAccountCredit'],
    });
    expect((await credit(customer, '1', 'EUR')).body.errors[0].extensions.code).toBe('THROTTLED');
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { throttleRate: 0, errorRate: 1 });
    expect((await credit(customer, '1', 'EUR')).status).toBe(503);
    await control(sandbox, 'DELETE', '/_sandbox/faults/shopify');
    expect(await accounts(customer)).toEqual([]);
    expect(sandbox.writes().writes).toEqual([]);
    expect(sandbox.stats().vendors.shopify.operations).toMatchObject({ StoreCreditAccountCredit: 2 });
  });

  it('reset closes the accounts and empties the ledger', async () => {
    const customer = 'gid://shopify/Customer/7000004';
    await credit(customer, '10', 'EUR');
    await control(sandbox, 'POST', '/_sandbox/reset');
    expect(await accounts(customer)).toEqual([]);
    expect(sandbox.writes()).toEqual({ writes: [], replays: 0 });
    const again = await credit(customer, '3', 'EUR');
    expect(
      again.body.data.storeCreditAccountCredit.storeCreditAccountTransaction.balanceAfterTransaction,
    ).toEqual({
      amount: '3.0',
      currencyCode: 'EUR',
    });
  });
});
