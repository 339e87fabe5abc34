import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { ANCHOR, control, graphql } from './sandbox.helpers';

const NOTE = `mutation Note($input: OrderInput!) {
  orderUpdate(input: $input) { order { id note } userErrors { field message } }
}`;

describe('sandbox: the write ledger (GET /_sandbox/writes)', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => control(sandbox, 'POST', '/_sandbox/reset'));

  const setNote = (note: string) =>
    graphql(sandbox, NOTE, { input: { id: 'gid://shopify/Order/5001001', note } });

  it('lists every write that changed a view, with the key the client wrote', async () => {
    await setNote('Call back on Monday [hub:act-1]');
    await setNote('Call back on Monday [hub:act-1]'); // the same note again: nothing changes
    const reply = await control(sandbox, 'GET', '/_sandbox/writes');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      writes: [
        {
          vendor: 'shopify',
          operation: 'orderUpdate',
          orderNumber: '1001',
          key: 'act-1',
          at: expect.stringMatching(/^2025-06-01T12:0\d:\d\dZ$/),
        },
      ],
      replays: 0,
    });
    expect(sandbox.writes()).toEqual(reply.body);
    // Stats count write requests, changed or not.
    expect(sandbox.stats().vendors.shopify).toMatchObject({ writes: 2, operations: { Note: 2 } });
  });

  it('a write without a hub marker has no key', async () => {
    await setNote('Plain note');
    expect(sandbox.writes().writes).toEqual([
      { vendor: 'shopify', operation: 'orderUpdate', orderNumber: '1001', at: expect.any(String) },
    ]);
  });

  it('is emptied by POST /_sandbox/reset, which also puts the views back', async () => {
    await setNote('Temporary [hub:act-2]');
    expect(sandbox.writes().writes).toHaveLength(1);
    await control(sandbox, 'POST', '/_sandbox/reset');
    expect(sandbox.writes()).toEqual({ writes: [], replays: 0 });
    const order = await graphql(sandbox, '{ order(id: "gid://shopify/Order/5001001") { note } }');
    expect(order.body.data.order.note).toBeNull(); // #1001 has no note in the world
  });

  it('is listed among the control endpoints', async () => {
    const index = await control(sandbox, 'GET', '/_sandbox');
    expect(index.body.endpoints).toContain('GET    /_sandbox/writes');
  });
});
