import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * Issue 10, defect 8: a source's status means one thing. HubSpot finds the contact, but its
 * ticket reads hang (a sandbox fault on that operation alone) until the deadline: it answered in
 * part.
 */
describe('a source that answered only in part', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => {
      c.context.deadlineMs = 1_000;
    });
    await hub.fault('hubspot', { hang: true, operations: ['POST /crm/v3/objects/tickets/batch/read'] });
  });
  afterAll(() => hub.close());

  it('is partial, with the missing call named and a fallback, and flagged for the agent', async () => {
    const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    const hubspot = res.body.sources.find((s: { connector: string }) => s.connector === 'hubspot');
    expect(hubspot).toMatchObject({
      status: 'partial',
      error: { code: 'timeout', message: expect.stringMatching(/^[a-z ]+: /) },
      fallback: { instructions: expect.stringMatching(/HubSpot/) },
    });
    expect(res.body.insights.flags).toContainEqual({
      code: 'source_unavailable',
      severity: 'warning',
      message: 'hubspot (crm) answered only in part; some of its data is missing.',
    });
    for (const s of res.body.sources) if (s.status === 'ok') expect(s).not.toHaveProperty('error');
  });
});
